// Bytes -> SourceFile: BOM, PEP 263 coding cookie, strict decoding, newline style, indent unit, quote preference.
// Decoding problems are returned as MS101 diagnostics (never thrown); this file does not parse Python.

import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostics.js';
import type { NewlineStyle, SourceFile } from '../model/source.js';
import { computeLineStarts } from '../model/text.js';
import { createDecoder, type Decoder, decodeLatin1, normalizeEncodingName } from './text-codec.js';

/** Either a decoded source or the MS101 diagnostic that explains why the bytes could not be decoded. */
export type ReadSourceResult =
  | { readonly ok: true; readonly source: SourceFile }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/**
 * Read and decode a Python file the way CPython's tokenizer does.
 * `absPath` is read; `displayPath` is what messages and `SourceFile.path` show.
 * I/O errors (missing file, permissions) are not decoding problems: they reject the promise.
 *
 * @example
 * const read = await readSourceFile('/proj/app/models.py', 'app/models.py');
 * if (read.ok) console.log(read.source.newline === '\r\n');
 */
export async function readSourceFile(absPath: string, displayPath: string): Promise<ReadSourceResult> {
  const bytes = await readFile(absPath);
  return decodeSource(displayPath, bytes);
}

/**
 * A SourceFile for text that is already decoded (tests, editors, generated code). A leading U+FEFF is taken
 * as the BOM, stripped and remembered. `encoding` follows a coding cookie in the text (so files written from it
 * are encoded as they declare), else `utf-8`.
 */
export function sourceFromText(displayPath: string, text: string): SourceFile {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const body = hasBom ? text.slice(1) : text;
  return describeText(displayPath, body, hasBom, findDeclaredEncoding(body) ?? 'utf-8');
}

/**
 * The normalized encoding a decoded text declares with a PEP 263 cookie on line 1 or 2 (`latin-1`, `cp1252`),
 * or null when it declares none: what Python will decode the file with once it is written.
 */
export function findDeclaredEncoding(text: string): string | null {
  const cookie = findTextCodingCookie(text);
  return cookie ? normalizeEncodingName(cookie.name) : null;
}

/** findCodingCookie on a decoded text (cookies are ASCII, so other characters only need to stay non-ASCII). */
export function findTextCodingCookie(text: string): CodingCookie | null {
  const head = text.slice(0, 4096);
  return findCodingCookie(Uint8Array.from(head, (c) => Math.min(c.charCodeAt(0), 0x7f)));
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Decode the bytes of a Python source file: a UTF-8 BOM is stripped and remembered; a PEP 263 cookie on line 1
 * or 2 (`# -*- coding: latin-1 -*-`) selects the codec; otherwise UTF-8. Undecodable bytes, an unknown codec or
 * a BOM that contradicts the cookie give MS101 located at the first bad byte.
 */
export function decodeSource(displayPath: string, bytes: Uint8Array): ReadSourceResult {
  const hasBom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const cookie = findCodingCookie(body);
  let encoding = 'utf-8';
  if (cookie) {
    const normal = normalizeEncodingName(cookie.name);
    if (hasBom && normal !== 'utf-8') {
      return fail(
        displayPath,
        cookie.line,
        cookie.column,
        `the file starts with a UTF-8 BOM but declares \`coding: ${cookie.name}\``,
        'remove the BOM or change the coding cookie to utf-8',
      );
    }
    encoding = normal;
  }
  const decoder = createDecoder(encoding);
  if (!decoder) {
    const where = cookie ?? { line: 1, column: 1, name: encoding };
    return fail(
      displayPath,
      where.line,
      where.column,
      `unknown encoding \`${where.name}\` in the coding cookie`,
      'change the coding cookie to an encoding Python and modsplit know, such as utf-8 or latin-1',
    );
  }
  const decoded = decoder(body);
  if (decoded.text === null) {
    const bad = decoded.badOffset;
    const { line, column } = locateByte(body, bad, decoder);
    const byte = (body[bad] ?? 0).toString(16).padStart(2, '0');
    const what = cookie ? `\`${encoding}\` (declared by the coding cookie)` : 'UTF-8 (no coding cookie)';
    return fail(
      displayPath,
      line,
      column,
      `byte 0x${byte} cannot be decoded as ${what}`,
      cookie
        ? 'fix the bytes or the coding cookie so the whole file decodes'
        : 're-save the file as UTF-8, or declare its encoding with `# -*- coding: <name> -*-` on line 1 or 2',
    );
  }
  const nul = decoded.text.indexOf('\0');
  if (nul >= 0) {
    const lineStarts = computeLineStarts(decoded.text);
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= nul) line++;
    return fail(
      displayPath,
      line + 1,
      nul - (lineStarts[line] as number) + 1,
      'the source contains a NUL byte, which Python rejects',
      'remove the NUL byte; Python cannot import this file',
    );
  }
  return { ok: true, source: describeText(displayPath, decoded.text, hasBom, encoding) };
}

