// What planning and emitting both need to know about a module's unit groups: each group's role (moved code,
// copied import, kept in `__init__.py`, main block) and its uses resolved to the groups that bind them.
// Derived only from ModuleAnalysis; no placement decisions here.

import { PYTHON_BUILTINS } from '../model/python-names.js';
import type { Dependency, DependencyWhen, ModuleAnalysis, TopLevelUnit } from '../model/units.js';

/**
 * - `docstring`, `future`: stay in `__init__.py` (`from __future__` lines are also repeated in every new file).
 * - `import`: not moved; copied, trimmed, into each file that uses its names.
 * - `side-effect-import`: kept whole in `__init__.py` (and copied to files that use its names).
 * - `dunder`: binds a module dunder (`__all__`, `__version__`, `__getattr__`): kept in `__init__.py`.
 * - `main`: `if __name__ == "__main__":`, for `__main__.py`.
 * - `code`: everything else; moves to exactly one file.
 */
export type GroupRole = 'docstring' | 'future' | 'import' | 'side-effect-import' | 'dunder' | 'main' | 'code';

/** One use of a module-level name by a group, resolved to the group that binds it. */
export interface GroupUse {
  readonly name: string;
  readonly when: DependencyWhen;
  readonly evaluated?: boolean;
  /** For an import-time use through a function called at import time: that function. The function's own file
   *  imports the name; the caller's file does not need it (it is an ordering fact, not an import). */
  readonly via?: string;
  /** 1-based line of the first occurrence. */
  readonly line: number;
  /** Index of the using unit. */
  readonly unit: number;
  /** Group that binds `name`. */
  readonly target: number;
}

export interface GroupFacts {
  readonly id: number;
  readonly units: readonly number[];
  readonly names: readonly string[];
  readonly role: GroupRole;
  readonly firstUnit: number;
  /** Uses of names bound by other groups (builtins and the group's own names left out). */
  readonly uses: readonly GroupUse[];
  /** Uses of names bound nowhere in the module that are not builtins (they may come from a star import). */
  readonly unboundUses: readonly string[];
  /** A short label for messages: the first definition name, else the first bound name, else `line N`. */
  readonly label: string;
}

export interface SplitFacts {
  readonly analysis: ModuleAnalysis;
  /** Indexed by group id. */
  readonly groups: readonly GroupFacts[];
  readonly groupOfUnit: readonly number[];
  /** Module-level name → the group that binds it (the code group when an import and code both bind it). */
  readonly groupOfName: ReadonlyMap<string, number>;
  /** Groups in source order of their first unit. */
  readonly sourceOrder: readonly number[];
  /** True when the module has a star import (`from x import *`). */
  readonly hasStarImport: boolean;
}

/** `__all__`, `__version__`: a name Python or tools give meaning at module level. */
export function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}

function roleOf(units: readonly TopLevelUnit[]): GroupRole {
  const all = (flag: TopLevelUnit['flags'][number]) => units.every((u) => u.flags.includes(flag));
  const any = (flag: TopLevelUnit['flags'][number]) => units.some((u) => u.flags.includes(flag));
  if (any('main-block')) return 'main';
  if (all('docstring')) return 'docstring';
  if (all('future-import')) return 'future';
  if (all('import')) return any('side-effect-import') ? 'side-effect-import' : 'import';
  if (any('module-dunder') || units.some((u) => u.binds.some(isDunder))) return 'dunder';
  return 'code';
}

