import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, computeLineStarts, positionAt } from '../../../src/model/text.js';

describe('applyEdits', () => {
  it('copies untouched slices between sorted edits', () => {
    const text = 'from a import (x, y)\r\n';
    const edits = [
      { range: { start: 18, end: 19 }, newText: 'z' },
      { range: { start: 5, end: 6 }, newText: '..b' },
    ];
    expect(applyEdits(text, edits)).toBe('from ..b import (x, z)\r\n');
  });

  it('throws on overlapping edits, which would be a bug', () => {
    expect(() =>
      applyEdits('abcdef', [
        { range: { start: 1, end: 4 }, newText: '' },
        { range: { start: 3, end: 5 }, newText: '' },
      ]),
    ).toThrow(/overlapping/);
  });

  it('matches a naive right-to-left application for random non-overlapping edits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 5 })), { maxLength: 6 }),
        (text, raw) => {
          // Turn random numbers into disjoint ranges over the text.
          const cuts = raw
            .flatMap(([a, b]) => [a % (text.length + 1), b % (text.length + 1)])
            .sort((x, y) => x - y);
          const edits = [];
          for (let i = 0; i + 1 < cuts.length; i += 2) {
            edits.push({
              range: { start: cuts[i] as number, end: cuts[i + 1] as number },
              newText: raw[i >> 1]?.[2] ?? '',
            });
          }
          let expected = text;
          for (const e of [...edits].reverse()) {
            expected = expected.slice(0, e.range.start) + e.newText + expected.slice(e.range.end);
          }
          expect(applyEdits(text, edits)).toBe(expected);
        },
      ),
    );
  });
});

describe('positions', () => {
  it('counts \\n, \\r\\n and lone \\r as line breaks, columns in UTF-16 units', () => {
    const text = 'a\r\nb\rc\n😀x';
    const starts = computeLineStarts(text);
    expect(starts).toEqual([0, 3, 5, 7]);
    expect(positionAt(starts, text.indexOf('x'))).toEqual({ line: 4, column: 3 });
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
  });
});
