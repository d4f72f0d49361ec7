// One fixture per scoping rule: test/fixtures/dependencies/<case>/input/module.py against expected/facts.json, compared
// byte for byte (UPDATE_FIXTURES=1 rewrites the expectations; review them like code). Also checks that every use's
// range covers exactly its name in the source. The CPython oracle runs on these inputs too (scope-oracle.test.ts).

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatementFacts, findFutureAnnotations } from '../../../src/analyze/dependencies/index.js';
import { computeLineStarts, positionAt } from '../../../src/model/text.js';
import { withParsedPython } from '../../../src/read/parse-python.js';
import { repoRoot } from '../../helpers/python.js';

const fixtureRoot = join(repoRoot, 'test/fixtures/dependencies');
const update = process.env.UPDATE_FIXTURES === '1';

const cases = readdirSync(fixtureRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(fixtureRoot, entry.name, 'input/module.py')))
  .map((entry) => entry.name)
  .sort();

/** Facts rendered for review: a use is `name when[ evaluated|unevaluated] line:column`. */
async function renderFacts(source: string): Promise<string> {
  const lineStarts = computeLineStarts(source);
  const rendered = await withParsedPython(source, (root) => ({
    futureAnnotations: findFutureAnnotations(root),
    statements: collectStatementFacts(root).map((facts) => {
      const start = positionAt(lineStarts, facts.start);
      const firstLine = source.slice(facts.start, facts.end).split(/\r\n|\r|\n/)[0];
      return {
        statement: `${start.line}: ${firstLine}`,
        binds: facts.binds,
        rebinds: facts.rebinds,
        deletes: facts.deletes,
        globalWrites: facts.globalWrites,
        importTimeCalls: facts.importTimeCalls,
        ...(facts.starImports ? { starImports: facts.starImports } : {}),
        uses: facts.uses.map((use) => {
          const at = positionAt(lineStarts, use.range.start);
          const covered = source.slice(use.range.start, use.range.end);
          const mangled = use.name.startsWith('_') && use.name.endsWith(covered) && covered.startsWith('__');
          if (covered.normalize('NFKC') !== use.name && !mangled)
            throw new Error(`range of ${use.name} covers ${JSON.stringify(covered)}`);
          if (at.line !== use.line)
            throw new Error(`line of ${use.name}: ${use.line}, offset says ${at.line}`);
          const evaluated = use.evaluated === undefined ? '' : use.evaluated ? ' evaluated' : ' unevaluated';
          return `${use.name} ${use.when}${evaluated} ${at.line}:${at.column}`;
        }),
      };
    }),
  }));
  return `${JSON.stringify(rendered, null, 2)}\n`;
}

describe('dependency fixtures', () => {
  it('has one fixture per rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(fixtureRoot, name);
      const actual = await renderFacts(readFileSync(join(dir, 'input/module.py'), 'utf8'));
      const expectedPath = join(dir, 'expected/facts.json');
      if (update) {
        mkdirSync(join(dir, 'expected'), { recursive: true });
        writeFileSync(expectedPath, actual);
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
