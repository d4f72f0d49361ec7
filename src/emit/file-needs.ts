// For each new file: which names it must import and from where (copied original imports, sibling files, the
// package itself, `if TYPE_CHECKING:`), derived from the resolved placements. Read-only; renders nothing.

import type { ResolvedPlan } from '../model/plan.js';
import type { TopLevelUnit } from '../model/units.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import { type GroupUse, isHardUse, needsImport, type SplitFacts } from '../plan/split-facts.js';

export interface FileNeeds {
  readonly file: string;
  /** Groups whose units this file holds (moved or kept), in source order. */
  readonly groups: readonly number[];
  /** Names needed from copied import groups (and the import units' own needs, e.g. `TYPE_CHECKING`). */
  readonly importedNames: Set<string>;
  /** Sibling file → names imported at module level. */
  readonly siblings: Map<string, Set<string>>;
  /** Sibling file → names imported under `if TYPE_CHECKING:`. */
  readonly typeChecking: Map<string, Set<string>>;
  /** Names taken from the package itself (`from . import X`): kept in `__init__.py`. */
  readonly fromPackage: Set<string>;
  /** The file uses names bound nowhere in the module (they come from the module's star import). */
  readonly needsStar: boolean;
}

/** group id → file (kept groups map to `__init__.py`; copied import groups are left out). */
export function collectGroupFiles(resolved: ResolvedPlan): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of resolved.placements) if (!p.copied) out.set(p.group, p.file);
  return out;
}

/**
 * Groups other files copy imports from: copied import groups, and imports kept whole in `__init__.py` for their
 * side effect (`import x  # noqa: F401`) when a file also uses what they bind.
 */
export function collectImportSources(facts: SplitFacts, resolved: ResolvedPlan): Set<number> {
  const out = new Set(resolved.placements.filter((p) => p.copied).map((p) => p.group));
  for (const group of facts.groups) if (group?.role === 'side-effect-import') out.add(group.id);
  return out;
}

/**
 * What `file` needs for `groups`, plus `extraNames` it must bind for other reasons (re-exports from `__init__.py`).
 */
export function collectFileNeeds(
  facts: SplitFacts,
  resolved: ResolvedPlan,
  file: string,
  groups: readonly number[],
  extraNames: readonly string[] = [],
): FileNeeds {
  const groupFile = collectGroupFiles(resolved);
  const copied = collectImportSources(facts, resolved);
  const deferred = new Set(resolved.typeCheckingImports?.[file] ?? []);
  const needs: FileNeeds = {
    file,
    groups,
    importedNames: new Set(),
    siblings: new Map(),
    typeChecking: new Map(),
    fromPackage: new Set(),
    needsStar: false,
  };
  let needsStar = false;
  const add = (map: Map<string, Set<string>>, key: string, name: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)?.add(name);
  };
  const resolve = (name: string, target: number, use: Pick<GroupUse, 'when' | 'evaluated'>) => {
    if (copied.has(target)) {
      needs.importedNames.add(name);
      return;
    }
    const where = groupFile.get(target);
    if (where === undefined || where === file) return;
    if (where === INIT_FILE) {
      needs.fromPackage.add(name);
      return;
    }
    if (!isHardUse(use) && deferred.has(name)) add(needs.typeChecking, where, name);
    else add(needs.siblings, where, name);
  };
  for (const id of groups) {
    const group = facts.groups[id];
    if (!group) continue;
    // Uses through a function called at import time (`via`) are that function's file's imports, not ours.
    for (const use of group.uses) if (needsImport(use)) resolve(use.name, use.target, use);
    if (group.unboundUses.length > 0 && facts.hasStarImport) needsStar = true;
  }
  for (const name of extraNames) {
    const target = facts.groupOfName.get(name);
    if (target !== undefined) resolve(name, target, { when: 'import-time' });
  }
  // Copied imports may need names themselves (`if TYPE_CHECKING:` needs TYPE_CHECKING): close over them.
  if (needs.typeChecking.size > 0 && facts.groupOfName.has('TYPE_CHECKING'))
    needs.importedNames.add('TYPE_CHECKING');
  const done = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of copied) {
      if (done.has(id)) continue;
      const group = facts.groups[id];
      if (!group) continue;
      const units = group.units.map((u) => facts.analysis.units[u] as TopLevelUnit);
      const used = units.some((u) => u.imports.some((b) => needs.importedNames.has(b.name)));
      const star = needsStar && units.some((u) => u.imports.some((b) => b.imported === '*'));
      if (!used && !star) continue;
      done.add(id);
      for (const use of group.uses) {
        if (!needsImport(use) || needs.importedNames.has(use.name)) continue;
        resolve(use.name, use.target, use);
        changed = true;
      }
    }
  }
  return { ...needs, needsStar };
}
