// Where a Python file sits in its project: its import root (the `sys.path` entry) and dotted name, found from the
// file system (`__init__.py` folders) and configured import roots. Never from the working directory.

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ModuleLocation } from '../model/project.js';

export interface LocateModuleOptions {
  /** Configured import roots, folders relative to the project root (`src`, `''` for the root). */
  readonly importRoots?: readonly string[];
}

export interface LocatedModule {
  readonly location?: ModuleLocation;
  readonly diagnostics: readonly Diagnostic[];
}

/** Python identifier (PEP 3131, approximated with Unicode ID_Start / ID_Continue). */
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `./src/` -> `src`, `.` -> `''`. */
export function normalizeImportRoot(entry: string): string {
  const cleaned = posix.normalize(toPosix(entry)).replace(/\/+$/, '');
  return cleaned === '.' ? '' : cleaned.replace(/^\.\//, '');
}

function posixDirname(relPath: string): string {
  const dir = posix.dirname(relPath);
  return dir === '.' ? '' : dir;
}

function contains(folder: string, relPath: string): boolean {
  return folder === '' || relPath.startsWith(`${folder}/`);
}

/**
 * A function giving the import root of any project file (relative to `root`, POSIX): the longest configured import
 * root that contains it, else the nearest folder above it that is not a package (walking up while folders hold an
 * `__init__.py`), never above the project root. Folder lookups are cached, so it is cheap to call for every file.
 * Example: `src/app/views.py` with `src/app/__init__.py` and no `src/__init__.py` gives `src`.
 */
export function createImportRootFinder(
  root: string,
  importRoots: readonly string[] = [],
): (relPath: string) => string {
  const configured = importRoots.map(normalizeImportRoot).sort((a, b) => b.length - a.length);
  const packageCache = new Map<string, boolean>();
  const isPackage = (relDir: string): boolean => {
    let known = packageCache.get(relDir);
    if (known === undefined) {
      known = existsSync(join(root, relDir, '__init__.py'));
      packageCache.set(relDir, known);
    }
    return known;
  };
  return (relPath) => {
    const chosen = configured.find((folder) => contains(folder, relPath));
    if (chosen !== undefined) return chosen;
    let dir = posixDirname(relPath);
    while (dir !== '' && isPackage(dir)) dir = posixDirname(dir);
    return dir;
  };
}

/**
 * The dotted name of `relPath` below `importRoot` (both POSIX, relative to the project root): `app/models.py` ->
 * `app.models`, `app/models/__init__.py` -> `app.models`. Empty when the file is an `__init__.py` at the import root.
 */
export function dottedNameOf(importRoot: string, relPath: string): string {
  const below = importRoot === '' ? relPath : relPath.slice(importRoot.length + 1);
  const withoutSuffix = below.replace(/\.py$/, '');
  const parts = withoutSuffix.split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}

/**
 * Locate the module to split inside the project at `root`: its path, import root, dotted name and package.
 * Configured `importRoots` win when one contains the module; otherwise the import root is the nearest folder above
 * the module's folder that is not a package, so `src/` layouts need no configuration.
 *
 * ```text
 * root/src/shop/__init__.py, root/src/shop/models.py  ->  importRoot "src", dotted "shop.models"
 * root/shop/models/__init__.py                         ->  importRoot "",    dotted "shop.models" (isPackageInit)
 * ```
 * Problems (module outside the root, not a `.py` file, an unusable name) come back as diagnostics.
 */
export function locateModule(
  root: string,
  moduleAbsPath: string,
  options: LocateModuleOptions = {},
): LocatedModule {
  const absRoot = resolve(root);
  const absModule = resolve(moduleAbsPath);
  const diagnostics: Diagnostic[] = [];
  const rel = relative(absRoot, absModule);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    diagnostics.push({
      code: 'MS103',
      severity: 'error',
      message: `the module ${absModule} is outside the project root ${absRoot}, so its importers cannot be found`,
      help: 'pass a project root that contains the module',
    });
    return { diagnostics };
  }
  const modulePath = toPosix(rel);
  let isFile = false;
  try {
    isFile = statSync(absModule).isFile();
  } catch {
    isFile = false;
  }
  if (!modulePath.endsWith('.py') || !isFile) {
    diagnostics.push({
      code: 'MS122',
      severity: 'error',
      message: `${modulePath} is not an existing .py file`,
      location: { path: modulePath, line: 1, column: 1 },
      help: 'pass the path of a .py file (for a package, its __init__.py)',
    });
    return { diagnostics };
  }
  const usable: string[] = [];
  for (const entry of options.importRoots ?? []) {
    const folder = normalizeImportRoot(entry);
    if (folder.startsWith('..') || !existsSync(join(absRoot, folder))) {
      diagnostics.push({
        code: 'MS121',
        severity: 'warning',
        message: `the configured import root "${entry}" is not a folder of the project, so it is ignored`,
        help: 'correct or remove the entry; import roots are folders relative to the project root',
      });
    } else usable.push(folder);
  }
  const importRoot = createImportRootFinder(absRoot, usable)(modulePath);
  const dotted = dottedNameOf(importRoot, modulePath);
  const isPackageInit = posix.basename(modulePath) === '__init__.py';
  const parts = dotted === '' ? [] : dotted.split('.');
  if (parts.length === 0 || parts.some((part) => !IDENTIFIER.test(part))) {
    diagnostics.push({
      code: 'MS124',
      severity: parts.length === 0 ? 'error' : 'warning',
      message:
        parts.length === 0
          ? `${modulePath} is the __init__.py of the import root "${importRoot}", which has no dotted name`
          : `the dotted name "${dotted}" of ${modulePath} (below import root "${importRoot}") is not made of identifiers, so no import can name it`,
      location: { path: modulePath, line: 1, column: 1 },
      help: 'configure importRoots so the path below the import root is a valid dotted name',
    });
    if (parts.length === 0) return { diagnostics };
  }
  const location: ModuleLocation = {
    root: absRoot,
    modulePath,
    importRoot,
    dotted,
    parentPackage: parts.slice(0, -1).join('.'),
    isPackageInit,
  };
  return { location, diagnostics };
}
