// The transitive import-time closure: when a statement calls a module-level function at import time, that
// function's call-time uses are needed at import time too, recursively through the functions it names.
// Conservative: a function body naming another module-level function counts as calling it. Classes called at
// import time (`x = Foo()`) are not followed: that would make every method's uses import-time.

import type { Dependency, TopLevelUnit } from '../../model/units.js';
import type { StatementFacts } from '../dependencies/statement-facts.js';

/**
 * Add the transitive import-time uses to each unit (with `via` = the function whose body needs the name).
 * `importTimeCalls[i]` is the union of unit `i`'s statements' `importTimeCalls`.
 *
 * @example
 * // `def _choices(): return [(k, k) for k in KINDS]` and `class Repo: kind = Field(choices=_choices())`:
 * // the class unit gains {name: 'KINDS', when: 'import-time', via: '_choices'}.
 */
export function addImportTimeClosure(
  units: readonly TopLevelUnit[],
  importTimeCalls: readonly (readonly string[])[],
): TopLevelUnit[] {
  // Module-level functions: name -> the units defining it with `def` (redefinitions and conditional defs included).
  const functions = new Map<string, TopLevelUnit[]>();
  for (const unit of units) {
    if (unit.definition?.kind !== 'function' && !definesFunctionsConditionally(unit)) continue;
    for (const name of unit.definition ? [unit.definition.name] : unit.binds) {
      functions.set(name, [...(functions.get(name) ?? []), unit]);
    }
  }
  return units.map((unit, index) => {
    const calls = importTimeCalls[index] ?? [];
    const queue = calls.filter((name) => functions.has(name));
    if (queue.length === 0) return unit;
    const uses = [...unit.uses];
    const present = new Set(uses.filter((u) => u.when === 'import-time').map((u) => u.name));
    const visited = new Set<string>();
    while (queue.length > 0) {
      const fn = queue.shift() as string;
      if (visited.has(fn)) continue;
      visited.add(fn);
      for (const definer of functions.get(fn) ?? []) {
        for (const use of definer.uses) {
          if (use.when !== 'call-time') continue;
          if (functions.has(use.name) && !visited.has(use.name)) queue.push(use.name);
          if (present.has(use.name)) continue;
          present.add(use.name);
          const transitive: Dependency = { ...use, when: 'import-time', via: fn };
          uses.push(transitive);
        }
      }
    }
    return { ...unit, uses };
  });
}

/** A conditional or fallback unit (`if ...: def f ... else: def f ...`) that defines functions. */
function definesFunctionsConditionally(unit: TopLevelUnit): boolean {
  return (unit.flags.includes('conditional') || unit.flags.includes('fallback')) && unit.binds.length > 0;
}

/** The union of the statements' import-time calls, in order. */
export function mergeImportTimeCalls(facts: readonly StatementFacts[]): string[] {
  return [...new Set(facts.flatMap((f) => f.importTimeCalls))];
}
