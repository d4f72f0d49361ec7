// Decoding Python source bytes like CPython: BOM, PEP 263 cookies, MS101 locations, and the style guesses.
// Python itself is the oracle for what decodes; it is not asked about style (newline, indent, quote).

import { describe, expect, it } from 'vitest';
import { decodeSource, findCodingCookie, sourceFromText } from '../../../src/read/source-file.js';
import { runPython } from '../../helpers/python.js';

const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeSource', () => {
  it('strips and remembers a UTF-8 BOM', () => {
    const read = decodeSource('m.py', bytesOf([0xef, 0xbb, 0xbf], 'x = "é"\n'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.source.hasBom).toBe(true);
    expect(read.source.text).toBe('x = "é"\n');
    expect(read.source.encoding).toBe('utf-8');
  });

  it('honours a latin-1 cookie on line 2 with Python latin-1 semantics (0x80-0x9f are C1, not cp1252)', () => {
    const read = decodeSource(
      'm.py',
      bytesOf('#!/usr/bin/env python\n# -*- coding: latin-1 -*-\ns = "', [0xe9, 0x80], '"\n'),
    );
    expect(read.ok && read.source.text.endsWith('s = "\u00e9\u0080"\n')).toBe(true);
    expect(read.ok && read.source.encoding).toBe('latin-1');
  });

  it('ignores a cookie on line 2 when line 1 is code, as PEP 263 says', () => {
    expect(findCodingCookie(bytesOf('import os\n# coding: latin-1\n'))).toBeNull();
    expect(findCodingCookie(bytesOf('\n# vim: set fileencoding=cp1252 :\n'))).toMatchObject({
      name: 'cp1252',
      line: 2,
    });
  });

  it('decodes cp1252 and shift_jis through the platform decoder', () => {
    const cp = decodeSource('m.py', bytesOf('# coding: cp1252\nq = "', [0x93, 0x94], '"\n'));
    expect(cp.ok && cp.source.text).toBe('# coding: cp1252\nq = "\u201c\u201d"\n');
    const sj = decodeSource('m.py', bytesOf('# coding: shift_jis\nq = "', [0x82, 0xa0], '"\n'));
    expect(sj.ok && sj.source.text).toBe('# coding: shift_jis\nq = "\u3042"\n');
  });

  it('reports undecodable UTF-8 as MS101 at the first bad byte, counted in characters', () => {
    const read = decodeSource('pkg/m.py', bytesOf('a = 1\nname = "Caf', [0xe9], '"\n'));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.diagnostic.code).toBe('MS101');
    expect(read.diagnostic.location).toEqual({ path: 'pkg/m.py', line: 2, column: 12 });
    expect(read.diagnostic.message).toContain('0xe9');
  });

  it('locates a truncated multi-byte sequence at its first byte, after non-ASCII text on the same line', () => {
    // "é" (2 bytes) then a lone lead byte 0xe2 followed by ASCII.
    const read = decodeSource('m.py', bytesOf('s = "é', [0xe2], 'x"\n'));
    expect(!read.ok && read.diagnostic.location).toEqual({ path: 'm.py', line: 1, column: 7 });
  });

  it('reports an unknown cookie encoding and a BOM contradicting its cookie', () => {
    const unknown = decodeSource('m.py', bytesOf('# -*- coding: klingon -*-\n'));
    expect(!unknown.ok && unknown.diagnostic.code).toBe('MS101');
    expect(!unknown.ok && unknown.diagnostic.location).toEqual({ path: 'm.py', line: 1, column: 15 });
    const both = decodeSource('m.py', bytesOf([0xef, 0xbb, 0xbf], '# coding: latin-1\n'));
    expect(!both.ok && both.diagnostic.message).toContain('BOM');
  });

  it('agrees with Python on which byte strings are valid source encodings', () => {
    const cases: Uint8Array[] = [
      bytesOf('x = 1\n'),
      bytesOf('x = "', [0xe9], '"\n'),
      bytesOf('# coding: latin-1\nx = "', [0xe9], '"\n'),
      bytesOf('# coding: utf-8\nx = "', [0xff], '"\n'),
      bytesOf('# coding: ascii\nx = "', [0xc3, 0xa9], '"\n'),
      bytesOf([0xef, 0xbb, 0xbf], 'x = "\u00e9"\n'),
      bytesOf([0xef, 0xbb, 0xbf], '# coding: latin-1\n'),
      bytesOf('# coding: nope\n'),
      bytesOf('s = "', [0xf0, 0x9f, 0x98], '"\n'),
      bytesOf('s = "\u{1F600}"\n'),
      bytesOf('# coding: cp1252\nx = "', [0x80, 0x9f], '"\n'),
      bytesOf('# coding: cp1252\nx = "', [0x81], '"\n'),
      bytesOf('# coding: utf-8\nx = "', [0xed, 0xa0, 0x80], '"\n'),
      bytesOf('x = 1\0\n'),
    ];
    const script = [
      'import sys, json',
      'out = []',
      'for h in json.load(sys.stdin):',
      '    try:',
      '        compile(bytes.fromhex(h), "m.py", "exec")',
      '        out.append(True)',
      '    except (SyntaxError, ValueError):',
      '        out.append(False)',
      'print(json.dumps(out))',
    ].join('\n');
    const python = JSON.parse(
      runPython(script, JSON.stringify(cases.map((c) => Buffer.from(c).toString('hex')))),
    );
    expect(cases.map((c) => decodeSource('m.py', c).ok)).toEqual(python);
  });
});

describe('sourceFromText style guesses', () => {
  it('finds the dominant newline style', () => {
    expect(sourceFromText('m.py', 'a\r\nb\r\nc\n').newline).toBe('\r\n');
    expect(sourceFromText('m.py', 'a\nb\r\nc\n').newline).toBe('\n');
    expect(sourceFromText('m.py', 'a').newline).toBe('\n');
  });

  it('finds the indent unit from the first block, not from docstrings or brackets', () => {
    const docFirst = '"""Usage:\n      run it\n"""\nx = f(\n        1,\n)\nif x:\n  y = 1\n';
    expect(sourceFromText('m.py', docFirst).indent).toBe('  ');
    expect(sourceFromText('m.py', 'class A:\n\tdef f(self):\n\t\tpass\n').indent).toBe('\t');
    expect(sourceFromText('m.py', 'x = 1\n').indent).toBe('    ');
    expect(sourceFromText('m.py', 'def f(\n    a,\n):\n   return a\n').indent).toBe('   ');
  });

  it('prefers the quote most one-line strings use, ignoring apostrophes in comments and docstrings', () => {
    expect(sourceFromText('m.py', `"""It's a module."""\n# don't\nx = 'a'\ny = 'b'\nz = "c"\n`).quote).toBe(
      "'",
    );
    expect(sourceFromText('m.py', `x = "it's"\ny = "b"\n`).quote).toBe('"');
    expect(sourceFromText('m.py', "'''doc'''\n").quote).toBe("'");
  });

  it('takes the encoding from a coding cookie in already-decoded text', () => {
    expect(sourceFromText('m.py', '# -*- coding: Latin-1 -*-\nx = "é"\n').encoding).toBe('latin-1');
    expect(sourceFromText('m.py', 'x = 1\n# coding: latin-1\n').encoding).toBe('utf-8');
  });

  it('treats a leading U+FEFF as the BOM', () => {
    const source = sourceFromText('m.py', '\ufeffx = 1\r\n');
    expect(source.hasBom).toBe(true);
    expect(source.text).toBe('x = 1\r\n');
    expect(source.lineStarts).toEqual([0, 7]);
  });
});
