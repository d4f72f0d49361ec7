// Python source encodings both ways: decoders that agree with CPython's codecs for the encodings modsplit reads,
// and encoders (their exact inverses) for writing new and edited files in the encoding they declare.
// It does not find coding cookies (source-file.ts does) and cannot encode multi-byte legacy encodings (Shift JIS...).

import { Buffer } from 'node:buffer';

/** CPython's tokenizer normalization (`get_normal_name`) plus the codecs module's `_`/`-` equivalence. */
export function normalizeEncodingName(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  if (lower === 'utf-8' || lower.startsWith('utf-8-') || lower === 'utf8') return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1|latin1|l1|iso8859-1|8859|cp819|latin)(-.*)?$/.test(lower))
    return 'latin-1';
  if (lower === 'ascii' || lower === 'us-ascii' || lower === '646') return 'ascii';
  return lower;
}

/** Decodes all bytes, or reports the offset of the first byte of the first undecodable sequence. */
export type Decoder = (
  bytes: Uint8Array,
) => { text: string; badOffset: number } | { text: null; badOffset: number };

/**
 * The decoder of a normalized encoding name (see {@link normalizeEncodingName}), agreeing with Python's codec
 * byte for byte for the single-byte encodings; null when unknown. Multi-byte encodings use WHATWG's TextDecoder.
 */
export function createDecoder(encoding: string): Decoder | null {
  if (encoding === 'latin-1') {
    // Python's latin-1 maps every byte to the same code point; WHATWG's "latin1" label is windows-1252.
    return (bytes) => ({ text: decodeLatin1(bytes), badOffset: -1 });
  }
  const table = singleByteTable(encoding);
  if (table !== null) {
    return (bytes) => {
      const codes: number[] = [];
      let text = '';
      for (let i = 0; i < bytes.length; i++) {
        const code = table.forward[bytes[i] as number] as number;
        if (code < 0) return { text: null, badOffset: i };
        codes.push(code);
        if (codes.length === 8192) text += String.fromCharCode(...codes.splice(0));
      }
      return { text: text + String.fromCharCode(...codes), badOffset: -1 };
    };
  }
  const label = textDecoderLabel(encoding);
  if (label === null) return null;
  return (bytes) => {
    try {
      return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), badOffset: -1 };
    } catch {
      return { text: null, badOffset: findFirstBadByte(label, bytes) };
    }
  };
}

/** Python codec names whose WHATWG label differs other than by `cp` -> `windows-`. */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  cp866: 'ibm866',
  '866': 'ibm866',
  'mac-roman': 'macintosh',
  macroman: 'macintosh',
  'mac-cyrillic': 'x-mac-cyrillic',
  maccyrillic: 'x-mac-cyrillic',
};

/** The WHATWG label TextDecoder knows for a Python encoding name (`cp1250` -> `windows-1250`), or null. */
function textDecoderLabel(encoding: string): string | null {
  const label =
    LABEL_ALIASES[encoding] ?? (/^cp\d+$/.test(encoding) ? `windows-${encoding.slice(2)}` : encoding);
  try {
    new TextDecoder(label, { fatal: true });
    return label;
  } catch {
    return null;
  }
}

/** Python's cp1252 for bytes 0x80-0x9f; -1 where Python's codec has no character (0x81, 0x8d, 0x8f, 0x90, 0x9d). */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1,
  0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, -1, 0x017e, 0x0178,
];

/** One char per byte (Python's latin-1), in chunks so a long line never overflows the argument list. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/**
 * Only on the error path: feed bytes one at a time; the bad sequence starts right after the last byte that
 * completed a character (a byte that yields no text is the start or middle of a multi-byte sequence).
 */
function findFirstBadByte(label: string, bytes: Uint8Array): number {
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  let sequenceStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    try {
      if (decoder.decode(bytes.subarray(i, i + 1), { stream: true }) !== '') sequenceStart = i + 1;
    } catch {
      return sequenceStart;
    }
  }
  return sequenceStart;
}

/** What {@link encodeText} gives: the bytes, or the first character it cannot write and why. */
export type EncodeResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | {
      readonly ok: false;
      /** `missing`: the encoding has no such character (`€` in latin-1, a lone surrogate in UTF-8);
       *  `unsupported`: modsplit has no encoder for this encoding beyond ASCII (Shift JIS, GBK, unknown names). */
      readonly reason: 'missing' | 'unsupported';
      /** Offset of the character in the text (a surrogate pair counts as one character). */
      readonly offset: number;
      readonly char: string;
    };

/** Multi-byte WHATWG encodings in which every ASCII byte stands for itself (Python's codecs agree). */
const ASCII_COMPATIBLE_MULTI_BYTE = new Set(['gbk', 'gb18030', 'big5', 'euc-jp', 'euc-kr', 'shift_jis']);

/**
 * Encode `text` in a normalized encoding (`utf-8`, `latin-1`, `cp1252`, `cp1251`, `iso-8859-15`, ...), the exact
 * inverse of {@link createDecoder}, so decoding and re-encoding unedited text gives back the same bytes. Multi-byte
 * legacy encodings (Shift JIS, GBK, EUC, Big5) are written only while the text is ASCII.
 *
 * @example
 * encodeText('café', 'latin-1') // { ok: true, bytes: <63 61 66 e9> }
 * encodeText('5 €', 'latin-1')  // { ok: false, reason: 'missing', offset: 2, char: '€' }
 */
