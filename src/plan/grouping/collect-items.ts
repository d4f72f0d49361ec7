// Turn a ModuleAnalysis into what grouping works on: placeable items (unit groups that define names), the directed
// name-dependency edges between them, and the items that must share a file (the namespace rules resolvePlan
// enforces). Imports, the docstring, `__future__` and the main block are not items.

import type { DependencyWhen, ModuleAnalysis, TopLevelUnit } from '../../model/units.js';
import { collectNamesReboundAtImport, findUsesBeforeRebinding } from '../rebound-at-import.js';
import { collectSplitFacts, type GroupRole, needsImport, type SplitFacts } from '../split-facts.js';

/** One unit group that defines names and therefore goes to exactly one file. */
export interface GroupingItem {
  /** Position in `GroupingModel.items` (source order of the group's first unit). */
  readonly id: number;
  /** `UnitGroup.id`. */
  readonly group: number;
  /** Names the group binds (what a plan lists). */
  readonly names: readonly string[];
  /** Index of the group's first unit, for source order. */
  readonly firstUnit: number;
  /** Source lines covered by the group's units (at least 1). */
  readonly lines: number;
  readonly kind: 'class' | 'function' | 'other';
  /** Module-level names in the class header (`class A(B, mixins.C, metaclass=M)` gives B, mixins, M). */
  readonly bases: readonly string[];
  /** Binds a module dunder (`__all__`, `__version__`, `__getattr__`): the whole group stays in `__init__.py`. */
  readonly dunder: boolean;
}

/** Items that must share a file, and why (a resolvePlan rule). */
export interface NamespaceShare {
  readonly items: readonly number[];
  readonly code: 'MS311' | 'MS312';
  readonly reason: string;
}

/** `from` uses `to` (a name `to` binds); one edge per (from, to, when). */
export interface ItemEdge {
  readonly from: number;
  readonly to: number;
  readonly when: DependencyWhen;
  /** The name used. */
  readonly name: string;
}

export interface GroupingModel {
  readonly items: readonly GroupingItem[];
  readonly edges: readonly ItemEdge[];
  /** Defined name -> item id. */
  readonly itemOfName: ReadonlyMap<string, number>;
  /**
   * Sets of item ids that must share one namespace, as resolvePlan requires (MS311, MS312): a global rebound with
   * `global` (writer, binder and readers), a name rebound at module level after another item used it at import
   * time, reflective code (`globals()`, computed `__all__`) and what it uses.
   */
  readonly namespaceShares: readonly NamespaceShare[];
  /** For each item i (by id), whether a section banner comment (`# ---- Racks ----`) separates it from item i+1. */
  readonly bannerAfter: readonly boolean[];
}

/** Roles of groups a plan cannot list (resolvePlan keeps, copies or moves them itself). */
const NON_ITEM_ROLES: ReadonlySet<GroupRole> = new Set([
  'docstring',
  'future',
  'import',
  'side-effect-import',
  'main',
]);

function countLines(text: string, start: number, end: number): number {
  let lines = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  return Math.max(1, lines);
}

/** Identifiers in a class header's argument list, dotted names reduced to their first part. */
export function findClassHeaderNames(text: string, unit: TopLevelUnit): string[] {
  const slice = text.slice(unit.statementRange.start, unit.statementRange.end);
  const name = unit.definition?.name;
  if (name === undefined) return [];
  const header = new RegExp(`\\bclass\\s+${name}\\s*(\\(|:)`).exec(slice);
  if (header?.[1] !== '(') return [];
  let depth = 0;
  let end = header.index + header[0].length - 1;
  for (; end < slice.length; end++) {
    const ch = slice[end];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  const args = slice.slice(header.index + header[0].length, end);
  const names: string[] = [];
  // Drop keyword names (`metaclass=`), keep their values; strings are not names.
  const cleaned = args.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ' ').replace(/\b[A-Za-z_]\w*\s*=(?!=)/g, ' ');
  for (const match of cleaned.matchAll(/(?<![.\w])[A-Za-z_]\w*/g)) {
    if (!names.includes(match[0])) names.push(match[0]);
  }
  return names;
}

/** A comment line standing alone (a blank line or the file edge on both sides is not required, only a comment). */
function hasBannerBetween(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  return /^[ \t]*#/m.test(text.slice(start, end));
}

/**
 * Items in source order and their dependency edges.
 *
 * @example
 * // class Repo(models.Model): owner = models.ForeignKey("Account")   -> item Repo, edge Repo -> Account (string-ref)
 * // def _slug(x): ...  /  class Account: slug = _slug("a")           -> edge Account -> _slug (import-time)
 */