/** Collect group roles and resolved uses. Pure; cheap (linear in uses). */
export function collectSplitFacts(analysis: ModuleAnalysis): SplitFacts {
  const groupOfUnit: number[] = new Array(analysis.units.length).fill(-1);
  for (const group of analysis.groups) for (const u of group.units) groupOfUnit[u] = group.id;
  const roles = new Map<number, GroupRole>();
  for (const group of analysis.groups) {
    roles.set(group.id, roleOf(group.units.map((u) => analysis.units[u] as TopLevelUnit)));
  }
  const groupOfName = new Map<string, number>();
  for (const [name, unitIndices] of Object.entries(analysis.bindings)) {
    let chosen = -1;
    for (const u of unitIndices) {
      const g = groupOfUnit[u] ?? -1;
      if (g < 0) continue;
      const role = roles.get(g);
      // A name bound by an import and by code (`from x import f` ... `def f`) is grouped; if not, code wins.
      if (chosen < 0 || (role !== 'import' && role !== 'side-effect-import')) chosen = g;
    }
    if (chosen >= 0) groupOfName.set(name, chosen);
  }
  const groups: GroupFacts[] = [];
  let hasStarImport = false;
  for (const group of analysis.groups) {
    const units = group.units.map((u) => analysis.units[u] as TopLevelUnit);
    const own = new Set(group.names);
    const uses: GroupUse[] = [];
    const unbound = new Set<string>();
    const seen = new Set<string>();
    for (const unit of units) {
      if (unit.imports.some((b) => b.imported === '*')) hasStarImport = true;
      for (const dep of unit.uses as readonly Dependency[]) {
        if (own.has(dep.name)) continue;
        const target = groupOfName.get(dep.name);
        if (target === undefined) {
          if (!PYTHON_BUILTINS.has(dep.name)) unbound.add(dep.name);
          continue;
        }
        if (target === group.id) continue;
        // `def f(x: "Invoice")` names Invoice in a string annotation: not evaluated, but pyflakes and
        // get_type_hints() resolve it, so it wants an import (a soft one); `ForeignKey("Invoice")` does not.
        const inAnnotation =
          dep.when === 'string-ref' && isInStringAnnotation(analysis.source.text, dep.range.start);
        const when = inAnnotation ? 'annotation' : dep.when;
        const evaluated = inAnnotation ? false : dep.evaluated;
        const key = `${dep.name}\0${when}\0${evaluated ?? ''}\0${dep.via ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        uses.push({
          name: dep.name,
          when,
          ...(evaluated !== undefined ? { evaluated } : {}),
          ...(dep.via !== undefined ? { via: dep.via } : {}),
          line: dep.line,
          unit: unit.index,
          target,
        });
      }
    }
    const first = units[0] as TopLevelUnit;
    const label = first.definition?.name ?? group.names[0] ?? `line ${first.line}`;
    groups[group.id] = {
      id: group.id,
      units: group.units,
      names: group.names,
      role: roles.get(group.id) as GroupRole,
      firstUnit: group.units[0] as number,
      uses,
      unboundUses: [...unbound],
      label,
    };
  }
  const sourceOrder = analysis.groups
    .map((g) => g.id)
    .sort((a, b) => firstOf(groups, a) - firstOf(groups, b));
  return { analysis, groups, groupOfUnit, groupOfName, sourceOrder, hasStarImport };
}

/**
 * Whether the string holding `offset` is an annotation: the text before its opening quote ends with `:` or `->`
 * (`x: "Invoice"`, `-> "list[Invoice]"`), or with `[`, `,` or `|` inside such an annotation (`Optional["Invoice"]`).
 * A call argument (`ForeignKey("Invoice")`) is not.
 */
export function isInStringAnnotation(text: string, offset: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  const quote = Math.max(before.lastIndexOf('"'), before.lastIndexOf("'"));
  if (quote < 0) return false;
  let head = before
    .slice(0, quote)
    .replace(/[rRbBuU]+$/, '')
    .trimEnd();
  for (;;) {
    if (/(:|->)$/.test(head) && !/(lambda\b[^:]*|\{[^}]*):$/.test(head)) return true;
    const bracket = /(\[|,|\|)$/.exec(head);
    if (!bracket) return false;
    // Inside a subscript or union: look at what the subscript belongs to (`x: Optional[` -> `x:`).
    head = head
      .slice(0, -1)
      .replace(/[\w.\s]*(\[[^\]]*)?$/, '')
      .trimEnd();
    if (head === '') return false;
  }
}

function firstOf(groups: readonly GroupFacts[], id: number): number {
  return groups[id]?.firstUnit ?? 0;
}

/**
 * Whether a use needs the name bound in the using file at module level: everything but string references and
 * annotations Python does not evaluate (those are "soft": an import under `if TYPE_CHECKING:` is enough).
 */
export function isHardUse(use: Pick<GroupUse, 'when' | 'evaluated' | 'via'>): boolean {
  if (use.when === 'string-ref' || use.via !== undefined) return false;
  if (use.when === 'annotation') return use.evaluated !== false;
  return true;
}

/** Whether a use needs any import at all in the using file (string references and uses through a called
 *  function need none). */
export function needsImport(use: Pick<GroupUse, 'when' | 'via'>): boolean {
  return use.when !== 'string-ref' && use.via === undefined;
}

/**
 * Whether a unit registers something when it runs, so that its order relative to other registrations can matter:
 * a statement run for its effect (`admin.site.register(X)`), or a definition whose decorator calls a function of
 * this module that works on module state (`@hook def handler` where `hook` appends to `HOOKS`).
 */
export function isRegistrationUnit(facts: SplitFacts, unitIndex: number): boolean {
  const unit = facts.analysis.units[unitIndex];
  if (!unit) return false;
  if (unit.flags.includes('side-effect')) return true;
  if (unit.nodeType !== 'decorated_definition') return false;
  const group = facts.groups[facts.groupOfUnit[unitIndex] as number];
  return (group?.uses ?? []).some((use) => {
    if (use.unit !== unitIndex || use.via === undefined || use.when !== 'import-time') return false;
    const target = facts.groups[use.target];
    const binder = target ? facts.analysis.units[target.firstUnit] : undefined;
    return target?.role === 'code' && binder !== undefined && binder.definition === undefined;
  });
}
