// The package's `__init__.py`: docstring, `from __future__`, what stays (dunders, side-effect imports, code the plan
// keeps), and every submodule imported with the names importers reach, explicitly (`X as X`, or plain when listed
// in `__all__`), in ruff's import order unless the order matters (then fenced with `# isort: off`/`# isort: on`).
// Never `import *` from submodules.

import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type { ExportedNames } from '../plan/exported-names.js';
import { collectInitSlots, collectRunOrder, reachesFile } from '../plan/init-order.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import { isDunder, isRegistrationUnit } from '../plan/split-facts.js';
import { findCookieLine, withCodingCookie } from './coding-cookie.js';
import { type EmitContext, floatingText, type Piece } from './emit-context.js';
import { collectFileNeeds, type FileNeeds } from './file-needs.js';
import {
  compareFromImports,
  type FromImport,
  parseFromImport,
  sortNames,
  splitFromImport,
} from './import-order.js';
import { collectImportPieces } from './render-submodule.js';

export type ReexportStyle = 'auto' | 'alias' | 'all';

export interface InitInput {
  readonly resolved: ResolvedPlan;
  readonly exports: ExportedNames;
  readonly importSources: ReadonlySet<number>;
  readonly style: ReexportStyle;
}

export interface RenderedInit {
  readonly text: string;
  /** Names a generated `__all__` lists (empty when none was generated). */
  readonly generatedAll: readonly string[];
  readonly needs: FileNeeds;
  /** MS408 (info) when a block of submodule imports is fenced from import sorters. */
  readonly diagnostics: readonly Diagnostic[];
}

/** One submodule's import statements in `__init__.py`. */
interface FileImports {
  readonly file: string;
  readonly statements: readonly FromImport[];
}

/**
 * Render `__init__.py`. Units the package keeps stay in source order; those above the first moved unit come before
 * the submodule imports, the rest after them, unless they must run between two of them (collectInitSlots).
 */
export function renderInit(ctx: EmitContext, input: InitInput): RenderedInit {
  const { facts } = ctx;
  const { resolved, exports } = input;
  const keptGroups = resolved.placements.filter((p) => p.file === INIT_FILE && !p.copied).map((p) => p.group);
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

  // Kept units and the imports `__init__.py` copies, in source order.
  const kept: Piece[] = [];
  const sideEffectGroups = new Set<number>();
  for (const id of keptGroups) {
    const group = facts.groups[id];
    if (!group) continue;
    if (group.role === 'side-effect-import') sideEffectGroups.add(id);
    for (const index of group.units) {
      kept.push({
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
      });
    }
  }
  const aliasSet = new Set([...needs.importedNames].filter(aliasNeeded));
  kept.push(...collectImportPieces(ctx, needs, input.importSources, sideEffectGroups, aliasSet));
  kept.sort((a, b) => (a.unit ?? 0) - (b.unit ?? 0));
  const { slots } = collectInitSlots(
    facts,
    resolved,
    kept.map((p) => p.unit as number),
    facts.analysis.source.path,
  );

  const bindingOrder = (name: string) => facts.analysis.bindings[name]?.[0] ?? 0;
  const fileImports: FileImports[] = resolved.fileOrder.map((file) => {
    const stem = file.replace(/\.py$/, '');
    const names = [...(needs.siblings.get(file) ?? [])].sort((a, b) => bindingOrder(a) - bindingOrder(b));
    const statements =
      names.length === 0
        ? [{ level: 1, module: '', names: [`${stem} as ${stem}`] }]
        : splitFromImport(
            1,
            stem,
            names.map((n) => (aliasNeeded(n) ? `${n} as ${n}` : n)),
          );
    return { file, statements };
  });

  // Kept pieces and runs of submodule imports, in order.
  const sequence: (Piece | FileImports[])[] = [];
  let k = 0;
  for (let slot = 0; slot <= fileImports.length; slot++) {
    while (k < kept.length && (slots[k] ?? fileImports.length) <= slot) sequence.push(kept[k++] as Piece);
    const imports = fileImports[slot];
    if (!imports) continue;
    const last = sequence[sequence.length - 1];
    if (Array.isArray(last)) last.push(imports);
    else sequence.push([imports]);
  }
  while (k < kept.length) sequence.push(kept[k++] as Piece);

  const diagnostics: Diagnostic[] = [];
  const pieces: Piece[] = [];
  const lastRun = sequence.reduce<number>((at, item, i) => (Array.isArray(item) ? i : at), -1);
  let afterCode = false;
  let listing = [...resolved.fileOrder];
  sequence.forEach((item, i) => {
    if (!Array.isArray(item)) {
      const previous = pieces[pieces.length - 1];
      // A bottom import right below generated imports would join their block; keep sorters from merging them.
      if (item.kind === 'import' && previous?.unit === undefined && previous?.kind === 'import' && i > 0) {
        pieces.push({ text: `# isort: split${ctx.nl}`, kind: 'other', blankBefore: 1 });
        pieces.push({ ...item, blankBefore: 0 });
      } else pieces.push(item);
      if (item.unit !== undefined && isCode(ctx, item.unit)) afterCode = true;
      return;
    }
    const run = renderRun(ctx, item, listing, resolved, afterCode);
    listing = run.listing;
    const previous = pieces[pieces.length - 1];
    const joinsLocal =
      previous?.kind === 'import' && previous.unit !== undefined && isRelativeImport(previous.text);
    if (
      joinsLocal &&
      run.first &&
      compareFromImports(parseFromImport(previous.text) as FromImport, run.first) > 0
    ) {
      pieces.push({ text: `# isort: split${ctx.nl}`, kind: 'other', blankBefore: 1 });
      pieces.push({ text: run.text, kind: 'import', blankBefore: 0 });
    } else pieces.push({ text: run.text, kind: 'import', ...(joinsLocal ? { blankBefore: 0 } : {}) });
    if (run.fenced) {
      diagnostics.push({
        code: 'MS408',
        severity: 'info',
        message: `\`__init__.py\` imports ${item.map((f) => f.file).join(', ')} in an order import sorters would change, so the block is fenced with \`# isort: off\` / \`# isort: on\``,
        location: { path: facts.analysis.source.path, line: 1, column: 1 },
        notes: [run.fenced],
      });
    }
    if (i === lastRun && generatedAll.length > 0) {
      pieces.push({ text: renderDunderAll(ctx, generatedAll), kind: 'other' });
    }
  });
  // A header above the first statement (license, shebang, coding cookie) stays with the package when that
  // statement is an import that is only copied.
  const first = facts.groupOfUnit[0];
  const header = facts.analysis.units.length > 0 ? floatingText(ctx.gapBefore(0)) : '';
  if (header !== '' && first !== undefined && input.importSources.has(first) && !keptGroups.includes(first)) {
    pieces.unshift({ text: header.replace(/(\r\n|\n|\r)+$/, '$1'), kind: 'other' });
  }
  const text = withCodingCookie(ctx.join(pieces), findCookieLine(facts.analysis.source), ctx.nl);
  return { text, generatedAll, needs, diagnostics };
}