export function encodeText(text: string, encoding: string): EncodeResult {
  if (encoding === 'utf-8') {
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
    if (lone) return { ok: false, reason: 'missing', offset: lone.index, char: lone[0] };
    return { ok: true, bytes: Buffer.from(text, 'utf8') };
  }
  const charAt = (i: number) => String.fromCodePoint(text.codePointAt(i) as number);
  const table = singleByteTable(encoding);
  if (table === null) {
    const label = textDecoderLabel(encoding);
    const canonical = label === null ? null : new TextDecoder(label).encoding;
    let offset = 0;
    while (offset < text.length && text.charCodeAt(offset) < 0x80) offset++;
    if (canonical !== null && ASCII_COMPATIBLE_MULTI_BYTE.has(canonical) && offset === text.length)
      return { ok: true, bytes: Buffer.from(text, 'latin1') };
    return { ok: false, reason: 'unsupported', offset, char: offset < text.length ? charAt(offset) : '' };
  }
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = table.reverse.get(code);
    if (byte === undefined) return { ok: false, reason: 'missing', offset: i, char: charAt(i) };
    bytes[i] = byte;
  }
  return { ok: true, bytes };
}

/**
 * Byte offsets in `bytes` of the ascending character `offsets` of `text`, where `text` is `bytes` decoded with
 * `encoding` by {@link createDecoder}; null when an offset falls inside one character's byte sequence or the
 * encoding is unknown. What lets an edit replace bytes in place and copy every other byte unchanged.
 */
export function findByteOffsets(
  bytes: Uint8Array,
  text: string,
  encoding: string,
  offsets: readonly number[],
): number[] | null {
  if (encoding === 'utf-8') {
    let at = 0;
    let byte = 0;
    return offsets.map((offset) => {
      byte += Buffer.byteLength(text.slice(at, offset), 'utf8');
      at = offset;
      return byte;
    });
  }
  // One byte per character, all in the Basic Multilingual Plane.
  if (singleByteTable(encoding) !== null) return [...offsets];
  const label = textDecoderLabel(encoding);
  if (label === null) return null;
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  const out: number[] = [];
  let produced = 0;
  let next = 0;
  for (let i = 0; i <= bytes.length && next < offsets.length; i++) {
    while (next < offsets.length && (offsets[next] as number) <= produced) {
      if (offsets[next] !== produced) return null;
      out.push(i);
      next++;
    }
    if (i < bytes.length) produced += decoder.decode(bytes.subarray(i, i + 1), { stream: true }).length;
  }
  return out.length === offsets.length ? out : null;
}

/** A single-byte encoding both ways: `forward[byte]` is its UTF-16 code unit (-1: undefined), `reverse` the inverse. */
interface SingleByteTable {
  readonly forward: readonly number[];
  readonly reverse: ReadonlyMap<number, number>;
}

const tables = new Map<string, SingleByteTable | null>();

/** The WHATWG single-byte encodings (after TextDecoder's own label normalization). */
const SINGLE_BYTE = new Set([
  'ibm866',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-8-i',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
  'koi8-r',
  'koi8-u',
  'macintosh',
  'windows-874',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'x-mac-cyrillic',
]);

/** Bytes Python's codec leaves undefined where WHATWG's table has a character (and not a C1 or private-use one). */
const PYTHON_UNDEFINED: Readonly<Record<string, readonly number[]>> = { 'windows-1253': [0xaa] };

/**
 * Built once per encoding. WHATWG's tables are corrected to Python's codecs: Python's cpXXXX have no character
 * where WHATWG passes a byte through as a C1 control or a private-use character, and Python's iso-8859-9/-11
 * (WHATWG: windows-1254/-874) keep 0x80-0x9f as C1 controls.
 */
function singleByteTable(encoding: string): SingleByteTable | null {
  const cached = tables.get(encoding);
  if (cached !== undefined) return cached;
  let forward: number[] | null = null;
  if (encoding === 'latin-1') forward = Array.from({ length: 256 }, (_, b) => b);
  else if (encoding === 'ascii') forward = Array.from({ length: 256 }, (_, b) => (b < 0x80 ? b : -1));
  else if (encoding === 'cp1252' || encoding === 'windows-1252') {
    // Node 20's TextDecoder decodes windows-1252 as latin-1 (nodejs/node#56542): Python's table, not Node's.
    forward = Array.from({ length: 256 }, (_, b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b,
    );
  } else {
    const label = textDecoderLabel(encoding);
    const canonical = label === null ? null : new TextDecoder(label).encoding;
    if (label !== null && canonical !== null && SINGLE_BYTE.has(canonical)) {
      const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
      const isoOnWindows = /^(iso-?8859-|latin\d|l\d)/.test(encoding) && canonical.startsWith('windows-');
      const undefinedInPython = PYTHON_UNDEFINED[canonical] ?? [];
      forward = Array.from({ length: 256 }, (_, b) => {
        // ASCII in WHATWG and Python alike (ICU's ibm866 swaps some control characters; the spec does not).
        if (b < 0x80 || (isoOnWindows && b <= 0x9f)) return b;
        if (undefinedInPython.includes(b)) return -1;
        let char: string;
        try {
          char = decoder.decode(Uint8Array.of(b));
        } catch {
          return -1;
        }
        const code = char.length === 1 ? char.charCodeAt(0) : -1;
        const windowsGap = (code >= 0x80 && code <= 0x9f) || (code >= 0xe000 && code <= 0xf8ff);
        return canonical.startsWith('windows-') && windowsGap ? -1 : code;
      });
    }
  }
  let table: SingleByteTable | null = null;
  if (forward !== null) {
    const reverse = new Map<number, number>();
    forward.forEach((code, b) => {
      if (code >= 0 && !reverse.has(code)) reverse.set(code, b);
    });
    table = { forward, reverse };
  }
  tables.set(encoding, table);
  return table;
}
