// A decoded Python source file: the text we slice, plus what we need to write it back the same way.

import type { TextRange } from './text.js';

export type NewlineStyle = '\n' | '\r\n' | '\r';

export interface SourceFile {
  /** Path as given by the caller (absolute or relative to the project root); used in messages. */
  readonly path: string;
  /** Decoded text without the BOM. All ranges index into this string. */
  readonly text: string;
  /** Whether the file started with a UTF-8 BOM (re-emitted on new files derived from it). */
  readonly hasBom: boolean;
  /** Encoding used to decode (`utf-8` unless a PEP 263 cookie said otherwise). */
  readonly encoding: string;
  /** Dominant newline style of the file; generated lines use it. */
  readonly newline: NewlineStyle;
  /** Indentation unit seen in the file (`'    '` by default, `'\t'` when the file indents with tabs). */
  readonly indent: string;
  /** Preferred quote character for generated strings, from the file's own majority. */
  readonly quote: '"' | "'";
  /** Offsets at which each line starts. */
  readonly lineStarts: readonly number[];
}

/** A located span of a particular source file; what diagnostics and reports point at. */
export interface SourceSpan {
  readonly path: string;
  readonly range: TextRange;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}
