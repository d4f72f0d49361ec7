// What the importer collectors look for (the module's dotted name and import root) and where each scanned file
// sits; plain data built by the scan from a ModuleLocation, so the collectors stay pure.

import type { ModuleLocation } from '../../model/project.js';

export interface ModuleTarget {
  /** `apps.integrations.models`. */
  readonly dotted: string;
  readonly parts: readonly string[];
  /** Import root of the module, relative to the project root (POSIX, `''` for the root). */
  readonly importRoot: string;
  /**
   * When the module is a package's `__init__.py`, the package folder (relative to the project root): files inside
   * it reach the module by relative imports that never spell its name (`from . import Field`).
   */
  readonly packageFolder?: string;
}

export interface ScannedFile {
  /** Relative to the project root, POSIX. */
  readonly path: string;
  /** The file's own import root (relative imports resolve from it), relative to the project root. */
  readonly importRoot: string;
}

export function targetOf(location: ModuleLocation): ModuleTarget {
  const target = {
    dotted: location.dotted,
    parts: location.dotted.split('.'),
    importRoot: location.importRoot,
  };
  if (!location.isPackageInit) return target;
  return { ...target, packageFolder: location.modulePath.slice(0, -'/__init__.py'.length) };
}

/** Whether `path` lies inside the package folder of a package target. */
export function isInsidePackage(target: ModuleTarget, path: string): boolean {
  return target.packageFolder !== undefined && path.startsWith(`${target.packageFolder}/`);
}

/** The package a file's relative imports start from: its folder below its import root (`a/b/c.py` -> `a.b`). */
export function packagePartsOf(file: ScannedFile): string[] {
  const below = file.importRoot === '' ? file.path : file.path.slice(file.importRoot.length + 1);
  const parts = below.split('/');
  parts.pop();
  return parts;
}
