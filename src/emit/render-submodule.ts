// One new submodule (or `__main__.py`): `from __future__` lines, the original imports trimmed to what this file
// uses, sibling imports, then its units verbatim in source order (with a generated `__all__` after its leading
// import units when an import is there only for other files). Never `import *` from siblings.

import type { TopLevelUnit } from '../model/units.js';
import { findCookieLine, withCodingCookie } from './coding-cookie.js';
import type { EmitContext, Piece } from './emit-context.js';
import type { FileNeeds } from './file-needs.js';
import { compareFromImports, type FromImport, parseFromImport, splitFromImport } from './import-order.js';
import { collectSubmoduleAll, renderSubmoduleAll } from './submodule-all.js';

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

/** `from . import X` and `from .github import A, B` statements, in ruff's order. */
export function collectSiblingImports(needs: FileNeeds): FromImport[] {
  const out: FromImport[] = [];
  if (needs.fromPackage.size > 0) out.push(...splitFromImport(1, '', [...needs.fromPackage]));
  for (const [file, names] of needs.siblings) out.push(...splitFromImport(1, stemOf(file), [...names]));
  return out.sort(compareFromImports);
}

function stemOf(file: string): string {
  return file.replace(/\.py$/, '');
}

/** `if TYPE_CHECKING:` block for names only non-evaluated annotations use, where importing would close a cycle. */
export function renderTypeCheckingImports(ctx: EmitContext, needs: FileNeeds): string {
  if (needs.typeChecking.size === 0) return '';
  const statements = [...needs.typeChecking].flatMap(([file, names]) =>
    splitFromImport(1, stemOf(file), [...names]),
  );
  let out = `if TYPE_CHECKING:${ctx.nl}`;
  for (const statement of statements.sort(compareFromImports)) {
    out += ctx
      .renderFromImport(statement)
      .split(/(?<=\r\n|\n|\r(?!\n))/)
      .map((l) => (l.trim() === '' ? l : ctx.indent + l))
      .join('');
  }
  return out;
}

/**
 * Place generated `from .x import ...` statements among the copied imports where ruff's import sorting puts them:
 * into the local (relative) section that ends the leading import block, by module, or as a new section after it.
 * The copied imports keep their order and blank lines; when their local section is not sorted, the generated
 * lines go after it.
 */
export function placeGeneratedImports(
  ctx: EmitContext,
  imports: readonly Piece[],
  generated: readonly FromImport[],
): Piece[] {
  if (generated.length === 0) return [...imports];
  let lead = 0;
  while (lead < imports.length && isPlainImport(ctx, imports[lead] as Piece)) lead++;
  const keys = imports.map((p) => parseFromImport(p.text));
  let local = lead;
  while (local > 0 && (keys[local - 1]?.level ?? 0) > 0) local--;
  const localKeys = keys.slice(local, lead) as FromImport[];
  const sorted = localKeys.every(
    (k, i) => i === 0 || compareFromImports(localKeys[i - 1] as FromImport, k) <= 0,
  );
  const merged: { piece: Piece; generated: boolean }[] = [];
  const pending = [...generated];
  const take = () => {
    const statement = pending.shift() as FromImport;
    merged.push({ piece: { text: ctx.renderFromImport(statement), kind: 'import' }, generated: true });
  };
  for (let i = local; i < lead; i++) {
    while (
      sorted &&
      pending.length > 0 &&
      compareFromImports(pending[0] as FromImport, keys[i] as FromImport) < 0
    )
      take();
    merged.push({ piece: imports[i] as Piece, generated: false });
  }
  while (pending.length > 0) take();
  const placed = merged.map(({ piece, generated: isNew }, i) => {
    if (i === 0) return isNew && local > 0 ? { ...piece, blankBefore: 1 } : piece;
    // Inside a sorted local section no blank lines; after an unsorted one, only the generated lines are ours.
    if (sorted || isNew) return { ...piece, blankBefore: 0 };
    return piece;
  });
  return [...imports.slice(0, local), ...placed, ...imports.slice(lead)];
}

/** A copied import unit that is plain `import`/`from` statements (not `if TYPE_CHECKING:` or try/except). */
function isPlainImport(ctx: EmitContext, piece: Piece): boolean {
  if (piece.kind !== 'import') return false;
  if (piece.unit === undefined) return true;
  const type = ctx.unit(piece.unit).nodeType;
  return (
    type === 'import_statement' || type === 'import_from_statement' || type === 'future_import_statement'
  );
}

/**
 * The whole text of one submodule holding `units` (source order). `importedByOthers`: names other files import
 * from it (collectNamesImportedFrom), which decide whether it gets an `__all__`.
 */
export function renderSubmodule(
  ctx: EmitContext,
  file: string,
  needs: FileNeeds,
  units: readonly number[],
  importSources: ReadonlySet<number>,
  importedByOthers: ReadonlySet<string> = new Set(),
): string {
  const pieces: Piece[] = placeGeneratedImports(
    ctx,
    [...collectFuturePieces(ctx), ...collectImportPieces(ctx, needs, importSources)],
    collectSiblingImports(needs),
  );
  if (needs.typeChecking.size > 0 && !ctx.facts.groupOfName.has('TYPE_CHECKING')) {
    pieces.push({ text: `from typing import TYPE_CHECKING${ctx.nl}`, kind: 'import' });
  }
  const deferred = renderTypeCheckingImports(ctx, needs);
  if (deferred !== '') pieces.push({ text: deferred, kind: 'import' });
  const last = ctx.facts.analysis.units.length - 1;
  const exported = collectSubmoduleAll(ctx, units, importedByOthers);
  // After the imports and the import units that lead the file (the guarded import it exists for), as in
  // `__init__.py`.
  let allAt = exported.length === 0 ? -1 : 0;
  while (allAt >= 0 && allAt < units.length && ctx.unit(units[allAt] as number).imports.length > 0) allAt++;
  units.forEach((index, i) => {
    if (i === allAt) pieces.push({ text: renderSubmoduleAll(ctx, exported), kind: 'other' });
    let text = ctx.movedText(index, file);
    if (index === last) text += ctx.trailingText();
    pieces.push({ text, unit: index, kind: ctx.isDefinition(index) ? 'def' : 'other', owned: true });
  });
  if (allAt === units.length) pieces.push({ text: renderSubmoduleAll(ctx, exported), kind: 'other' });
  return withCodingCookie(ctx.join(pieces), findCookieLine(ctx.facts.analysis.source), ctx.nl);
}
