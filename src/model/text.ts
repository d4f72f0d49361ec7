// Text positions and edits. Offsets are UTF-16 code units of the JS string (what tree-sitter's
// startIndex is once the tree was parsed from that string), never UTF-8 byte offsets.

/** Half-open range `[start, end)` in UTF-16 code units. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Replace `range` of a text with `newText`. An insertion has `start === end`. */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** 1-based line and column (column counted in UTF-16 code units, like editors and Python's `col_offset + 1` for ASCII). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Apply non-overlapping edits by copying the untouched slices between them (the ruff way).
 * Overlapping edits are a bug in the caller, so they throw.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    const { start, end } = edit.range;
    if (start < cursor || end < start || end > text.length) {
      throw new Error(`overlapping or out-of-range edit [${start}, ${end}) at cursor ${cursor}`);
    }
    out += text.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** Offsets at which each line starts; `lineStarts[0] === 0`. Recognizes `\n`, `\r\n` and lone `\r` like Python. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Convert an offset to a 1-based position using precomputed line starts (binary search). */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
}

/**
 * Lines as editors count them: a final line break does not start another line; `\r\n`, `\r` and `\n` all break.
 * @example countLines('a = 1\nb = 2\n') // 2
 */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  const starts = computeLineStarts(text);
  return starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
}
