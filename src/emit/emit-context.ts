// What rendering every new file shares: the parsed original, unit texts (verbatim slices plus relative-import and
// `__file__` edits), trimmed import copies, and joining pieces with the original gaps or PEP 8 blank lines.
// It decides no placement and writes nothing.

import type { Diagnostic } from '../model/diagnostics.js';
import type { ModuleLocation } from '../model/project.js';
import type { SourceFile } from '../model/source.js';
import { applyEdits, positionAt, type TextEdit, type TextRange } from '../model/text.js';
import type { TopLevelUnit } from '../model/units.js';
import type { SplitFacts } from '../plan/split-facts.js';
import type { SyntaxNode } from '../read/parse-python.js';
import { type FromImport, splitFromImport } from './import-order.js';
import {
  clauseBoundName,
  collectClauses,
  rebaseRelativeImportEdits,
  redundantAliasEdits,
  trimImportUnitEdits,
} from './import-statements.js';
import { modulePathEdits } from './module-path-edits.js';

/** One block of a new file: a unit (or part of one) from the source, or generated lines. */
export interface Piece {
  readonly text: string;
  /** Source unit it comes from; undefined for generated lines. */
  readonly unit?: number;
  readonly kind: 'import' | 'def' | 'other';
  /** The unit moves here (it is in no other file), so comments floating above it in the source come along. */
  readonly owned?: boolean;
  /** Blank lines before this piece, when the layout decides them (imports of one isort section: 0). */
  readonly blankBefore?: number;
}

export class EmitContext {
  readonly text: string;
  readonly nl: string;
  readonly indent: string;
  readonly diagnostics: Diagnostic[] = [];
  private readonly statements: SyntaxNode[][];
  private readonly movedCache = new Map<number, string>();

  constructor(
    readonly facts: SplitFacts,
    readonly location: ModuleLocation,
    root: SyntaxNode,
    /** Folders deeper: 1 when `m.py` becomes `m/`, 0 when splitting a package's `__init__.py`. */
    readonly depth: number,
    readonly lineLength: number,
  ) {
    const source: SourceFile = facts.analysis.source;
    this.text = source.text;
    this.nl = source.newline;
    this.indent = source.indent;
    const top = root.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    this.statements = facts.analysis.units.map((u) =>
      top.filter((s) => s.startIndex >= u.statementRange.start && s.endIndex <= u.statementRange.end),
    );
  }

  unit(index: number): TopLevelUnit {
    return this.facts.analysis.units[index] as TopLevelUnit;
  }

  statementsOf(index: number): readonly SyntaxNode[] {
    return this.statements[index] ?? [];
  }

  /** Dotted name of a new file (`app.models.github`), of the package for `__init__.py`. */
  dottedNameOf(file: string): string {
    const base = this.location.dotted;
    if (file === '__init__.py') return base;
    const stem = file.replace(/\.py$/, '');
    if (this.location.isPackageInit) return base ? `${base}.${stem}` : stem;
    return `${base}.${stem}`;
  }

  /**
   * The unit as it moves: the original slice, relative imports made one level deeper, `__file__` folder forms
   * rewritten. Diagnostics about the unit are recorded once.
   */
  movedText(index: number, file: string): string {
    const cached = this.movedCache.get(index);
    if (cached !== undefined) return cached;
    const unit = this.unit(index);
    const edits: TextEdit[] = [
      ...rebaseRelativeImportEdits(this.statementsOf(index), this.depth, unit.range),
    ];
    if (unit.flags.includes('module-path')) {
      const inInit = file === '__init__.py';
      const lineStarts = this.facts.analysis.source.lineStarts;
      const result = modulePathEdits(this.text, this.statementsOf(index), {
        depth: this.depth,
        inInit,
        inMain: file === '__main__.py',
        path: this.facts.analysis.source.path,
        lineOf: (offset) => positionAt(lineStarts, offset),
        oldName: this.location.dotted,
        newName: this.dottedNameOf(file),
      });
      edits.push(...result.edits);
      this.diagnostics.push(...result.diagnostics);
    }
    const out = sliceWithEdits(this.text, unit.range, edits);
    this.movedCache.set(index, out);
    return out;
  }

