// Facts about one module's top-level statements: what each binds, uses and needs, and which must move together.
// Plain data produced by analyze/ and consumed by plan/ and emit/.

import type { Diagnostic } from './diagnostics.js';
import type { SourceFile } from './source.js';
import type { TextRange } from './text.js';

/**
 * When a module-level name is needed:
 * - `import-time`: evaluated while the module is imported (module-level code, bases, decorators and their
 *   arguments, default values, class bodies), and transitively the bodies of functions called at import time
 *   (`status = models.CharField(choices=_choices())` makes `_choices`'s body import-time).
 * - `call-time`: only inside function bodies that nothing runs at import.
 * - `annotation`: in an annotation; see `Dependency.evaluated`.
 * - `string-ref`: named inside a string: Django lazy references (`ForeignKey("GitHubAppInstallation")`,
 *   `"integrations.TrackedRepository"`) and string annotations (`def f(x: "Invoice")`).
 */
export type DependencyWhen = 'import-time' | 'call-time' | 'annotation' | 'string-ref';

export interface Dependency {
  /** The module-level (global or builtin) name referenced. */
  readonly name: string;
  readonly when: DependencyWhen;
  /** For `annotation`: whether Python evaluates it at runtime (false under `from __future__ import annotations`). */
  readonly evaluated?: boolean;
  /** For transitive `import-time` uses: the module-level function whose call at import time needs the name. */
  readonly via?: string;
  /** First occurrence. */
  readonly range: TextRange;
  /** 1-based line of the first occurrence. */
  readonly line: number;
}

/**
 * A module-level name an import-time statement only stores as a plain value: not called, not handed to other code,
 * not operated on. `SNAPSHOT = (bump, COUNTER)` stores `bump` into `SNAPSHOT`; `REGISTRY["b"] = bump` into
 * `REGISTRY`; `def g(cb=bump)` and a plain class body's `handler = bump` into `g` and the class. Whatever later
 * touches `into` at import time may call it (`SNAPSHOT[0]()`).
 */
export interface StoredReference {
  readonly name: string;
  /** Module-level names whose value may now hold it (over-approximated: every name the statement binds). */
  readonly into: readonly string[];
}

/** One name bound by a top-level import statement (`import a.b`, `import a as b`, `from .x import y as z`). */
export interface ImportBinding {
  /** Local name bound in the module (`a` for `import a.b`, `z` for `from .x import y as z`). */
  readonly name: string;
  /** Module as written: `django.db`, `.exceptions`, `..`, `a.b` (for `import a.b`). */
  readonly module: string;
  /** Attribute imported by a from-import (`y`), `*` for a star import, or null for `import a.b`. */
  readonly imported: string | null;
  /** Number of leading dots of a relative import (0 for absolute). */
  readonly level: number;
  /** Range of this name's clause inside the statement (`y as z`, `a.b`), for trimming. */
  readonly range: TextRange;
}

export type UnitFlag =
  /** The module docstring. */
  | 'docstring'
  /** `from __future__ import ...`. */
  | 'future-import'
  /** An import statement (or a block holding only imports, e.g. `if TYPE_CHECKING:`). */
  | 'import'
  /** Binds a module dunder (`__all__`, `__version__`, `__getattr__`, `__dir__`, ...). */
  | 'module-dunder'
  /** `if __name__ == "__main__":`. */
  | 'main-block'
  /** An import kept for its side effect: nothing in the module uses what it binds, or it carries `noqa: F401`. */
  | 'side-effect-import'
  /** `if TYPE_CHECKING:` block. */
  | 'type-checking'
  /** A try/except ImportError (or similar) fallback that binds names in more than one branch. */
  | 'fallback'
  /** An `if`/`else` at top level that binds names in its branches. */
  | 'conditional'
  /** Reflective code: `globals()[...] = ...`, computed `__all__`, `sys.modules[__name__] = ...`, exec/eval. */
  | 'reflective'
  /** Uses `__file__`, `__name__`, `__package__` or `__spec__`, whose meaning changes in a submodule. */
  | 'module-path'
  /** A statement that binds nothing and runs code (a registration call, `admin.site.register(X)`). */
  | 'side-effect';

export interface TopLevelUnit {
  /** Position in source order, 0-based. */
  readonly index: number;
  /**
   * The slice that moves: leading comment lines, decorators and the statement, through the end of its last line
   * including the newline, plus indented comment lines right after it. Leading comments are all comment lines since
   * the previous unit (blank lines between them included, so a `# --- Section ---` header travels with what follows);
   * for the first unit only the comment block directly above it, and never the file header. Statements sharing a
   * line (`a = 1; b = 2`) form one unit. Ranges, gaps (blank lines), prologue and epilogue partition the file
   * (analyze/units/unit-layout.ts, collectTextPieces).
   */
  readonly range: TextRange;
  /** The statement node(s) only (a decorated definition includes its decorators). */
  readonly statementRange: TextRange;
  /** 1-based line of `statementRange.start`. */
  readonly line: number;
  /** 1-based line of the statement's last character. */
  readonly endLine: number;
  /** tree-sitter node type of the (first) statement: `class_definition`, `decorated_definition`, ... */
  readonly nodeType: string;
  /** For a def/class (decorated or not): its name and kind. */
  readonly definition?: { readonly name: string; readonly kind: 'class' | 'function' };
  /** Module-level names this statement binds (assignments, defs, imports, for/with targets, walrus at top level). */
  readonly binds: readonly string[];
  /** Names this statement both reads and rebinds (`X += ...`, `handler = retry(handler)`). */
  readonly rebinds: readonly string[];
  /** Names deleted at module level (`del _tmp`). */
  readonly deletes: readonly string[];
  /** Module-level names assigned from inside functions through `global X`. */
  readonly globalWrites: readonly string[];
  /** For import statements (and import-only blocks): each bound name. */
  readonly imports: readonly ImportBinding[];
  /** Every reference that resolves to the module's global scope (module names and builtins), classified. */
  readonly uses: readonly Dependency[];
  readonly flags: readonly UnitFlag[];
  /** Global names this unit calls directly while the module is imported (`X = f()`, `@register`, `metaclass=M`, a
   *  class body's `y = f()`, a default `def g(x=f())`). Absent when not known: assume any import-time use calls. */
  readonly importTimeCalls?: readonly string[];
  /** Import-time references that are only stored (see StoredReference); absent when none. */
  readonly storedReferences?: readonly StoredReference[];
}

/** Units that must move together because they bind the same names (or are otherwise inseparable). */
export interface UnitGroup {
  readonly id: number;
  /** Unit indices, ascending. */
  readonly units: readonly number[];
  /** Names bound by the group, in source order. */
  readonly names: readonly string[];
  /** Why these units are grouped, one line; empty for a single unit. */
  readonly reason: string;
}

export interface ModuleAnalysis {
  readonly source: SourceFile;
  readonly units: readonly TopLevelUnit[];
  readonly groups: readonly UnitGroup[];
  /** Module-level name → indices of units binding it (ascending). */
  readonly bindings: Readonly<Record<string, readonly number[]>>;
  /** Whether `from __future__ import annotations` is in effect. */
  readonly futureAnnotations: boolean;
  /** The static `__all__` list when the module defines one as a literal; null when absent or computed. */
  readonly dunderAll: readonly string[] | null;
  /** True when `__all__` is present but not a literal list/tuple of strings. */
  readonly dunderAllComputed: boolean;
  readonly diagnostics: readonly Diagnostic[];
}
