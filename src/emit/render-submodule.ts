// One new submodule (or `__main__.py`): `from __future__` lines, the original imports trimmed to what this file
// uses, sibling imports, then its units verbatim in source order. Never `import *` from siblings.

import type { TopLevelUnit } from '../model/units.js';
import type { EmitContext, Piece } from './emit-context.js';
import type { FileNeeds } from './file-needs.js';

/** Groups whose units are imports this file copies, in source order of their units. */
export function collectImportPieces(
  ctx: EmitContext,
  needs: FileNeeds,
  sources: ReadonlySet<number>,
  skip: ReadonlySet<number> = new Set(),
  alias: ReadonlySet<string> = new Set(),
): Piece[] {
  const pieces: Piece[] = [];
  const units = ctx.facts.analysis.units;
  for (const unit of units) {
    const group = ctx.facts.groupOfUnit[unit.index] as number;
    if (!sources.has(group) || skip.has(group)) continue;
    const star = needs.needsStar && unit.imports.some((b) => b.imported === '*');
    if (!star && !unit.imports.some((b) => needs.importedNames.has(b.name))) continue;
    const keep = (name: string) => needs.importedNames.has(name) || (name === '*' && needs.needsStar);
    const text = ctx.importText(unit.index, keep, false, alias);
    if (text !== null) pieces.push({ text, unit: unit.index, kind: 'import' });
  }
  return pieces;
}

/** `from __future__ import ...` statements, repeated in every new file (they change how the file compiles). */
export function collectFuturePieces(ctx: EmitContext): Piece[] {
  const pieces: Piece[] = [];
  for (const unit of ctx.facts.analysis.units as readonly TopLevelUnit[]) {
    if (!unit.flags.includes('future-import')) continue;
    const text = ctx.importText(unit.index, () => true, true);
    if (text !== null) pieces.push({ text, unit: unit.index, kind: 'import' });
  }
  return pieces;
}

/** `from . import X` and `from .github import A, B` lines, files sorted, names sorted. */
export function renderSiblingImports(ctx: EmitContext, needs: FileNeeds): string {
  let out = '';
  if (needs.fromPackage.size > 0) out += ctx.renderFromImport('.', sortNames(needs.fromPackage));
  for (const file of [...needs.siblings.keys()].sort()) {
    out += ctx.renderFromImport(`.${file.replace(/\.py$/, '')}`, sortNames(needs.siblings.get(file) ?? []));
  }
  return out;
}

/** `if TYPE_CHECKING:` block for names only non-evaluated annotations use, where importing would close a cycle. */
export function renderTypeCheckingImports(ctx: EmitContext, needs: FileNeeds): string {
  if (needs.typeChecking.size === 0) return '';
  let out = `if TYPE_CHECKING:${ctx.nl}`;
  for (const file of [...needs.typeChecking.keys()].sort()) {
    const line = ctx.renderFromImport(
      `.${file.replace(/\.py$/, '')}`,
      sortNames(needs.typeChecking.get(file) ?? []),
    );
    out += line
      .split(/(?<=\r\n|\n|\r(?!\n))/)
      .map((l) => (l.trim() === '' ? l : ctx.indent + l))
      .join('');
  }
  return out;
}

/** isort/ruff "order by type": CONSTANTS, then Classes, then the rest; case-insensitive within each. */
export function sortNames(names: Iterable<string>): string[] {
  const rank = (n: string) => {
    const bare = n.replace(/^_+/, '');
    if (bare.length > 1 && bare === bare.toUpperCase() && /[A-Z]/.test(bare)) return 0;
    return /^[A-Z]/.test(bare) ? 1 : 2;
  };
  const key = (n: string) => n.toLowerCase();
  return [...names].sort(
    (a, b) => rank(a) - rank(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0),
  );
}

/** The whole text of one submodule holding `units` (source order). */
export function renderSubmodule(
  ctx: EmitContext,
  file: string,
  needs: FileNeeds,
  units: readonly number[],
  importSources: ReadonlySet<number>,
): string {
  const pieces: Piece[] = [...collectFuturePieces(ctx), ...collectImportPieces(ctx, needs, importSources)];
  if (needs.typeChecking.size > 0 && !ctx.facts.groupOfName.has('TYPE_CHECKING')) {
    pieces.push({ text: `from typing import TYPE_CHECKING${ctx.nl}`, kind: 'import' });
  }
  const siblings = renderSiblingImports(ctx, needs);
  if (siblings !== '') pieces.push({ text: siblings, kind: 'import' });
  const deferred = renderTypeCheckingImports(ctx, needs);
  if (deferred !== '') pieces.push({ text: deferred, kind: 'import' });
  const last = ctx.facts.analysis.units.length - 1;
  for (const index of units) {
    let text = ctx.movedText(index, file);
    if (index === last) text += ctx.trailingText();
    pieces.push({ text, unit: index, kind: ctx.isDefinition(index) ? 'def' : 'other', owned: true });
  }
  return ctx.join(pieces);
}