  /** A copy of an import unit trimmed to `keep`, rebased; null when the file needs none of it. */
  importText(
    index: number,
    keep: (name: string) => boolean,
    statementOnly = false,
    alias: ReadonlySet<string> = new Set(),
  ): string | null {
    const unit = this.unit(index);
    const statements = this.statementsOf(index);
    const trim = trimImportUnitEdits(this.text, statements, keep);
    if (trim === null) return null;
    if (alias.size > 0 && !statementOnly) {
      const split = this.splitAliasedImport(index, keep, alias);
      if (split !== undefined) return split;
    }
    const range = statementOnly ? { start: unit.statementRange.start, end: unit.range.end } : unit.range;
    const edits = [
      ...trim,
      ...rebaseRelativeImportEdits(statements, this.depth, unit.range),
      ...(alias.size > 0 ? redundantAliasEdits(statements, alias) : []),
    ];
    return sliceWithEdits(this.text, range, edits);
  }

  /**
   * A plain `from x import a, b` that re-exports names as `a as a` (F401), written the way ruff's import sorting
   * wants it: the plain names together, each alias in its own statement. Undefined (alias in place instead) when
   * the statement holds comments or shares its unit with other statements.
   */
  private splitAliasedImport(
    index: number,
    keep: (name: string) => boolean,
    alias: ReadonlySet<string>,
  ): string | undefined {
    const unit = this.unit(index);
    const statements = this.statementsOf(index);
    const statement = statements[0];
    if (statements.length !== 1 || statement?.type !== 'import_from_statement') return undefined;
    if (statement.descendantsOfType('comment').length > 0) return undefined;
    const rest = this.text.slice(statement.endIndex, unit.range.end);
    if (!/^(\r\n|\n|\r)$/.test(rest)) return undefined;
    const moduleNode = statement.childForFieldName('module_name');
    const clauses = collectClauses(statement);
    if (!moduleNode || clauses.some((c) => c.type === 'wildcard_import')) return undefined;
    const names: string[] = [];
    let aliased = false;
    for (const clause of clauses) {
      const bound = clauseBoundName(clause, statement);
      if (!keep(bound)) continue;
      if (clause.type === 'aliased_import') names.push(clause.text.replace(/\s+/g, ' '));
      else if (alias.has(bound)) {
        names.push(`${bound} as ${bound}`);
        aliased = true;
      } else names.push(clause.text);
    }
    if (!aliased) return undefined;
    const written = moduleNode.text;
    const dots = /^\.*/.exec(written)?.[0].length ?? 0;
    const level = dots === 0 ? 0 : dots + this.depth;
    const leading = this.text.slice(unit.range.start, statement.startIndex);
    const rendered = splitFromImport(level, written.slice(dots), names).map((s) => this.renderFromImport(s));
    return leading + rendered.join('');
  }

  /** Text between unit `index - 1` (or the file start) and unit `index`. */
  gapBefore(index: number): string {
    const start = index === 0 ? 0 : this.unit(index - 1).range.end;
    return this.text.slice(start, this.unit(index).range.start);
  }

  /** Comments after the last unit (end of file), or ''. */
  trailingText(): string {
    const units = this.facts.analysis.units;
    const last = units[units.length - 1];
    const rest = last ? this.text.slice(last.range.end) : this.text;
    return rest.trim() === '' ? '' : rest;
  }

  isDefinition(index: number): boolean {
    const unit = this.unit(index);
    return unit.definition !== undefined || /^(class|function|decorated)_definition$/.test(unit.nodeType);
  }

  /** Join pieces: original gap between units adjacent in the source, else PEP 8 blank lines (+ floating comments). */
  join(pieces: readonly Piece[]): string {
    let out = '';
    let prev: Piece | undefined;
    for (const piece of pieces) {
      if (piece.text === '') continue;
      if (prev === undefined) {
        if (piece.unit !== undefined && piece.owned) out += floatingText(this.gapBefore(piece.unit));
      } else {
        if (!/[\r\n]$/.test(out)) out += this.nl;
        if (piece.blankBefore !== undefined) {
          const gap = piece.unit !== undefined && piece.owned ? this.gapBefore(piece.unit) : '';
          out += this.nl.repeat(piece.blankBefore) + floatingText(gap);
        } else if (piece.unit !== undefined && prev.unit !== undefined && piece.unit === prev.unit + 1) {
          out += this.gapBefore(piece.unit);
        } else {
          const gap = piece.unit !== undefined ? this.gapBefore(piece.unit) : '';
          const original = leadingBlankLines(gap);
          const floating = piece.owned ? floatingText(gap) : '';
          let blanks: number;
          // What ruff's import sorting wants after an import block (lines-after-imports = -1).
          if (prev.kind === 'import' && piece.kind !== 'import')
            blanks = blankLinesAfterImports(floating + piece.text);
          else if (prev.kind === 'def' || piece.kind === 'def') blanks = 2;
          else if (prev.kind === 'import' && piece.kind === 'import') {
            const afterFuture =
              prev.unit !== undefined && this.unit(prev.unit).flags.includes('future-import');
            blanks =
              piece.unit === undefined || afterFuture ? 1 : this.hadBlankLineBetween(prev.unit, piece.unit);
          } else blanks = Math.min(Math.max(original, 1), 2);
          out += this.nl.repeat(blanks) + floating;
        }
      }
      out += piece.text;
      prev = piece;
    }
    return out;
  }

