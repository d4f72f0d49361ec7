// Unit placement and the partition of a module into prologue, units, gaps and epilogue: property tests over
// generated modules (mixed newlines, non-ASCII, comments everywhere), the documented comment rules, a >32 KiB file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectTextPieces,
  collectUnitSpans,
  findTopLevelStatements,
} from '../../../src/analyze/units/unit-layout.js';
import type { SourceFile } from '../../../src/model/source.js';
import { parseModule } from '../../../src/read/read-module.js';
import { sourceFromText } from '../../../src/read/source-file.js';

async function layout(text: string) {
  const source = sourceFromText('m.py', text);
  const parsed = await parseModule(source);
  if (!parsed.ok) throw new Error(`${parsed.diagnostic.message}\n${text}`);
  try {
    const root = parsed.tree.rootNode;
    const spans = collectUnitSpans(source, root);
    const statements = findTopLevelStatements(root).map((n) => ({ start: n.startIndex, end: n.endIndex }));
    return { source, spans, statements };
  } finally {
    parsed.tree.delete();
  }
}

const slices = (source: SourceFile, spans: readonly { range: { start: number; end: number } }[]) =>
  spans.map((s) => source.text.slice(s.range.start, s.range.end));

/** One top-level statement per fragment, written with `{n}` for the newline and `{i}` for the indent. */
const statementFragments = [
  'x{k} = {k}',
  'def f{k}():{n}{i}return "é{k}"',
  'class C{k}:{n}{i}a = 1{n}{i}# inner{n}{n}{i}def m(self):{n}{i}{i}return "😀"',
  '@decorator{n}# between{n}@other(1){n}def g{k}():{n}{i}pass',
  'a{k} = 1; b{k} = 2  # both ü',
  'L{k} = [{n}{i}1,  # one{n}{n}{i}2,{n}]',
  'if cond:{n}{i}y{k} = 1{n}else:{n}{i}y{k} = 2',
  's{k} = """multi{n}# not a comment{n}line"""',
  'from .m{k} import (a as b,  # c{n}{i}d)',
  'z{k} = 1 \\{n}{i}+ 2',
];
const betweenFragments = [
  '',
  '{n}',
  '{n}{n}',
  '# comment ü{n}',
  '{i}# indented{n}',
  '   {n}',
  '# a{n}{n}# b{n}',
  '\f{n}',
];

const moduleArbitrary = fc
  .record({
    parts: fc.array(fc.tuple(fc.constantFrom(...betweenFragments), fc.constantFrom(...statementFragments)), {
      minLength: 0,
      maxLength: 12,
    }),
    tail: fc.constantFrom('', '{n}', '{n}# end{n}', '{n}{n}', '# no newline'),
    head: fc.constantFrom('', '#!/usr/bin/env python{n}', '# -*- coding: utf-8 -*-{n}{n}# doc{n}', '{n}'),
    newline: fc.constantFrom('\n', '\r\n'),
    indent: fc.constantFrom('    ', '\t', '  '),
    mixed: fc.boolean(),
  })
  .map(({ parts, tail, head, newline, indent, mixed }) => {
    let count = 0;
    const fill = (s: string, k: number) =>
      s
        .replaceAll('{k}', String(k))
        .replaceAll('{i}', indent)
        .replaceAll('{n}', () => (mixed && count++ % 3 === 0 ? (newline === '\n' ? '\r\n' : '\n') : newline));
    const body = parts.map(
      ([between, statement], k) => `${fill(between, k)}${fill(statement, k)}${fill('{n}', k)}`,
    );
    return { text: fill(head, 0) + body.join('') + fill(tail, 0), statements: parts.length };
  });

