// The facts behind MS311: which globals rebound through `global X` may be rebound while the module is imported (the
// exception for readers that read only at import time), and which import-time uses precede a module-level rebinding.
// Derived from the analysis only; it places nothing.

import type { ModuleAnalysis } from '../model/units.js';
import type { GroupFacts, GroupUse, SplitFacts } from './split-facts.js';

/**
 * Globals rebound with `global X` by code that may run while the module is imported: by a named function or class
 * among collectInvokedAtImport's names, or by any other writer (a `global` in a function defined in an `if` block),
 * which is assumed to run.
 *
 * @example
 * // COUNTER = 0; def bump(): global COUNTER; COUNTER += 1
 * // SNAPSHOT = (bump, COUNTER)  -> {}            (bump is only stored)
 * // VALUE = bump()              -> {'COUNTER'}
 */
export function collectNamesReboundAtImport(analysis: ModuleAnalysis): Set<string> {
  const out = new Set<string>();
  let invoked: ReadonlySet<string> | undefined;
  for (const unit of analysis.units) {
    if (unit.globalWrites.length === 0) continue;
    invoked ??= collectInvokedAtImport(analysis);
    if (unit.definition === undefined || invoked.has(unit.definition.name)) {
      for (const name of unit.globalWrites) out.add(name);
    }
  }
  return out;
}

/**
 * Global names whose code may run while the module is imported. A name is *called* (`f()`, `@f`, `metaclass=f`,
 * in a class body or a default value too) or otherwise *touched* (passed to a call, `map(f, xs)`, subscripted,
 * iterated, used as a base) by an import-time statement: both count, since the code it is handed to may call it.
 * A plain *stored* value does not (`SNAPSHOT = (bump, COUNTER)`), but the names it is stored into then hold it:
 * touching them later (`SNAPSHOT[0]()`) counts for it. Transitively, everything a reached function (or lambda)
 * names at call time, or a called class's methods name, counts as called; a class only touched (a base, `C.x`)
 * is not followed into its methods. Units without call facts count every import-time reference as a call.
 *
 * @example
 * // def bump(): global COUNTER; COUNTER += 1
 * // SNAPSHOT = (bump, COUNTER)                   -> {}  (both only stored)
 * // def setup(): return bump()   READY = setup() -> {setup, bump, COUNTER}
 */
export function collectInvokedAtImport(analysis: ModuleAnalysis): Set<string> {
  const units = analysis.units;
  const held = new Map<string, Set<string>>();
  for (const unit of units) {
    for (const ref of unit.storedReferences ?? []) {
      for (const holder of ref.into) held.set(holder, new Set([...(held.get(holder) ?? []), ref.name]));
    }
  }
  const called = new Set<string>();
  const touched = new Set<string>();
  const queue: { name: string; call: boolean }[] = [];
  const reach = (name: string, call: boolean) => {
    if (called.has(name) || (!call && touched.has(name))) return;
    (call ? called : touched).add(name);
    queue.push({ name, call });
  };
  for (const unit of units) {
    const stored = new Set((unit.storedReferences ?? []).map((r) => r.name));
    for (const use of unit.uses) {
      const evaluated = use.when === 'import-time' || (use.when === 'annotation' && use.evaluated !== false);
      if (!evaluated) continue;
      // A use through a function called at import time is named in its body: (conservatively) called.
      if (use.via !== undefined || use.when === 'annotation') reach(use.name, true);
      else if (!stored.has(use.name)) reach(use.name, unit.importTimeCalls?.includes(use.name) ?? true);
    }
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const value of held.get(next.name) ?? []) reach(value, true);
    for (const index of analysis.bindings[next.name] ?? []) {
      const binder = units[index];
      if (!binder || (binder.definition?.kind === 'class' && !next.call)) continue;
      for (const use of binder.uses) if (use.when === 'call-time') reach(use.name, true);
    }
  }
  return new Set([...called, ...touched]);
}

/** An import-time use of a name between its group's first and last module-level binding. */
export interface UseBeforeRebinding {
  readonly name: string;
  /** The code group binding `name` more than once. */
  readonly binder: number;
  /** The code group using `name` at import time. */
  readonly user: GroupFacts;
  readonly use: GroupUse;
  /** Unit index of the last binding. */
  readonly lastBinding: number;
}

/**
 * Import-time uses that, in another file than the binder's, would see the later value of a name rebound at module
 * level (MS311: resolvePlan joins the two groups, the proposal keeps them together).
 *
 * @example
 * // LIMIT = 1; SIZE = LIMIT * 2; LIMIT = 3  -> SIZE's use of LIMIT (binder: the group of both LIMIT lines)
 */
export function findUsesBeforeRebinding(facts: SplitFacts): UseBeforeRebinding[] {
  const out: UseBeforeRebinding[] = [];
  for (const group of facts.groups) {
    if (group?.role !== 'code' || group.units.length < 2) continue;
    for (const name of group.names) {
      const binders = (facts.analysis.bindings[name] ?? []).filter((u) => facts.groupOfUnit[u] === group.id);
      if (binders.length < 2) continue;
      const first = binders[0] as number;
      const last = binders[binders.length - 1] as number;
      for (const user of facts.groups) {
        if (user?.role !== 'code' || user.id === group.id) continue;
        const use = user.uses.find((u) => u.name === name && u.when === 'import-time');
        if (!use || use.unit <= first || use.unit >= last) continue;
        out.push({ name, binder: group.id, user, use, lastBinding: last });
      }
    }
  }
  return out;
}
