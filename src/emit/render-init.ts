// The package's `__init__.py`: docstring, `from __future__`, what stays (dunders, side-effect imports, code the plan
// keeps), then every submodule imported in dependency order with the names importers reach, explicitly
// (`X as X`, or plain when listed in `__all__`). Never `import *` from submodules.

import type { ResolvedPlan } from '../model/plan.js';
import type { ExportedNames } from '../plan/exported-names.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import { type EmitContext, floatingText, type Piece } from './emit-context.js';
import { collectFileNeeds, type FileNeeds } from './file-needs.js';
import { collectImportPieces, sortNames } from './render-submodule.js';

export type ReexportStyle = 'auto' | 'alias' | 'all';

export interface InitInput {
  readonly resolved: ResolvedPlan;
  readonly exports: ExportedNames;
  readonly importSources: ReadonlySet<number>;
  /** Groups submodules import from the package (`from . import X`): they must run before the submodules. */
  readonly neededBySubmodules: ReadonlySet<number>;
  readonly style: ReexportStyle;
}

export interface RenderedInit {
  readonly text: string;
  /** Names a generated `__all__` lists (empty when none was generated). */
  readonly generatedAll: readonly string[];
  readonly needs: FileNeeds;
}

/**
 * Render `__init__.py`. Units the package keeps appear where they were relative to the moved code: those before
 * the first moved unit (or needed by submodules) above the submodule imports, the rest below them.
 */
export function renderInit(ctx: EmitContext, input: InitInput): RenderedInit {
  const { facts } = ctx;
  const { resolved, exports } = input;
  const keptGroups = resolved.placements.filter((p) => p.file === INIT_FILE && !p.copied).map((p) => p.group);
  const movedUnits = resolved.placements
    .filter((p) => !p.copied && resolved.fileOrder.includes(p.file))
    .flatMap((p) => facts.groups[p.group]?.units ?? []);
  const firstMoved = movedUnits.length > 0 ? Math.min(...movedUnits) : Number.POSITIVE_INFINITY;
  const base = collectFileNeeds(facts, resolved, INIT_FILE, keptGroups, exports.names);
  const dunderAll = facts.analysis.dunderAll;
  const hasAll = dunderAll !== null || facts.analysis.dunderAllComputed;
  const forceStar =
    facts.hasStarImport && (exports.unboundReached.length > 0 || (exports.starImported && !hasAll));
  const needs: FileNeeds = { ...base, needsStar: base.needsStar || forceStar };
  const generateAll = !hasAll && (input.style === 'all' || (input.style === 'auto' && exports.starImported));
  // With star importers `__all__` is their contract: exactly what `import *` gave before (every such name is
  // re-exported). Without them it only follows the project's style: the public names the package re-exports.
  const generatedAll = generateAll
    ? exports.starImported
      ? [...exports.starNames]
      : exports.names.filter((name) => !name.startsWith('_'))
    : [];
  const listed = new Set<string>(dunderAll ?? generatedAll);
  const exported = new Set(exports.names);
  const aliasNeeded = (name: string) =>
    exported.has(name) && !listed.has(name) && !facts.analysis.dunderAllComputed;

  const head: Piece[] = [];
  const tail: Piece[] = [];
  const sideEffectGroups = new Set<number>();
  for (const id of keptGroups) {
    const group = facts.groups[id];
    if (!group) continue;
    if (group.role === 'side-effect-import') sideEffectGroups.add(id);
    const early = input.neededBySubmodules.has(id) || group.role === 'docstring' || group.role === 'future';
    for (const index of group.units) {
      const piece: Piece = {
        text:
          ctx.movedText(index, INIT_FILE) +
          (index === facts.analysis.units.length - 1 ? ctx.trailingText() : ''),
        unit: index,
        kind:
          group.role === 'side-effect-import' || group.role === 'future'
            ? 'import'
            : ctx.isDefinition(index)
              ? 'def'
              : 'other',
        owned: true,
      };
      (early || index < firstMoved ? head : tail).push(piece);
    }
  }
  const aliasSet = new Set([...needs.importedNames].filter(aliasNeeded));
  for (const piece of collectImportPieces(ctx, needs, input.importSources, sideEffectGroups, aliasSet)) {
    ((piece.unit ?? 0) < firstMoved ? head : tail).push(piece);
  }
  const byUnit = (a: Piece, b: Piece) => (a.unit ?? 0) - (b.unit ?? 0);
  head.sort(byUnit);
  tail.sort(byUnit);

  let reexports = '';
  const bindingOrder = (name: string) => facts.analysis.bindings[name]?.[0] ?? 0;
  for (const file of resolved.fileOrder) {
    const stem = file.replace(/\.py$/, '');
    const names = [...(needs.siblings.get(file) ?? [])].sort((a, b) => bindingOrder(a) - bindingOrder(b));
    if (names.length === 0) {
      reexports += `from . import ${stem} as ${stem}${ctx.nl}`;
      continue;
    }
    reexports += ctx.renderFromImport(
      `.${stem}`,
      names.map((n) => (aliasNeeded(n) ? `${n} as ${n}` : n)),
    );
  }
  // A header above the first statement (license, shebang, coding cookie) stays with the package when that
  // statement is an import that is only copied.
  const first = facts.groupOfUnit[0];
  const header = facts.analysis.units.length > 0 ? floatingText(ctx.gapBefore(0)) : '';
  if (header !== '' && first !== undefined && input.importSources.has(first) && !keptGroups.includes(first)) {
    head.unshift({ text: header.replace(/(\r\n|\n|\r)+$/, '$1'), kind: 'other' });
  }
  const pieces: Piece[] = [...head, { text: reexports, kind: 'import' }];
  if (generatedAll.length > 0) pieces.push({ text: renderDunderAll(ctx, generatedAll), kind: 'other' });
  pieces.push(...tail);
  return { text: ctx.join(pieces), generatedAll, needs };
}

function renderDunderAll(ctx: EmitContext, names: readonly string[]): string {
  const q = ctx.facts.analysis.source.quote;
  const items = sortNames(names).map((n) => `${ctx.indent}${q}${n}${q},${ctx.nl}`);
  return `__all__ = [${ctx.nl}${items.join('')}]${ctx.nl}`;
}