export function collectGroupingModel(analysis: ModuleAnalysis): GroupingModel {
  const text = analysis.source.text;
  const facts = collectSplitFacts(analysis);
  const drafts: Omit<GroupingItem, 'id'>[] = [];
  for (const group of analysis.groups) {
    const units = group.units.map((index) => analysis.units[index]).filter((u): u is TopLevelUnit => !!u);
    if (units.length === 0 || group.names.length === 0) continue;
    const role = facts.groups[group.id]?.role ?? 'code';
    if (NON_ITEM_ROLES.has(role)) continue;
    const definitionUnit = units.find((u) => u.definition !== undefined);
    const kind = definitionUnit?.definition?.kind ?? 'other';
    drafts.push({
      group: group.id,
      names: group.names,
      firstUnit: units[0]?.index ?? 0,
      lines: units.reduce((sum, u) => sum + countLines(text, u.range.start, u.range.end), 0),
      kind,
      bases: definitionUnit && kind === 'class' ? findClassHeaderNames(text, definitionUnit) : [],
      dunder: role === 'dunder',
    });
  }
  drafts.sort((a, b) => a.firstUnit - b.firstUnit);
  const items: GroupingItem[] = drafts.map((draft, id) => ({ ...draft, id }));

  const itemOfName = new Map<string, number>();
  for (const item of items) for (const name of item.names) itemOfName.set(name, item.id);

  const edges: ItemEdge[] = [];
  const seen = new Set<string>();
  const groupToItem = new Map(items.map((item) => [item.group, item.id]));
  for (const group of analysis.groups) {
    const from = groupToItem.get(group.id);
    if (from === undefined) continue;
    for (const index of group.units) {
      const unit = analysis.units[index];
      if (!unit) continue;
      for (const use of unit.uses) {
        const to = itemOfName.get(use.name);
        if (to === undefined || to === from) continue;
        const key = `${from}:${to}:${use.when}`;
        if (!seen.has(key)) {
          seen.add(key);
          edges.push({ from, to, when: use.when, name: use.name });
        }
      }
    }
  }
  const namespaceShares = collectNamespaceShares(facts, items, groupToItem);

  const bannerAfter = items.map((_item, i) => {
    const next = items[i + 1];
    if (!next) return false;
    const lastUnitOfItem = lastUnitBefore(analysis, next.firstUnit);
    const gapStart = lastUnitOfItem ? lastUnitOfItem.range.end : 0;
    const nextUnit = analysis.units[next.firstUnit];
    return nextUnit ? hasBannerBetween(text, gapStart, nextUnit.range.start) : false;
  });

  return { items, edges, itemOfName, namespaceShares, bannerAfter };
}

/**
 * The sets of items resolvePlan refuses to see in different files (its MS311 and MS312 joins, same rules): a
 * proposal that keeps each set in one file is never refused for them.
 */
function collectNamespaceShares(
  facts: SplitFacts,
  items: readonly GroupingItem[],
  itemOfGroup: ReadonlyMap<number, number>,
): NamespaceShare[] {
  const analysis = facts.analysis;
  const shares: NamespaceShare[] = [];
  const codeItem = (group: number | undefined): number | undefined => {
    const id = group === undefined ? undefined : itemOfGroup.get(group);
    return id !== undefined && !items[id]?.dunder ? id : undefined;
  };
  const add = (members: Iterable<number | undefined>, code: NamespaceShare['code'], reason: string) => {
    const set = [...new Set([...members].filter((m): m is number => m !== undefined))].sort((a, b) => a - b);
    if (set.length > 1) shares.push({ items: set, code, reason });
  };
  // `global X` in a function: writer, binder and every reader (but one that only reads X while the module is
  // imported, before anything can call the writer) share a namespace.
  let reboundAtImport: ReadonlySet<string> | undefined;
  for (const unit of analysis.units) {
    for (const name of unit.globalWrites) {
      const writer = codeItem(facts.groupOfUnit[unit.index]);
      if (writer === undefined) continue;
      reboundAtImport ??= collectNamesReboundAtImport(analysis);
      const rebindsWhileImporting = reboundAtImport.has(name);
      const members = [writer, codeItem(facts.groupOfName.get(name))];
      for (const group of facts.groups) {
        if (group?.role !== 'code') continue;
        const reads = group.uses.filter((u) => u.name === name && needsImport(u));
        if (reads.length === 0) continue;
        if (!rebindsWhileImporting && reads.every((u) => u.when === 'import-time')) continue;
        members.push(codeItem(group.id));
      }
      const where = unit.definition
        ? `in ${unit.definition.name} (line ${unit.line})`
        : `(line ${unit.line})`;
      add(members, 'MS311', `\`${name}\` is rebound by \`global ${name}\` ${where}`);
    }
  }
  // A name rebound at module level after another item used it at import time.
  for (const { name, binder, user, lastBinding } of findUsesBeforeRebinding(facts)) {
    add(
      [codeItem(user.id), codeItem(binder)],
      'MS311',
      `\`${name}\` is rebound at line ${analysis.units[lastBinding]?.line} after ${user.label} uses it at import time`,
    );
  }
  // Reflective code stays with what it reflects on.
  for (const group of facts.groups) {
    if (group?.role !== 'code') continue;
    if (!group.units.some((u) => analysis.units[u]?.flags.includes('reflective'))) continue;
    const targets = group.uses.filter((u) => needsImport(u)).map((u) => codeItem(u.target));
    add(
      [codeItem(group.id), ...targets],
      'MS312',
      `${group.label} works on the module's namespace reflectively (globals(), exec, computed __all__)`,
    );
  }
  return shares;
}

function lastUnitBefore(analysis: ModuleAnalysis, index: number): TopLevelUnit | undefined {
  return index > 0 ? analysis.units[index - 1] : undefined;
}
