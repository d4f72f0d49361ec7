// The codecs behind reading and writing non-UTF-8 sources, against Python's own codecs: every byte of each
// single-byte encoding decodes as Python decodes it (or is refused where Python refuses), encodes back to the same
// byte, and multi-byte text maps offsets to the bytes Python's encoder gives. It does not touch files.

import { describe, expect, it } from 'vitest';
import { findCodingCookie } from '../../../src/read/source-file.js';
import { createDecoder, encodeText, findByteOffsets } from '../../../src/read/text-codec.js';
import { runPython } from '../../helpers/python.js';

/** Python encoding name -> 256 entries: the code units of `bytes([b]).decode(enc)`, or null where it fails. */
function pythonTables(encodings: readonly string[]): Record<string, (number[] | null)[]> {
  const script = `
import json, sys
out = {}
for enc in json.load(sys.stdin):
    row = []
    for b in range(256):
        try:
            row.append([ord(c) for c in bytes([b]).decode(enc)])
        except UnicodeDecodeError:
            row.append(None)
    out[enc] = row
print(json.dumps(out))
`;
  return JSON.parse(runPython(script, JSON.stringify(encodings)));
}

const SINGLE_BYTE = [
  'latin-1',
  'ascii',
  'cp1252',
  'cp1250',
  'cp1251',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'cp874',
  'cp866',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-7',
  'iso-8859-9',
  'iso-8859-15',
  'koi8-r',
  'koi8-u',
  'mac-roman',
];

describe('single-byte codecs agree with Python', () => {
  const tables = pythonTables(SINGLE_BYTE);
  for (const encoding of SINGLE_BYTE) {
    it(`${encoding}: all 256 bytes decode as Python decodes them and encode back`, () => {
      const decode = createDecoder(encoding);
      expect(decode, encoding).not.toBeNull();
      const python = tables[encoding] as (number[] | null)[];
      const mismatches: string[] = [];
      let defined = 0;
      for (let b = 0; b < 256; b++) {
        const ours = decode?.(Uint8Array.of(b)).text ?? null;
        const theirs = python[b] === null ? null : String.fromCharCode(...(python[b] as number[]));
        if (ours !== theirs)
          mismatches.push(
            `0x${b.toString(16)}: ours ${JSON.stringify(ours)}, Python ${JSON.stringify(theirs)}`,
          );
        if (theirs === null) continue;
        defined++;
        const encoded = encodeText(theirs, encoding);
        expect(encoded.ok && [...encoded.bytes], `${encoding} 0x${b.toString(16)}`).toEqual([b]);
      }
      expect(mismatches).toEqual([]);
      expect(defined).toBeGreaterThanOrEqual(128);
      // A whole buffer of every defined byte round-trips in one go.
      const all = Uint8Array.from(python.flatMap((row, b) => (row === null ? [] : [b])));
      const text = decode?.(all).text as string;
      const again = encodeText(text, encoding);
      expect(again.ok && Buffer.compare(again.bytes, Buffer.from(all))).toBe(0);
    });
  }
});

describe('encodeText', () => {
  it('names the first character the encoding lacks, with its offset', () => {
    expect(encodeText('prix: 5 €', 'latin-1')).toEqual({
      ok: false,
      reason: 'missing',
      offset: 8,
      char: '€',
    });
    expect(encodeText('a\u{1f600}', 'cp1252')).toEqual({
      ok: false,
      reason: 'missing',
      offset: 1,
      char: '\u{1f600}',
    });
    expect(encodeText('x = "\ud800"', 'utf-8')).toEqual({
      ok: false,
      reason: 'missing',
      offset: 5,
      char: '\ud800',
    });
    expect(encodeText('\u0080', 'cp1252')).toMatchObject({ ok: false, reason: 'missing', offset: 0 });
  });

  it('writes multi-byte legacy encodings only as ASCII, and says so', () => {
    const ascii = encodeText('x = "plain"\n', 'shift_jis');
    expect(ascii.ok && ascii.bytes.toString('latin1')).toBe('x = "plain"\n');
    expect(encodeText('x = "日本"', 'shift_jis')).toEqual({
      ok: false,
      reason: 'unsupported',
      offset: 5,
      char: '日',
    });
    expect(encodeText('x', 'no-such-codec')).toMatchObject({ ok: false, reason: 'unsupported' });
  });
});

describe('findByteOffsets', () => {
  it('maps character offsets to the bytes Python encodes, in UTF-8, cp1252 and Shift JIS', () => {
    const text = '# 日本語のコメント €\nname = "値"  # ｶﾀｶﾅ\nvalue = 1\n';
    const cases: [string, string][] = [
      ['utf-8', text],
      ['shift_jis', text.replace('€', 'E')],
      ['euc-jp', text.replace('€', 'E')],
      ['cp1252', '# “quoted” – €\nx = "é"\n'],
    ];
    for (const [encoding, sample] of cases) {
      const offsets = [0, 3, sample.indexOf('\n') + 1, sample.indexOf('=') + 2, sample.length];
      const expected = JSON.parse(
        runPython(
          'import json, sys; c = json.load(sys.stdin); print(json.dumps([len(c["t"][:o].encode(c["e"])) for o in c["o"]]))',
          JSON.stringify({ t: sample, e: encoding.replace('_', '-'), o: offsets }),
        ),
      ) as number[];
      const bytes = Buffer.from(
        runPython(
          'import base64, json, sys; c = json.load(sys.stdin); print(base64.b64encode(c["t"].encode(c["e"])).decode())',
          JSON.stringify({ t: sample, e: encoding.replace('_', '-') }),
        ).trim(),
        'base64',
      );
      expect(createDecoder(encoding)?.(bytes).text, encoding).toBe(sample);
      expect(findByteOffsets(bytes, sample, encoding, offsets), encoding).toEqual(expected);
    }
  });

  it('answers null for an offset inside one character of a multi-byte encoding', () => {
    const bytes = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift JIS
    expect(findByteOffsets(bytes, '日本', 'shift_jis', [0, 1, 2])).toEqual([0, 2, 4]);
    const astral = Buffer.from('a\u{1f600}b', 'utf8');
    expect(findByteOffsets(astral, 'a\u{1f600}b', 'utf-8', [1, 3, 4])).toEqual([1, 5, 6]);
  });
});

describe('findCodingCookie', () => {
  it('finds the cookie on line 1, or on line 2 below a comment or blank line, as PEP 263 says', () => {
    const at = (text: string) => findCodingCookie(Buffer.from(text, 'latin1'));
    expect(at('# -*- coding: latin-1 -*-\n')).toEqual({ name: 'latin-1', line: 1, column: 15 });
    expect(at('#!/usr/bin/env python\r\n# vim: set fileencoding=cp1252 :\r\n')).toMatchObject({
      name: 'cp1252',
      line: 2,
    });
    expect(at('\n# coding=latin-1\n')).toMatchObject({ line: 2 });
    expect(at('import os\n# coding: latin-1\n')).toBeNull();
    expect(at('# just a comment\n# nothing\n# coding: latin-1\n')).toBeNull();
  });

  it('is not slowed or broken by a huge first line of code', () => {
    const huge = Buffer.alloc(20_000_000, 0x61);
    const started = performance.now();
    expect(findCodingCookie(huge)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
    // A huge comment line is read in chunks (a spread of 20 MB of arguments would throw RangeError).
    huge[0] = 0x23;
    expect(findCodingCookie(huge)).toBeNull();
  });
});