/**
 * One block of submodule imports. Sorted as ruff sorts it when that changes nothing that matters: the files
 * whose names others read back from the half-built package still come first, and registrations still run in the
 * same order. Otherwise in dependency order between `# isort: off` and `# isort: on`.
 */
function renderRun(
  ctx: EmitContext,
  run: readonly FileImports[],
  listing: readonly string[],
  resolved: ResolvedPlan,
  afterCode: boolean,
): { text: string; listing: string[]; first?: FromImport; fenced?: string } {
  const comment = afterCode ? '# noqa: E402' : '';
  const render = (statements: readonly FromImport[]) =>
    statements.map((s) => ctx.renderFromImport(s, comment)).join('');
  const sorted = run
    .flatMap((f) => f.statements.map((s) => ({ file: f.file, s })))
    .sort((a, b) => compareFromImports(a.s, b.s));
  const files = run.map((f) => f.file);
  const sortedFiles = [...new Set(sorted.map((x) => x.file))];
  const start = listing.indexOf(files[0] as string);
  const candidate = [...listing.slice(0, start), ...sortedFiles, ...listing.slice(start + files.length)];
  const problem = findOrderProblem(ctx, resolved, listing, candidate);
  if (problem === undefined) {
    return { text: render(sorted.map((x) => x.s)), listing: candidate, first: sorted[0]?.s };
  }
  const text = `# isort: off${ctx.nl}${render(run.flatMap((f) => f.statements))}# isort: on${ctx.nl}`;
  return { text, listing: [...listing], fenced: problem };
}

/** Why importing the files in `candidate` order instead of `listing` order would change behaviour, if it would. */
function findOrderProblem(
  ctx: EmitContext,
  resolved: ResolvedPlan,
  listing: readonly string[],
  candidate: readonly string[],
): string | undefined {
  const deps = resolved.fileDependencies;
  for (const [file, before] of Object.entries(resolved.importOrder ?? {})) {
    const trigger = candidate.findIndex((f) => reachesFile(deps, f, file));
    for (const needed of before) {
      if (candidate.indexOf(needed) > trigger || trigger < 0) {
        return `${needed} must be imported before ${file}, which reads names of it back from the package`;
      }
    }
  }
  const registering = new Set<string>();
  for (const p of resolved.placements) {
    if (p.copied) continue;
    const units = ctx.facts.groups[p.group]?.units ?? [];
    if (units.some((u) => isRegistrationUnit(ctx.facts, u))) registering.add(p.file);
  }
  const order = (l: readonly string[]) => collectRunOrder(deps, l).filter((f) => registering.has(f));
  const was = order(listing);
  const now = order(candidate);
  const moved = now.findIndex((f, i) => was[i] !== f);
  if (moved >= 0) {
    return `${now[moved]} would run its registrations before ${was[moved]}, which registers first in the source`;
  }
  return undefined;
}

/** A kept unit that ends the imports-only head of a module for E402 (not a docstring, import, dunder or if/try). */
function isCode(ctx: EmitContext, index: number): boolean {
  const unit = ctx.unit(index);
  if (unit.flags.some((f) => f === 'docstring' || f === 'import' || f === 'future-import')) return false;
  if (unit.nodeType === 'if_statement' || unit.nodeType === 'try_statement') return false;
  if (unit.nodeType === 'expression_statement' && unit.binds.length > 0 && unit.binds.every(isDunder))
    return false;
  return true;
}

function isRelativeImport(text: string): boolean {
  return (parseFromImport(text)?.level ?? 0) > 0;
}

function renderDunderAll(ctx: EmitContext, names: readonly string[]): string {
  const q = ctx.facts.analysis.source.quote;
  const items = sortNames(names).map((n) => `${ctx.indent}${q}${n}${q},${ctx.nl}`);
  return `__all__ = [${ctx.nl}${items.join('')}]${ctx.nl}`;
}
