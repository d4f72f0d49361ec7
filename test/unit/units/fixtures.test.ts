// Fixture trees for the read stage and top-level units: test/fixtures/units/<case>/input/module.py is read from
// bytes and analyzed; expected/facts.json (analyze --format json) or expected/diagnostics.json, and
// expected/pieces.txt (the partition) are compared exactly. UPDATE_FIXTURES=1 rewrites the expectations.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { collectTextPieces } from '../../../src/analyze/units/unit-layout.js';
import type { SourceFile } from '../../../src/model/source.js';
import { positionAt } from '../../../src/model/text.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { readSourceFile } from '../../../src/read/source-file.js';
import { renderModuleFactsJson } from '../../../src/report/module-facts-json.js';
import { repoRoot } from '../../helpers/python.js';

const fixturesDir = join(repoRoot, 'test/fixtures/units');
const update = process.env.UPDATE_FIXTURES === '1';
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** One line per piece: kind, unit index, 1-based line span, and the text with \r, \t and non-ASCII visible. */
function renderPieces(source: SourceFile, analysis: ModuleAnalysis): string {
  const pieces = collectTextPieces(source.text, analysis.units);
  return pieces
    .map((piece) => {
      const first = positionAt(source.lineStarts, piece.range.start).line;
      const last = positionAt(source.lineStarts, Math.max(piece.range.start, piece.range.end - 1)).line;
      const label = piece.unit === undefined ? piece.kind : `unit ${piece.unit}`;
      const text = JSON.stringify(source.text.slice(piece.range.start, piece.range.end)).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      return `${label.padEnd(9)} ${`${first}-${last}`.padEnd(8)} ${text}`;
    })
    .join('\n')
    .concat('\n');
}

function compare(path: string, actual: string): void {
  if (update) {
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `missing ${path} (run with UPDATE_FIXTURES=1)`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('units fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(15);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(fixturesDir, name);
      expect(existsSync(join(dir, 'README.md')), 'each case explains itself in README.md').toBe(true);
      const expectedDir = join(dir, 'expected');
      if (update) mkdirSync(expectedDir, { recursive: true });
      const read = await readSourceFile(join(dir, 'input/module.py'), 'module.py');
      const result = read.ok ? await analyzeModule(read.source) : { diagnostics: [read.diagnostic] };
      const factsPath = join(expectedDir, 'facts.json');
      const diagnosticsPath = join(expectedDir, 'diagnostics.json');
      const piecesPath = join(expectedDir, 'pieces.txt');
      if (read.ok && result.analysis) {
        const analysis = result.analysis;
        // The partition invariant on every fixture.
        const pieces = collectTextPieces(read.source.text, analysis.units);
        expect(pieces.map((p) => read.source.text.slice(p.range.start, p.range.end)).join('')).toBe(
          read.source.text,
        );
        compare(factsPath, renderModuleFactsJson(analysis));
        compare(piecesPath, renderPieces(read.source, analysis));
        if (update) rmSync(diagnosticsPath, { force: true });
      } else {
        compare(diagnosticsPath, `${JSON.stringify(result.diagnostics, null, 2)}\n`);
        if (update) {
          rmSync(factsPath, { force: true });
          rmSync(piecesPath, { force: true });
        }
      }
    });
  }
});
