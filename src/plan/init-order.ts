// Where the units kept in `__init__.py` go between its submodule imports: after the submodules whose names they
// need while they run, before the submodules that import them from the package. Pure; renders nothing. Used by
// resolvePlan (to refuse when no order works, MS316) and by the emit stage (to lay out `__init__.py`).

import type { ResolvedPlan } from '../model/plan.js';
import { INIT_FILE, MAIN_FILE } from './plan-files.js';
import { type GroupUse, needsImport, type SplitFacts } from './split-facts.js';

/** Why a kept unit must come after (or before) one submodule import. */
export interface InitOrderReason {
  readonly file: string;
  /** One line, e.g. "Child uses `Base` (p1.py) at import time (shop/models.py:5)". */
  readonly reason: string;
}

/** Kept units that cannot be placed: each must follow `after` and precede `before`, which comes first. */
export interface InitOrderConflict {
  readonly unit: number;
  readonly after: InitOrderReason;
  readonly before: InitOrderReason;
}

export interface InitSlots {
  /**
   * For each unit given (same order): the index in `fileOrder` of the submodule import it goes right before;
   * `fileOrder.length` for after the last one.
   */
  readonly slots: readonly number[];
  readonly conflict?: InitOrderConflict;
}

/** Whether a use needs the name while the using statement runs (not only when a function runs later). */
export function isRunTimeUse(use: Pick<GroupUse, 'when' | 'evaluated'>): boolean {
  return use.when === 'import-time' || (use.when === 'annotation' && use.evaluated !== false);
}

/**
 * Slots of `units` (ascending unit indices: the kept units and the imports `__init__.py` copies) among the
 * submodule imports of `__init__.py`. Units before the first moved unit go as early as they can, the others as
 * late as they can; a unit moves past a submodule import only when it has to:
 *
 * ```python
 * from .p1 import Base as Base      # Child needs Base while its class statement runs
 * class Child(Base): ...            # kept in __init__.py
 * from .p3 import make as make      # p3.py does `from . import Child`
 * ```
 */
export function collectInitSlots(
  facts: SplitFacts,
  resolved: Pick<ResolvedPlan, 'fileOrder' | 'placements' | 'fileDependencies'>,
  units: readonly number[],
  modulePath: string,
): InitSlots {
  const fileOrder = resolved.fileOrder;
  const groupFile = new Map<number, string>();
  for (const p of resolved.placements) if (!p.copied) groupFile.set(p.group, p.file);
  const position = new Map(fileOrder.map((f, i) => [f, i]));
  // The first submodule import that runs `file` (itself, or an earlier one that imports it).
  const trigger = (file: string): number => {
    for (let i = 0; i < fileOrder.length; i++) {
      if (reachesFile(resolved.fileDependencies, fileOrder[i] as string, file)) return i;
    }
    return position.get(file) ?? fileOrder.length;
  };
  const n = units.length;
  const lower: (InitOrderReason & { at: number })[] = new Array(n);
  const upper: (InitOrderReason & { at: number })[] = new Array(n);
  units.forEach((unitIndex, i) => {
    const needs = collectKeptUnitNeeds(facts, groupFile, unitIndex, modulePath);
    for (const need of needs.after) {
      const at = position.get(need.file);
      if (at === undefined || (lower[i] && lower[i].at >= at)) continue;
      lower[i] = { at, ...need };
    }
    for (const need of needs.before) {
      const at = trigger(need.file);
      if (upper[i] && upper[i].at <= at) continue;
      const first = fileOrder[at] as string;
      const via = first === need.file ? '' : ` (imported first by ${first})`;
      upper[i] = { at, file: need.file, reason: `${need.file}${via} ${need.reason}` };
    }
  });
  // A unit comes after everything the units above it come after, and before everything those below come before.
  for (let i = 1; i < n; i++) {
    const prev = lower[i - 1];
    if (prev && (!lower[i] || (lower[i]?.at ?? -1) < prev.at)) lower[i] = prev;
  }
  for (let i = n - 2; i >= 0; i--) {
    const next = upper[i + 1];
    if (next && (!upper[i] || (upper[i]?.at ?? Infinity) > next.at)) upper[i] = next;
  }
  const firstMoved = firstMovedUnit(facts, groupFile);
  const slots: number[] = [];
  let conflict: InitOrderConflict | undefined;
  units.forEach((unitIndex, i) => {
    const lo = (lower[i]?.at ?? -1) + 1;
    const hi = upper[i]?.at ?? fileOrder.length;
    if (lo > hi && !conflict) {
      conflict = {
        unit: unitIndex,
        after: lower[i] as InitOrderReason,
        before: upper[i] as InitOrderReason,
      };
    }
    slots.push(unitIndex < firstMoved ? lo : Math.max(lo, hi));
  });
  return conflict ? { slots, conflict } : { slots };
}

