// The contract between scope analysis (analyze/dependencies) and unit collection (analyze/units):
// for each top-level statement node, what it binds at module level and which global names it uses, and when.

import type { Dependency, StoredReference } from '../../model/units.js';

export interface StatementFacts {
  /** startIndex of the top-level statement node (a `decorated_definition` for decorated defs). */
  readonly start: number;
  /** endIndex of the statement node. */
  readonly end: number;
  /** Module-level names bound by this statement (defs, classes, assignment targets, imports, for/with/except
   *  targets, walrus in module-level expressions, match captures), in order of first binding. */
  readonly binds: readonly string[];
  /** Names this statement reads at module level and also binds (`X += 1`, `handler = retry(handler)`). */
  readonly rebinds: readonly string[];
  /** Names deleted at module level (`del _tmp`). */
  readonly deletes: readonly string[];
  /** Names assigned through `global X` inside functions (or classes) nested in this statement. */
  readonly globalWrites: readonly string[];
  /** Every reference that resolves to the global scope (module-level names and builtins), one per (name, when)
   *  with the first occurrence; `import-time` uses are direct only (transitive closure is computed later). */
  readonly uses: readonly Dependency[];
  /** Module-level functions this statement calls at import time (`choices=_choices()`), for the transitive
   *  closure: their call-time uses become this statement's import-time uses. */
  readonly importTimeCalls: readonly string[];
  /** Global names whose every import-time reference here is a plain stored value (`S = (f, X)` stores `f` and
   *  `X` into `S`), with where they are stored; absent when none. */
  readonly storedReferences?: readonly StoredReference[];
  /** Modules star-imported at module level (`from .base import *` gives `.base`): they may bind any name. */
  readonly starImports?: readonly string[];
}