describe('collectUnitSpans and collectTextPieces', () => {
  it('partitions generated modules exactly, one unit per statement line, gaps blank', async () => {
    await fc.assert(
      fc.asyncProperty(moduleArbitrary, async ({ text, statements: expected }) => {
        const { source, spans, statements } = await layout(text);
        const pieces = collectTextPieces(text, spans);
        expect(pieces.map((p) => text.slice(p.range.start, p.range.end)).join('')).toBe(text);
        expect(spans.length).toBe(expected);
        for (const piece of pieces) {
          const slice = text.slice(piece.range.start, piece.range.end);
          if (piece.kind === 'gap') expect(slice).toMatch(/^[ \t\f\r\n]*$/);
          if (piece.kind === 'prologue' || piece.kind === 'epilogue') {
            for (const line of slice.split(/\r\n|\r|\n/)) expect(line).toMatch(/^[ \t\f]*(#.*)?$/);
          }
        }
        for (const [k, span] of spans.entries()) {
          // Units start at a line start and end after a line break (or at the end of the text).
          expect(span.range.start === 0 || /[\r\n]/.test(text[span.range.start - 1] as string)).toBe(true);
          expect(span.range.end === text.length || /[\r\n]/.test(text[span.range.end - 1] as string)).toBe(
            true,
          );
          // What precedes the statement inside the unit is only comments and blank lines.
          const lead = text.slice(span.range.start, span.statementRange.start);
          for (const line of lead.split(/\r\n|\r|\n/)) expect(line).toMatch(/^[ \t\f]*(#.*)?$/);
          if (k > 0) expect(span.range.start).toBeGreaterThanOrEqual((spans[k - 1] as typeof span).range.end);
        }
        for (const statement of statements) {
          const owners = spans.filter(
            (s) => s.statementRange.start <= statement.start && statement.start < s.statementRange.end,
          );
          expect(owners.length).toBe(1);
        }
        expect(source.text).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('attaches a section header across a blank line, keeps the blank lines before it as the gap', async () => {
    const text = 'import os\n\n\n# --- GitHub ---\n\nclass GitHub:\n    pass\n';
    const { source, spans } = await layout(text);
    expect(slices(source, spans)).toEqual(['import os\n', '# --- GitHub ---\n\nclass GitHub:\n    pass\n']);
    expect(collectTextPieces(text, spans).map((p) => p.kind)).toEqual(['unit', 'gap', 'unit']);
  });

  it('keeps the file header in the prologue and attaches a comment directly above the first statement', async () => {
    const withBlank = await layout('# -*- coding: utf-8 -*-\n# License\n\n# the settings\nX = 1\n');
    expect(slices(withBlank.source, withBlank.spans)).toEqual(['# the settings\nX = 1\n']);
    const touching = await layout('# -*- coding: utf-8 -*-\nimport os\n');
    expect(slices(touching.source, touching.spans)).toEqual(['import os\n']);
    const cookieAfterBlank = await layout('\n# coding: latin-1\nimport os\n');
    expect(slices(cookieAfterBlank.source, cookieAfterBlank.spans)).toEqual(['import os\n']);
  });

  it('merges statements sharing a line, keeps trailing and indented comments with their statement', async () => {
    const text =
      'a = 1; b = 2  # same line\ndef f():\n    return 1\n    # later\n\n    # much later\n\n# next\nc = 3\n';
    const { source, spans } = await layout(text);
    expect(slices(source, spans)).toEqual([
      'a = 1; b = 2  # same line\n',
      'def f():\n    return 1\n    # later\n\n    # much later\n',
      '# next\nc = 3\n',
    ]);
    expect(spans.map((s) => [s.line, s.endLine])).toEqual([
      [1, 1],
      [2, 3],
      [9, 9],
    ]);
    expect(source.text.slice(spans[1]?.statementRange.start, spans[1]?.statementRange.end)).toBe(
      'def f():\n    return 1',
    );
  });

  it('counts offsets in UTF-16 code units in a module over 32 KiB with astral characters before each symbol', async () => {
    const parts: string[] = ['"""Ünïcödé 😀 module."""\n'];
    for (let k = 0; k < 400; k++)
      parts.push(`\n\n# 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 section ${k} 😀\ndef func_${k}(x="é😀"):\n    return x * ${k}  # ü\n`);
    const text = parts.join('');
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(32 * 1024);
    const { source, spans } = await layout(text);
    expect(spans.length).toBe(401);
    for (let k = 0; k < 400; k++) {
      const span = spans[k + 1];
      expect(source.text.slice(span?.statementRange.start, span?.statementRange.end)).toBe(
        `def func_${k}(x="é😀"):\n    return x * ${k}`,
      );
      expect(source.text.slice(span?.range.start, span?.range.end)).toBe(
        `# 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 section ${k} 😀\ndef func_${k}(x="é😀"):\n    return x * ${k}  # ü\n`,
      );
      expect(span?.line).toBe(5 + k * 5);
    }
    const pieces = collectTextPieces(text, spans);
    expect(pieces.map((p) => text.slice(p.range.start, p.range.end)).join('')).toBe(text);
  });

  it('gives a module without statements a single prologue piece', async () => {
    const text = '# only a comment\n\n';
    const { spans } = await layout(text);
    expect(spans).toEqual([]);
    expect(collectTextPieces(text, spans)).toEqual([
      { kind: 'prologue', range: { start: 0, end: text.length } },
    ]);
  });
});
