// Units that must move together: those binding the same module-level name (redefinitions, `X += ...`, `del X`,
// `f = wrap(f)`, `global X` writers) and statements that set an attribute or item of, or call a method on, a name
// the module defines, and attribute docstrings with the assignment above. Transitive (union-find). Import-only
// units binding the same name do not group by themselves.

import type { TopLevelUnit, UnitGroup } from '../../model/units.js';
import type { NameMutation } from './unit-flags.js';

/**
 * Group units. `mutations[i]` lists what unit `i` mutates (from collectNameMutations); omit it to group by
 * bindings only.
 *
 * @example
 * // `def handler(): ...` (unit 1) and `handler = retry(handler)` (unit 4) form one group with reason
 * // "`handler` is bound at lines 3 and 9".
 * // `from x import f` then `f = wrap(f)` group too; two imports of `Optional` alone do not.
 */
export function collectUnitGroups(
  units: readonly TopLevelUnit[],
  mutations: readonly (readonly NameMutation[])[] = [],
): UnitGroup[] {
  const parent = units.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const reasons = new Map<number, string[]>();
  const union = (members: readonly number[], reason: string) => {
    const roots = [...new Set(members.map(find))];
    if (roots.length < 2) return;
    const target = Math.min(...roots);
    const collected = [...(reasons.get(target) ?? [])];
    for (const r of roots) {
      if (r === target) continue;
      parent[r] = target;
      collected.push(...(reasons.get(r) ?? []));
      reasons.delete(r);
    }
    collected.push(reason);
    reasons.set(target, collected);
  };

  // Which units bind, delete or write (through `global`) each name.
  const touching = new Map<string, number[]>();
  const add = (name: string, index: number) => {
    const list = touching.get(name) ?? [];
    if (!list.includes(index)) list.push(index);
    touching.set(name, list);
  };
  for (const unit of units) {
    for (const name of [...unit.binds, ...unit.deletes, ...unit.globalWrites]) add(name, unit.index);
  }
  const isImport = (i: number) => units[i]?.flags.includes('import') ?? false;
  const definedHere = new Map<string, number[]>();
  for (const [name, members] of touching) {
    const nonImport = members.filter((i) => !isImport(i));
    if (nonImport.length > 0) definedHere.set(name, members);
    if (nonImport.length === 0 || members.length < 2) continue;
    union(members, describeBinders(units, name, members));
  }

  for (const [index, list] of mutations.entries()) {
    const unit = units[index];
    if (!unit) continue;
    for (const mutation of list) {
      const binders = definedHere.get(mutation.name);
      if (!binders || binders.includes(index)) continue;
      // A method call joins only plain variables: `REGISTRY.append(x)`, not `SomeClass.register(x)`.
      if (mutation.how === 'call' && binders.some((i) => units[i]?.definition || isImport(i))) continue;
      const what = mutation.how === 'call' ? 'calls a method of' : 'sets an attribute or item of';
      union([...binders, index], `line ${unit.line} ${what} \`${mutation.name}\``);
    }
  }

  // An attribute docstring (`X = 1` then `"""What X is."""` on the next line) documents the unit above it.
  for (const unit of units) {
    const previous = units[unit.index - 1];
    if (!previous || previous.binds.length === 0 || unit.line !== previous.endLine + 1) continue;
    const bare =
      unit.nodeType === 'expression_statement' && unit.binds.length === 0 && unit.uses.length === 0;
    if (bare && unit.flags.length === 0) {
      union([previous.index, unit.index], `line ${unit.line} is the docstring of \`${previous.binds[0]}\``);
    }
  }

  const byRoot = new Map<number, number[]>();
  for (const unit of units) {
    const root = find(unit.index);
    byRoot.set(root, [...(byRoot.get(root) ?? []), unit.index]);
  }
  return [...byRoot.entries()]
    .sort(([a], [b]) => a - b)
    .map(([root, members], id) => ({
      id,
      units: members,
      names: [...new Set(members.flatMap((i) => units[i]?.binds ?? []))],
      reason: members.length > 1 ? summarize(reasons.get(root) ?? []) : '',
    }));
}

function describeBinders(units: readonly TopLevelUnit[], name: string, members: readonly number[]): string {
  const lines = (pick: (u: TopLevelUnit) => readonly string[]) =>
    members
      .filter((i) => pick(units[i] as TopLevelUnit).includes(name))
      .map((i) => (units[i] as TopLevelUnit).line);
  const parts: string[] = [];
  const bound = lines((u) => u.binds);
  if (bound.length > 0) parts.push(`is bound at ${listLines(bound)}`);
  const deleted = lines((u) => u.deletes);
  if (deleted.length > 0) parts.push(`deleted at ${listLines(deleted)}`);
  const written = lines((u) => u.globalWrites);
  if (written.length > 0) parts.push(`assigned through \`global\` in the code at ${listLines(written)}`);
  return `\`${name}\` ${parts.join(', ')}`;
}

function listLines(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** One line: the first three reasons and how many more. */
function summarize(reasons: readonly string[]): string {
  const unique = [...new Set(reasons)];
  const shown = unique.slice(0, 3).join('; ');
  return unique.length > 3 ? `${shown}; and ${unique.length - 3} more` : shown;
}
