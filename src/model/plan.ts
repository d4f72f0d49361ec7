// A split plan: which names go to which new file. Users write the partial form; the tool completes it.

/** As written in plan.toml or given with `--into`: file name → names. May be partial. */
export interface SplitPlan {
  /** Module path relative to the root, as in the plan file. Optional for `--into`. */
  readonly module?: string;
  /** `"github.py"` → `["GitHubIntegration", ...]`. `"__init__.py"` is allowed. Insertion order is file order. */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Where the entries were written (plan file or `--into`), so diagnostics can point at them. */
  readonly origin?: PlanOrigin;
}

/** Where a plan's entries were written: `plan.toml` lines, or `--into` argument numbers (1-based). */
export interface PlanOrigin {
  /** `plan.toml`, or `--into` for command-line plans. */
  readonly path: string;
  /** file name → 1-based line of its key (argument number for `--into`). */
  readonly fileLines: Readonly<Record<string, number>>;
  /** file name → name → 1-based line where that file lists the name. */
  readonly nameLines: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Where one group of units goes, and why. */
export interface Placement {
  readonly group: number;
  readonly file: string;
  /** True when the plan named one of the group's names; false when the tool placed it. */
  readonly explicit: boolean;
  /** One line, e.g. "only used by GitHubIntegration (github.py)". */
  readonly reason: string;
  /** True for import groups: they are not moved but copied, trimmed, into each file that uses their names
   *  (`file` is then `__init__.py`, which keeps what it re-exports). */
  readonly copied?: boolean;
}

/** A complete, validated plan: every group placed exactly once, file import graph acyclic. */
export interface ResolvedPlan {
  /** Target file names in the order `__init__.py` imports them (topological, source order breaking ties). */
  readonly fileOrder: readonly string[];
  readonly placements: readonly Placement[];
  /** file → files it imports from (sibling imports). */
  readonly fileDependencies: Readonly<Record<string, readonly string[]>>;
  /** file → sibling names it imports under `if TYPE_CHECKING:` only: used in non-evaluated annotations, where a
   *  module-level import would close a cycle (so `typing.get_type_hints()` cannot resolve them there). */
  readonly typeCheckingImports?: Readonly<Record<string, readonly string[]>>;
  /** file → files whose import line in `__init__.py` must run before the file is first imported, although it
   *  does not import them itself: it (or a module it imports) reads names back from the half-built package. */
  readonly importOrder?: Readonly<Record<string, readonly string[]>>;
}