function fail(path: string, line: number, column: number, why: string, help: string): ReadSourceResult {
  return {
    ok: false,
    diagnostic: {
      code: 'MS101',
      severity: 'error',
      message: `cannot decode the module: ${why}`,
      location: { path, line, column },
      help,
    },
  };
}

interface CodingCookie {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/**
 * PEP 263: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on line 1, or on line 2 when line 1 is a comment or blank.
 * Only comment lines are turned into text, so a huge first line of code costs nothing.
 */
export function findCodingCookie(bytes: Uint8Array): CodingCookie | null {
  // Fast path for the project scan: most files have no `coding` anywhere in their first two (short) lines.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048));
  const secondBreak = head.indexOf(0x0a, head.indexOf(0x0a) + 1);
  if (head.indexOf('coding') < 0 && (secondBreak >= 0 || head.length === bytes.byteLength)) return null;
  const cookieRe = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
  let start = 0;
  for (let line = 1; line <= 2; line++) {
    let first = start;
    while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x09 || bytes[first] === 0x0c))
      first++;
    let end = first;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    if (bytes[first] === 0x23) {
      // Latin-1 keeps one char per byte, so the column below is a byte column (cookies are ASCII).
      const m = cookieRe.exec(decodeLatin1(bytes.subarray(start, end)));
      if (m) {
        const name = m[1] as string;
        return { name, line, column: m[0].length - name.length + 1 };
      }
    } else if (end > first) return null;
    if (end >= bytes.length) return null;
    start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
  }
  return null;
}

/**
 * Text of a project file for scanning and editing (importers, tests): the BOM stripped, decoded by its coding
 * cookie like {@link decodeSource}. Never fails: bytes that do not decode fall back to lossy UTF-8, as before
 * cookies were read (such a file is not importable by Python either, and the writer refuses to edit it).
 */
export function decodeProjectText(bytes: Uint8Array): string {
  const hasBom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const cookie = findCodingCookie(body);
  const encoding = cookie ? normalizeEncodingName(cookie.name) : 'utf-8';
  if (encoding !== 'utf-8' && !hasBom) {
    const decoded = createDecoder(encoding)?.(body);
    if (decoded?.text != null) return decoded.text;
  }
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/** 1-based line and column (in decoded characters) of byte `offset`; the prefix before it decodes cleanly. */
function locateByte(bytes: Uint8Array, offset: number, decoder: Decoder): { line: number; column: number } {
  const prefix = decoder(bytes.subarray(0, offset)).text ?? '';
  const lineStarts = computeLineStarts(prefix);
  const last = lineStarts[lineStarts.length - 1] as number;
  // A prefix ending in a lone `\r` may be half of `\r\n`; both count as one line break either way.
  return { line: lineStarts.length, column: prefix.length - last + 1 };
}

function guessFromScan(scan: LexicalScan): { indent: string; quote: '"' | "'" } {
  return { indent: indentUnitOf(scan.masked), quote: preferredQuoteOf(scan) };
}

function describeText(path: string, text: string, hasBom: boolean, encoding: string): SourceFile {
  return {
    path,
    text,
    hasBom,
    encoding,
    newline: findNewlineStyle(text),
    // One lexical scan serves both guesses.
    ...guessFromScan(scanLexically(text)),
    lineStarts: computeLineStarts(text),
  };
}

/** The most frequent line break; ties go to the one seen first; `\n` for a file without any. */
export function findNewlineStyle(text: string): NewlineStyle {
  // Most files have no `\r` at all: then only `\n` can occur (the default for none).
  if (text.indexOf('\r') === -1) return '\n';
  const counts = new Map<NewlineStyle, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) counts.set('\n', (counts.get('\n') ?? 0) + 1);
    else if (c === 13) {
      const style: NewlineStyle = text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      if (style === '\r\n') i++;
      counts.set(style, (counts.get(style) ?? 0) + 1);
    }
  }
  let best: NewlineStyle = '\n';
  let bestCount = 0;
  for (const [style, count] of counts) {
    if (count > bestCount) {
      best = style;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The indentation of the first line that opens a block: the first non-blank line after a line ending in `:`
 * outside brackets, strings and comments, measured against that line. `'\t'` when it indents with a tab;
 * `'    '` when the file has no block.
 */
export function findIndentUnit(text: string): string {
  return indentUnitOf(scanLexically(text).masked);
}

/** {@link findIndentUnit} on the masked text of a lexical scan. */
function indentUnitOf(masked: string): string {
  const lines = masked.split(/\r\n|\r|\n/);
  let depth = 0;
  let opener: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (opener !== null && depth === 0) {
      const outer = leadingWhitespace(opener);
      const inner = leadingWhitespace(line);
      if (inner.length > outer.length && inner.startsWith(outer)) {
        const unit = inner.slice(outer.length);
        return unit.startsWith('\t') ? '\t' : unit;
      }
    }
    for (const c of line) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    }
    opener = depth === 0 && /:\s*$/.test(line) ? line : null;
  }
  return '    ';
}