  /** 1 when the source had a blank line anywhere between two units (an import section break), else 0. */
  private hadBlankLineBetween(from: number | undefined, to: number): number {
    const start = from === undefined ? to : Math.min(from + 1, to);
    for (let i = start; i <= to; i++) if (leadingBlankLines(this.gapBefore(i)) > 0) return 1;
    return 0;
  }

  /**
   * `from .x import a, b` on one line when it fits (with `comment`, e.g. `# noqa: E402`), else one name per line
   * in parentheses with a trailing comma, as ruff wraps it.
   */
  renderFromImport(statement: FromImport, comment = ''): string {
    const module = '.'.repeat(statement.level) + statement.module;
    const trailer = comment === '' ? '' : `  ${comment}`;
    const one = `from ${module} import ${statement.names.join(', ')}${trailer}`;
    if (lineWidth(one) <= this.lineLength) return one + this.nl;
    const names = statement.names.map((c) => `${this.indent}${c},${this.nl}`).join('');
    return `from ${module} import (${trailer}${this.nl}${names})${this.nl}`;
  }
}

/** East Asian wide and fullwidth code points: two columns, as ruff's E501 and import sorter count them. */
const WIDE =
  /[\u{1100}-\u{115F}\u{2E80}-\u{303E}\u{3041}-\u{33FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{A000}-\u{A4CF}\u{AC00}-\u{D7A3}\u{F900}-\u{FAFF}\u{FE30}-\u{FE4F}\u{FF00}-\u{FF60}\u{FFE0}-\u{FFE6}\u{20000}-\u{2FFFD}\u{30000}-\u{3FFFD}]/u;

/**
 * Columns a generated line takes, the way ruff measures line length (unicode width): wide CJK characters count
 * two, combining marks none, any other code point (an astral letter too) one. `from .m import 名前` is 18.
 */
export function lineWidth(line: string): number {
  let width = 0;
  for (const char of line) width += WIDE.test(char) ? 2 : /\p{Mn}|\p{Me}/u.test(char) ? 0 : 1;
  return width;
}

/** Apply edits given in absolute offsets to the slice `range` of `text`. */
export function sliceWithEdits(text: string, range: TextRange, edits: readonly TextEdit[]): string {
  const inside = edits
    .filter((e) => e.range.start >= range.start && e.range.end <= range.end)
    .map((e) => ({
      range: { start: e.range.start - range.start, end: e.range.end - range.start },
      newText: e.newText,
    }));
  return applyEdits(text.slice(range.start, range.end), inside);
}

/**
 * Blank lines ruff's import sorting wants between an import block and `next`: 2 before a def, class or decorator
 * (also under comment lines attached to it), else 1.
 */
export function blankLinesAfterImports(next: string): number {
  const lines = next.split(/\r\n|\n|\r/);
  let i = 0;
  while (i < lines.length && (lines[i] as string).trim().startsWith('#')) i++;
  const line = lines[i] ?? '';
  if (i > 0 && line.trim() === '') return 1;
  return /^(async\s+def|def|class)\b|^@/.test(line) ? 2 : 1;
}

/** Number of blank lines at the start of a gap (all its lines when it has no comment). */
export function leadingBlankLines(gap: string): number {
  let count = 0;
  for (const line of gap.split(/(?<=\r\n|\n|\r(?!\n))/)) {
    if (line.trim() !== '') break;
    if (/[\r\n]$/.test(line)) count++;
  }
  return count;
}

/** The gap from its first non-blank line on (floating comments with the blank lines below them), or ''. */
export function floatingText(gap: string): string {
  const lines = gap.split(/(?<=\r\n|\n|\r(?!\n))/);
  const first = lines.findIndex((l) => l.trim() !== '');
  return first < 0 ? '' : lines.slice(first).join('');
}
