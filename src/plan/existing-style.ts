// How the project names the files of packages it already split (a folder whose `__init__.py` re-exports from
// sibling files): plural (`realms.py`) or singular (`deployment.py`, `incident.py`), and the names used. Reads only those
// `__init__.py` files, through the read stage; it proposes nothing.

import { posix } from 'node:path';
import { readProjectFileSync } from '../read/project-files.js';
import type { FileNameStyle } from './grouping/name-files.js';
import { singularize, splitNameTokens } from './grouping/name-tokens.js';

/** One already-split package and how its files are named. */
export interface SplitPackageStyle {
  /** Folder relative to the root (`apps/metrics/models`). */
  readonly folder: string;
  /** Submodule stems its `__init__.py` re-exports from, sorted. */
  readonly files: readonly string[];
  /** Stems whose last word is a plural noun (`realms`, `custom_profile_fields`). */
  readonly plural: readonly string[];
  /** Stems whose last word is a singular noun taken from a name they define (`deployment` for `Deployment`). */
  readonly singular: readonly string[];
  /** Whether its `__init__.py` lists the re-exports in `__all__` (the other style is `X as X` or plain imports). */
  readonly dunderAll: boolean;
}

/**
 * Packages of the project that were split the way modsplit splits: `__init__.py` re-exports names from at least two
 * sibling files (`from .deployment import Deployment`). Migrations folders are skipped.
 *
 * @example
 * // apps/metrics/models/__init__.py: from .deployment import Deployment; from .incident import Incident
 * // -> [{ folder: "apps/metrics/models", files: ["deployment", "incident"], plural: [], singular: [...] }]
 */
export function collectSplitPackages(
  files: readonly string[],
  read: (relPath: string) => string | undefined,
): SplitPackageStyle[] {
  const siblings = new Map<string, Set<string>>();
  for (const file of files) {
    const name = posix.basename(file);
    if (!name.endsWith('.py') || name === '__init__.py') continue;
    const dir = posix.dirname(file);
    const set = siblings.get(dir) ?? new Set<string>();
    siblings.set(dir, set);
    set.add(name.slice(0, -3));
  }
  const out: SplitPackageStyle[] = [];
  for (const file of files) {
    if (posix.basename(file) !== '__init__.py') continue;
    const folder = posix.dirname(file);
    if (folder.split('/').includes('migrations')) continue;
    const own = siblings.get(folder);
    if (!own || own.size < 2) continue;
    const text = read(file);
    if (text === undefined) continue;
    const exported = new Map<string, string[]>();
    for (const match of text.matchAll(/^from[ \t]+\.(\w+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm)) {
      const sub = match[1] as string;
      if (!own.has(sub)) continue;
      const names = (match[2] as string)
        .replace(/[()\\]/g, ' ')
        .replace(/#[^\n]*/g, ' ')
        .split(',')
        .map(
          (part) =>
            part
              .trim()
              .split(/\s+as\s+/)[0]
              ?.trim() ?? '',
        )
        .filter((n) => /^\w+$/.test(n));
      exported.set(sub, [...(exported.get(sub) ?? []), ...names]);
    }
    if (exported.size < 2) continue;
    const plural: string[] = [];
    const singular: string[] = [];
    for (const [stem, names] of exported) {
      const last =
        stem
          .split('_')
          .filter((w) => w !== '')
          .pop() ?? stem;
      if (singularize(last) !== last) plural.push(stem);
      else if (names.some((n) => splitNameTokens(n).includes(last))) singular.push(stem);
    }
    out.push({
      folder,
      files: [...exported.keys()].sort(),
      plural: plural.sort(),
      singular: singular.sort(),
      dunderAll: /^__all__[ \t]*(:[^=\n]*)?=/m.test(text),
    });
  }
  return out.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/**
 * The file-name style of the project's already-split packages, for `proposePlan({ existingStyle })`: plural when
 * most of their noun-named files are plural, singular when most are singular, unset when they do not say; and every
 * file name they use (a topic matching one is preferred). `files` are POSIX paths relative to `root` (as
 * `listProjectFiles` returns them).
 *
 * @example
 * collectExistingSplitStyle("/srv/teamhub", await listProjectFiles("/srv/teamhub"))
 * // -> { plural: true, fileNames: ["deployments.py", "incidents.py", "velocity.py"] }  (apps/metrics/models/)
 */
export function collectExistingSplitStyle(
  root: string,
  files: readonly string[],
  read: (relPath: string) => string | undefined = (relPath) => readQuietly(root, relPath),
): FileNameStyle {
  const packages = collectSplitPackages(files, read);
  const plural = packages.reduce((sum, p) => sum + p.plural.length, 0);
  const singular = packages.reduce((sum, p) => sum + p.singular.length, 0);
  const fileNames = [...new Set(packages.flatMap((p) => p.files))].sort().map((stem) => `${stem}.py`);
  return {
    ...(plural !== singular ? { plural: plural > singular } : {}),
    ...(fileNames.length > 0 ? { fileNames } : {}),
  };
}

function readQuietly(root: string, relPath: string): string | undefined {
  try {
    return readProjectFileSync(root, relPath);
  } catch {
    // An unreadable `__init__.py` (permissions, a broken symlink) says nothing about style.
    return undefined;
  }
}

/**
 * How the project's already-split packages re-export: `all` when most of them list their names in `__all__`,
 * `alias` when most do not, undefined when there are none (the emit stage then follows the original module).
 */
export function findExistingReexportStyle(
  packages: readonly SplitPackageStyle[],
): 'all' | 'alias' | undefined {
  if (packages.length === 0) return undefined;
  const withAll = packages.filter((p) => p.dunderAll).length;
  return withAll * 2 > packages.length ? 'all' : withAll * 2 < packages.length ? 'alias' : undefined;
}
