// Find who reaches the module across the project: list the project's Python files, keep those that mention the
// module's last name (git grep or a regex) and pass a finer text test, parse only those and collect their usage.
// Reads files; writes nothing.

import type { Diagnostic } from '../../model/diagnostics.js';
import type {
  DottedStringSite,
  ImporterSite,
  ModuleAttributeSite,
  ModuleLocation,
  ProjectUsage,
} from '../../model/project.js';
import { createImportRootFinder } from '../../read/module-location.js';
import { withParsedPython } from '../../read/parse-python.js';
import { findFilesContainingWord, listProjectFiles, readProjectFileSync } from '../../read/project-files.js';
import { collectFileUsage } from './collect-file-usage.js';
import { createModuleReferenceTest } from './may-refer-to-module.js';
import { isInsidePackage, targetOf } from './module-target.js';

export interface ScanProjectUsageOptions {
  /** Configured import roots relative to the project root; the same as given to `locateModule`. */
  readonly importRoots?: readonly string[];
  /** Extra gitignore-style patterns of files to leave out (see `listProjectFiles`). */
  readonly exclude?: readonly string[];
  /** The project's `.py` files (relative, POSIX) when the caller listed them already. */
  readonly files?: readonly string[];
}

function unreadable(path: string): Diagnostic {
  return {
    code: 'MS123',
    severity: 'warning',
    message: `${path} could not be read, so imports of the module in it are not known`,
    location: { path, line: 1, column: 1 },
    help: 'fix the file permissions, or exclude the file from the scan',
  };
}

/**
 * Every importer, dotted string and module-attribute site of the module in the project, files in path order.
 *
 * ```python
 * # tests/test_sync.py
 * from apps.integrations.models import sync_repos          # importer (from-import)
 * @mock.patch("apps.integrations.models.GitHubClient")      # dotted string (patch-target)
 * ```
 * The module's own file is not scanned. Files that cannot be read become MS123 warnings in `diagnostics`.
 */
export async function scanProjectUsage(
  location: ModuleLocation,
  options: ScanProjectUsageOptions = {},
): Promise<ProjectUsage> {
  const { root } = location;
  const listed = options.files ?? (await listProjectFiles(root, { exclude: options.exclude ?? [] }));
  const files = listed.filter((path) => path !== location.modulePath);
  const target = targetOf(location);
  const word = target.parts[target.parts.length - 1] as string;
  const found = await findFilesContainingWord(root, files, word);
  // A package's own files can import it relatively without its name (`from . import Field`): always candidates.
  const matched = new Set(found.files);
  const inside = files.filter((path) => isInsidePackage(target, path) && !matched.has(path));
  const search = { ...found, files: [...found.files, ...inside].sort() };
  const diagnostics = search.unreadable.map(unreadable);
  const importRootOf = createImportRootFinder(root, options.importRoots ?? []);
  const importers: ImporterSite[] = [];
  const dottedStrings: DottedStringSite[] = [];
  const attributeSites: ModuleAttributeSite[] = [];
  const mayReferToModule = createModuleReferenceTest(target);
  let parsed = 0;
  for (const path of search.files) {
    let text = search.texts.get(path);
    if (text === undefined) {
      try {
        text = readProjectFileSync(root, path);
      } catch {
        diagnostics.push(unreadable(path));
        continue;
      }
    }
    if (!mayReferToModule(text, path)) continue;
    parsed++;
    const source = text;
    // Not cached: a scan's files are parsed once, and must not push the module's own tree out of the cache.
    const usage = await withParsedPython(
      source,
      (tree) => collectFileUsage(tree, source, { path, importRoot: importRootOf(path) }, target),
      { cache: false },
    );
    importers.push(...usage.importers);
    dottedStrings.push(...usage.dottedStrings);
    attributeSites.push(...usage.attributeSites);
  }
  return {
    importers,
    dottedStrings,
    attributeSites,
    filesScanned: files.length,
    candidates: parsed,
    diagnostics,
  };
}
