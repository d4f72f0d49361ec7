// A split plan: which names go to which new file. Users write the partial form; the tool completes it.

/** As written in plan.toml or given with `--into`: file name → names. May be partial. */
export interface SplitPlan {
  /** Module path relative to the root, as in the plan file. Optional for `--into`. */
  readonly module?: string;
  /** `"github.py"` → `["GitHubIntegration", ...]`. `"__init__.py"` is allowed. Insertion order is file order. */
  readonly files: Readonly<Record<string, readonly string[]>>;
}

/** Where one group of units goes, and why. */
export interface Placement {
  readonly group: number;
  readonly file: string;
  /** True when the plan named one of the group's names; false when the tool placed it. */
  readonly explicit: boolean;
  /** One line, e.g. "only used by GitHubIntegration (github.py)". */
  readonly reason: string;
}

/** A complete, validated plan: every group placed exactly once, file import graph acyclic. */
export interface ResolvedPlan {
  /** Target file names in the order `__init__.py` imports them (topological, source order breaking ties). */
  readonly fileOrder: readonly string[];
  readonly placements: readonly Placement[];
  /** file → files it imports from (sibling imports). */
  readonly fileDependencies: Readonly<Record<string, readonly string[]>>;
}
