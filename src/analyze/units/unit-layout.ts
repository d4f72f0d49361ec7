// Where each top-level unit starts and ends in the text, and the pieces (prologue, units, gaps, epilogue) that
// partition the file exactly. Line-based and syntax-light: it does not know what statements bind or use.
//
// The rules, in order:
// 1. Statements are the named children of `module` that are not comments. Statements sharing a line
//    (`a = 1; b = 2`) form one unit.
// 2. A unit's core runs from the start of its first statement's line to the end of its last statement's last line,
//    line break included, so a trailing comment on that line belongs to it.
// 3. Indented comment lines right after a unit (blank lines between them allowed, not after the last) belong to it:
//    they are visually part of a block (`    # TODO: handle more`).
// 4. Leading comments: for every unit but the first, all comment lines between the previous unit and this one
//    travel with it, even across blank lines, so a section header (`# --- GitHub ---`, blank line, `class ...`)
//    moves with the class. Blank lines before the first of those comments stay behind as the gap.
//    For the first unit only the comment block directly above it (no blank line between) travels, and only when
//    a blank line separates that block from the file header; a shebang or coding cookie never travels.
// 5. Prologue: everything before the first unit; epilogue: everything after the last; gaps: what lies between
//    two units (only blank lines, by rule 4).

import type { SourceFile } from '../../model/source.js';
import type { TextRange } from '../../model/text.js';
import { positionAt } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';

/** One top-level unit's placement: its statements and the ranges rules 1-4 give. */
export interface UnitSpan {
  /** The statement nodes, in order (more than one only for `a = 1; b = 2`). */
  readonly statements: readonly SyntaxNode[];
  /** From the first statement's start to the last statement's last token (trailing comments excluded). */
  readonly statementRange: TextRange;
  /** The slice that moves: leading comments, the statements, trailing comments, through the line break. */
  readonly range: TextRange;
  /** 1-based line of `statementRange.start`. */
  readonly line: number;
  /** 1-based line of the last character of `statementRange`. */
  readonly endLine: number;
}

export type TextPieceKind = 'prologue' | 'unit' | 'gap' | 'epilogue';

/** A slice of the module text; all pieces in order concatenate to the text exactly. */
export interface TextPiece {
  readonly kind: TextPieceKind;
  readonly range: TextRange;
  /** For `unit` pieces: the unit's index. */
  readonly unit?: number;
}

/** The top-level statements of a parsed module: named children of `module` that are not comments. */
export function findTopLevelStatements(root: SyntaxNode): SyntaxNode[] {
  return root.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment' && !n.isExtra);
}

/**
 * Place every top-level unit of a module (see the rules at the top of this file).
 *
 * @example
 * // "import os\n\n# --- helpers ---\n\ndef f(): pass  # tail\n" gives two units; the second starts at "# ---".
 */
export function collectUnitSpans(source: SourceFile, root: SyntaxNode): UnitSpan[] {
  const { text, lineStarts } = source;
  const clusters: SyntaxNode[][] = [];
  let lastEndLine = -1;
  for (const statement of findTopLevelStatements(root)) {
    const startLine = lineOf(lineStarts, statement.startIndex);
    const current = clusters[clusters.length - 1];
    if (current && startLine === lastEndLine) current.push(statement);
    else clusters.push([statement]);
    lastEndLine = lineOf(lineStarts, Math.max(statement.startIndex, findLastTokenEnd(statement) - 1));
  }

  const spans: UnitSpan[] = [];
  let previousEnd = 0;
  for (const [k, statements] of clusters.entries()) {
    const first = statements[0] as SyntaxNode;
    const last = statements[statements.length - 1] as SyntaxNode;
    const statementRange = { start: first.startIndex, end: findLastTokenEnd(last) };
    const line = lineOf(lineStarts, statementRange.start);
    const endLine = lineOf(lineStarts, Math.max(statementRange.start, statementRange.end - 1));
    const coreStart = lineStarts[line - 1] as number;
    const coreEnd = lineStartOrEnd(lineStarts, text, endLine);
    const next = clusters[k + 1]?.[0];
    const nextStart = next ? (lineStarts[lineOf(lineStarts, next.startIndex) - 1] as number) : text.length;
    const start =
      k === 0 ? findFirstUnitStart(source, coreStart) : findLeadingStart(source, previousEnd, coreStart);
    const end = findTrailingEnd(source, coreEnd, nextStart);
    spans.push({ statements, statementRange, range: { start, end }, line, endLine });
    previousEnd = end;
  }
  return spans;
}

