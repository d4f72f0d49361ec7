// Where the module sits in the project and who reaches it from elsewhere.

import type { Diagnostic } from './diagnostics.js';
import type { TextRange } from './text.js';

export interface ModuleLocation {
  /** Absolute path of the project root. */
  readonly root: string;
  /** Module file, relative to root, POSIX separators (`apps/integrations/models.py`). */
  readonly modulePath: string;
  /** Import root (the `sys.path` entry) relative to root, POSIX; `''` for the root itself. */
  readonly importRoot: string;
  /** Dotted module name (`apps.integrations.models`); for a package `__init__.py`, the package's name. */
  readonly dotted: string;
  /** Dotted name of the package that contains the module (`apps.integrations`), `''` at top level. */
  readonly parentPackage: string;
  /** True when the module to split is a package's `__init__.py`. */
  readonly isPackageInit: boolean;
}

/**
 * How a file reaches the module:
 * - `from-import`: `from apps.integrations.models import X, Y as Z`
 * - `import`: `import apps.integrations.models` (optionally `as alias`)
 * - `from-package-import`: `from apps.integrations import models` (optionally `as alias`)
 * - `relative-from-import`: `from .models import X` / `from ..integrations.models import X`
 * - `relative-package-import`: `from . import models`
 * - `star-import`: `from apps.integrations.models import *` (absolute or relative)
 */
export type ImportForm =
  | 'from-import'
  | 'import'
  | 'from-package-import'
  | 'relative-from-import'
  | 'relative-package-import'
  | 'star-import';

export interface ImporterSite {
  /** File relative to root, POSIX. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly form: ImportForm;
  /** Names taken from the module (from-imports), original names, not aliases; `[]` for module imports. */
  readonly names: readonly string[];
  /** `{name: alias}` for names imported under another local name. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Local name bound to the module object itself (`models` for `from apps.integrations import models`). */
  readonly moduleAlias?: string;
  /** Inside a function or method body. */
  readonly inFunction: boolean;
  /** Under `if TYPE_CHECKING:`. */
  readonly typeCheckingOnly: boolean;
  /** Range of the whole import statement in that file. */
  readonly range: TextRange;
}

/** A string literal that names the module or something in it (`"apps.integrations.models.helper"`). */
export interface DottedStringSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Range of the string's contents (inside the quotes). */
  readonly range: TextRange;
  /** The whole dotted value. */
  readonly value: string;
  /** The part after the module's dotted name (`helper`, `Invoice.total`, `timezone.now`), `''` for the module itself. */
  readonly attributePath: string;
  /** What the string is used for, when recognizable. */
  readonly context: 'patch-target' | 'migration' | 'settings' | 'other';
}

/** `alias.name` where `alias` is bound to the module object in that file (`models.helper`, `patch.object(models, "x")`). */
export interface ModuleAttributeSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly alias: string;
  readonly name: string;
  readonly range: TextRange;
  readonly context: 'patch-object' | 'attribute';
}

export interface ProjectUsage {
  readonly importers: readonly ImporterSite[];
  readonly dottedStrings: readonly DottedStringSite[];
  readonly attributeSites: readonly ModuleAttributeSite[];
  /** Files read while scanning (for progress and benchmarks). */
  readonly filesScanned: number;
  readonly candidates: number;
  /** Problems met while scanning (a file that could not be read: MS123). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The usage when no other project file uses the module, or when the project was not scanned. */
export const NO_PROJECT_USAGE: ProjectUsage = {
  importers: [],
  dottedStrings: [],
  attributeSites: [],
  filesScanned: 0,
  candidates: 0,
};
