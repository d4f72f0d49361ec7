// Turn a ModuleAnalysis into what grouping works on: placeable items (unit groups that define names) and the
// directed name-dependency edges between them. Imports, the docstring and `__future__` are not items.

import type { DependencyWhen, ModuleAnalysis, TopLevelUnit } from '../../model/units.js';

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
  /** Binds only module dunders (`__all__`, `__version__`, `__getattr__`): these stay in `__init__.py`. */
  readonly dunder: boolean;
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
  /** Item ids that must share a file with the key because of `global` rebinding (writer, binder and readers). */
  readonly globalShares: readonly (readonly number[])[];
  /** For each item i (by id), whether a section banner comment (`# ---- Racks ----`) separates it from item i+1. */
  readonly bannerAfter: readonly boolean[];
}

const NON_ITEM_FLAGS = new Set(['import', 'future-import', 'docstring', 'main-block']);

function isImportLike(unit: TopLevelUnit): boolean {
  return unit.flags.some((flag) => NON_ITEM_FLAGS.has(flag)) && unit.definition === undefined;
}

function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}

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
  const drafts: Omit<GroupingItem, 'id'>[] = [];
  for (const group of analysis.groups) {
    const units = group.units.map((index) => analysis.units[index]).filter((u): u is TopLevelUnit => !!u);
    if (units.length === 0 || group.names.length === 0) continue;
    if (units.every(isImportLike)) continue;
    const definitionUnit = units.find((u) => u.definition !== undefined);
    const kind = definitionUnit?.definition?.kind ?? 'other';
    drafts.push({
      group: group.id,
      names: group.names,
      firstUnit: units[0]?.index ?? 0,
      lines: units.reduce((sum, u) => sum + countLines(text, u.range.start, u.range.end), 0),
      kind,
      bases: definitionUnit && kind === 'class' ? findClassHeaderNames(text, definitionUnit) : [],
      dunder: group.names.every(isDunder),
    });
  }
  drafts.sort((a, b) => a.firstUnit - b.firstUnit);
  const items: GroupingItem[] = drafts.map((draft, id) => ({ ...draft, id }));

  const itemOfName = new Map<string, number>();
  for (const item of items) for (const name of item.names) itemOfName.set(name, item.id);

  const edges: ItemEdge[] = [];
  const seen = new Set<string>();
  const groupToItem = new Map(items.map((item) => [item.group, item.id]));
  const readers = new Map<number, Set<number>>();
  const globalWriters = new Map<number, Set<number>>();
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
        if (use.when !== 'string-ref') {
          const set = readers.get(to) ?? new Set();
          readers.set(to, set);
          set.add(from);
        }
      }
      for (const name of unit.globalWrites) {
        const to = itemOfName.get(name);
        if (to === undefined || to === from) continue;
        const set = globalWriters.get(to) ?? new Set();
        globalWriters.set(to, set);
        set.add(from);
      }
    }
  }
  const globalShares: number[][] = [];
  for (const [binder, writers] of globalWriters) {
    const members = new Set([binder, ...writers, ...(readers.get(binder) ?? [])]);
    globalShares.push([...members].sort((a, b) => a - b));
  }

  const bannerAfter = items.map((_item, i) => {
    const next = items[i + 1];
    if (!next) return false;
    const lastUnitOfItem = lastUnitBefore(analysis, next.firstUnit);
    const gapStart = lastUnitOfItem ? lastUnitOfItem.range.end : 0;
    const nextUnit = analysis.units[next.firstUnit];
    return nextUnit ? hasBannerBetween(text, gapStart, nextUnit.range.start) : false;
  });

  return { items, edges, itemOfName, globalShares, bannerAfter };
}

function lastUnitBefore(analysis: ModuleAnalysis, index: number): TopLevelUnit | undefined {
  return index > 0 ? analysis.units[index - 1] : undefined;
}