/**
 * What one unit kept in `__init__.py` needs: `after`, the submodules whose names it reads while it runs (directly,
 * or through a kept function it calls); `before`, the submodules that import its names from the package or call a
 * kept function reading them at import time (reason without the file name). Empty for other units.
 */
export function collectKeptUnitNeeds(
  facts: SplitFacts,
  groupFile: ReadonlyMap<number, string>,
  unitIndex: number,
  modulePath: string,
): { after: InitOrderReason[]; before: InitOrderReason[] } {
  const after: InitOrderReason[] = [];
  const before: InitOrderReason[] = [];
  const group = facts.groupOfUnit[unitIndex] as number;
  const kept = facts.groups[group];
  const inInit = (id: number | undefined) => id !== undefined && groupFile.get(id) === INIT_FILE;
  if (!kept || !inInit(group)) return { after, before };
  const where = (line: number) => `${modulePath}:${line}`;
  for (const use of kept.uses) {
    if (use.unit !== unitIndex || !isRunTimeUse(use)) continue;
    let file: string | undefined;
    if (use.via === undefined) file = groupFile.get(use.target);
    else {
      const viaGroup = facts.groupOfName.get(use.via);
      const viaFile = viaGroup === undefined ? undefined : groupFile.get(viaGroup);
      file = viaFile === INIT_FILE ? groupFile.get(use.target) : viaFile;
    }
    if (!isModuleFile(file)) continue;
    const through = use.via === undefined ? '' : ` through \`${use.via}\``;
    after.push({
      file,
      reason: `${kept.label} needs \`${use.name}\` from ${file} while it runs${through} (${where(use.line)})`,
    });
  }
  // Imports kept for their side effect are copied into the files that use their names instead.
  if (kept.role === 'side-effect-import' || kept.role === 'import') return { after, before };
  for (const user of facts.groups) {
    const userFile = user ? groupFile.get(user.id) : undefined;
    if (!user || !isModuleFile(userFile)) continue;
    for (const use of user.uses) {
      if (use.target !== group) continue;
      const direct = needsImport(use);
      const throughInit =
        use.via !== undefined && inInit(facts.groupOfName.get(use.via)) && isRunTimeUse(use);
      if (!direct && !throughInit) continue;
      const how = direct
        ? `imports \`${use.name}\` from the package`
        : `calls \`${use.via}\` at import time, which reads \`${use.name}\``;
      before.push({ file: userFile, reason: `${how} (${user.label}, ${where(use.line)})` });
    }
  }
  return { after, before };
}

/**
 * Order edges the kept units put on the submodules (file -> file that `__init__.py` must import first): a file that
 * needs a kept unit comes after every file that unit, or a kept unit above it, needs while it runs. The plan adds
 * them before ordering the files, so source order alone never makes kept code impossible to place.
 */
export function collectInitOrderEdges(
  facts: SplitFacts,
  placements: ResolvedPlan['placements'],
  modulePath: string,
): Map<string, Set<string>> {
  const groupFile = new Map<number, string>();
  for (const p of placements) if (!p.copied) groupFile.set(p.group, p.file);
  const kept = placements
    .filter((p) => p.file === INIT_FILE && !p.copied)
    .flatMap((p) => facts.groups[p.group]?.units ?? [])
    .sort((a, b) => a - b);
  const edges = new Map<string, Set<string>>();
  const needed = new Set<string>();
  for (const unit of kept) {
    const needs = collectKeptUnitNeeds(facts, groupFile, unit, modulePath);
    for (const n of needs.after) needed.add(n.file);
    for (const user of needs.before) {
      for (const file of needed) {
        if (file === user.file) continue;
        if (!edges.has(user.file)) edges.set(user.file, new Set());
        edges.get(user.file)?.add(file);
      }
    }
  }
  return edges;
}

function isModuleFile(file: string | undefined): file is string {
  return file !== undefined && file !== INIT_FILE && file !== MAIN_FILE;
}

/** Smallest unit index of code that moves to a submodule (Infinity when none). */
function firstMovedUnit(facts: SplitFacts, groupFile: ReadonlyMap<number, string>): number {
  let first = Number.POSITIVE_INFINITY;
  for (const [group, file] of groupFile) {
    if (file === INIT_FILE) continue;
    for (const u of facts.groups[group]?.units ?? []) first = Math.min(first, u);
  }
  return first;
}

/** Whether importing `from` runs `to` (follows the new files' module-level sibling imports). */
export function reachesFile(
  dependencies: Readonly<Record<string, readonly string[]>>,
  from: string,
  to: string,
): boolean {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (file === to) return true;
    for (const next of dependencies[file] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/**
 * The order Python runs the new files when `__init__.py` imports them in `listing` order: each import first runs
 * the files it imports (in the order the file lists them, sorted by name), then itself.
 */
export function collectRunOrder(
  dependencies: Readonly<Record<string, readonly string[]>>,
  listing: readonly string[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of [...(dependencies[file] ?? [])].sort()) visit(dep);
    out.push(file);
  };
  for (const file of listing) visit(file);
  return out;
}