/** Prologue, units, gaps and epilogue in order; empty pieces are left out. Concatenated they are the text. */
export function collectTextPieces(
  text: string,
  units: readonly { readonly range: TextRange }[],
): TextPiece[] {
  const pieces: TextPiece[] = [];
  const push = (kind: TextPieceKind, start: number, end: number, unit?: number) => {
    if (end > start)
      pieces.push(
        unit === undefined ? { kind, range: { start, end } } : { kind, range: { start, end }, unit },
      );
  };
  let cursor = 0;
  for (const [index, unit] of units.entries()) {
    push(index === 0 ? 'prologue' : 'gap', cursor, unit.range.start);
    push('unit', unit.range.start, unit.range.end, index);
    cursor = unit.range.end;
  }
  push(units.length === 0 ? 'prologue' : 'epilogue', cursor, text.length);
  return pieces;
}

/** End offset of the last real token of `node`: trailing comments and zero-width tokens are skipped. */
export function findLastTokenEnd(node: SyntaxNode): number {
  for (let i = node.childCount - 1; i >= 0; i--) {
    const child = node.child(i);
    if (!child || child.type === 'comment' || child.startIndex === child.endIndex) continue;
    return findLastTokenEnd(child);
  }
  return node.endIndex;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  return positionAt(lineStarts, offset).line;
}

/** Start of 1-based line `line + 1`, or the end of the text when `line` is the last line. */
function lineStartOrEnd(lineStarts: readonly number[], text: string, line: number): number {
  return line < lineStarts.length ? (lineStarts[line] as number) : text.length;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly content: string;
}

/** Whole lines in `[from, to)`; both are line starts (or the text end). */
function linesBetween(source: SourceFile, from: number, to: number): Line[] {
  const lines: Line[] = [];
  const { lineStarts, text } = source;
  let line = lineOf(lineStarts, from);
  while ((lineStarts[line - 1] as number) < to && line <= lineStarts.length) {
    const start = lineStarts[line - 1] as number;
    const end = Math.min(lineStartOrEnd(lineStarts, text, line), to);
    lines.push({ start, end, content: text.slice(start, end).replace(/\r?\n$|\r$/, '') });
    line++;
  }
  return lines;
}

const isBlank = (content: string) => /^[ \t\f\v]*$/.test(content);
const isComment = (content: string) => /^[ \t\f\v]*#/.test(content);
const isIndentedComment = (content: string) => /^[ \t\f\v]+#/.test(content);
const isHeaderComment = (content: string, lineIndex: number) =>
  (lineIndex === 0 && content.startsWith('#!')) ||
  (lineIndex < 2 && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(content));

/** Rule 4 for units after the first: from the first non-blank line after the previous unit. */
function findLeadingStart(source: SourceFile, previousEnd: number, coreStart: number): number {
  for (const line of linesBetween(source, previousEnd, coreStart)) {
    if (!isBlank(line.content)) return line.start;
  }
  return coreStart;
}

/** Rule 4 for the first unit: the comment block directly above, when a blank line separates it from the header. */
function findFirstUnitStart(source: SourceFile, coreStart: number): number {
  const lines = linesBetween(source, 0, coreStart);
  let k = lines.length;
  while (
    k > 0 &&
    isComment((lines[k - 1] as Line).content) &&
    !isHeaderComment((lines[k - 1] as Line).content, k - 1)
  ) {
    k--;
  }
  if (k === lines.length || k === 0 || !isBlank((lines[k - 1] as Line).content)) return coreStart;
  return (lines[k] as Line).start;
}

/** Rule 3: extend over indented comment lines that follow, up to the last of them. */
function findTrailingEnd(source: SourceFile, coreEnd: number, nextStart: number): number {
  let end = coreEnd;
  for (const line of linesBetween(source, coreEnd, nextStart)) {
    if (isIndentedComment(line.content)) end = line.end;
    else if (!isBlank(line.content)) break;
  }
  return end;
}