function leadingWhitespace(line: string): string {
  return /^[ \t\f]*/.exec(line)?.[0] ?? '';
}

/**
 * The quote character most one-line string literals use (comments and string bodies are skipped, so
 * apostrophes in prose do not count); triple-quoted strings decide only when there is no other string.
 */
export function findPreferredQuote(text: string): '"' | "'" {
  return preferredQuoteOf(scanLexically(text));
}

function preferredQuoteOf({ single, triple }: LexicalScan): '"' | "'" {
  const pick = single['"'] + single["'"] > 0 ? single : triple;
  return pick["'"] > pick['"'] ? "'" : '"';
}

interface LexicalScan {
  /** The text with comment and string-literal characters replaced by spaces; line breaks kept. */
  readonly masked: string;
  readonly single: Record<'"' | "'", number>;
  readonly triple: Record<'"' | "'", number>;
}

/** Any character but a line break, each replaced by one space when a comment or string literal is masked. */
const NOT_A_LINE_BREAK = /[^\n\r]/g;
/** Where the code between comments and string literals ends. */
const COMMENT_OR_QUOTE = /[#"']/g;

/**
 * A small tokenizer for comments and string literals only; enough for style guesses, not for parsing. The code
 * between them is copied in slices (found with one regex search each), not character by character.
 */
function scanLexically(text: string): LexicalScan {
  const single = { '"': 0, "'": 0 };
  const triple = { '"': 0, "'": 0 };
  const out: string[] = [];
  const n = text.length;
  let copied = 0;
  let i = 0;
  while (i < n) {
    COMMENT_OR_QUOTE.lastIndex = i;
    const found = COMMENT_OR_QUOTE.exec(text);
    if (!found) break;
    const start = found.index;
    const c = text[start] as '#' | '"' | "'";
    i = start;
    if (c === '#') {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else {
      const isRaw = /[rR][bBfF]?$|[bBfF][rR]$/.test(text.slice(Math.max(0, i - 2), i));
      const q = text.charCodeAt(i);
      if (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q) {
        triple[c]++;
        i += 3;
        while (
          i < n &&
          !(text.charCodeAt(i) === q && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q)
        ) {
          i += text.charCodeAt(i) === 92 && !isRaw ? 2 : 1;
        }
        i = Math.min(n, i + 3);
      } else {
        single[c]++;
        i++;
        for (
          let ch = text.charCodeAt(i);
          i < n && ch !== q && ch !== 10 && ch !== 13;
          ch = text.charCodeAt(i)
        ) {
          i += ch === 92 ? 2 : 1;
        }
        i = Math.min(n, i + 1);
      }
    }
    out.push(text.slice(copied, start), text.slice(start, i).replace(NOT_A_LINE_BREAK, ' '));
    copied = i;
  }
  out.push(text.slice(copied));
  return { masked: out.join(''), single, triple };
}
