// What the project's earlier splits teach: file naming (plural or singular) and re-export style (`__all__` or not),
// so a new split follows the pattern the team already chose. Configuration wins over what is found.

import { type LineLengthSetting, readLineLength } from '../read/line-length.js';
import type { ProjectConfig } from '../read/project-config.js';
import { listProjectFiles, readProjectFileSync } from '../read/project-files.js';
import {
  collectExistingSplitStyle,
  collectSplitPackages,
  findExistingReexportStyle,
  type SplitPackageStyle,
} from './existing-style.js';
import type { FileNameStyle } from './grouping/name-files.js';

export interface ProjectStyle {
  readonly existingStyle: FileNameStyle;
  /** Undefined: follow the original module (`X as X`, or its own `__all__`). */
  readonly reexportStyle?: 'auto' | 'alias' | 'all';
  readonly packages: readonly SplitPackageStyle[];
  /** Where generated import lines wrap: the project's ruff, black or flake8 line length, else 88. */
  readonly lineLength: LineLengthSetting;
}

export async function collectProjectStyle(
  root: string,
  config: ProjectConfig,
  listed?: readonly string[],
): Promise<ProjectStyle> {
  const files = listed ?? (await listProjectFiles(root, { exclude: [...(config.exclude ?? [])] }));
  const read = (relPath: string): string | undefined => {
    try {
      return readProjectFileSync(root, relPath);
    } catch {
      return undefined;
    }
  };
  const packages = collectSplitPackages(files, read);
  const found = findExistingReexportStyle(packages);
  const reexportStyle = config.reexportStyle ?? (found === 'all' ? 'all' : undefined);
  return {
    existingStyle: collectExistingSplitStyle(root, files, read),
    ...(reexportStyle ? { reexportStyle } : {}),
    packages,
    lineLength: readLineLength(root),
  };
}
