// Property test: random modules (constants, functions, classes with import-time and call-time dependencies, copied
// imports) split with random plans. Every split either is refused for a cycle (MS301) or keeps every unit once,
// parses, and passes the Python oracle (names resolve per code object, re-exports are the same objects).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  changedPythonFiles,
  findMisplacedUnits,
  findUnparsableFiles,
  runSplit,
  type SplitRun,
} from '../../helpers/fixture-tree.js';
import { runPython } from '../../helpers/python.js';
import { type CheckJob, describeSplit, runSplitOracle } from '../../helpers/split-oracle.js';

/** pyflakes messages (without file and line) of each group of files, in one interpreter. */
const PYFLAKES = `
import json, sys
from pyflakes.api import checkPath
from pyflakes.reporter import Reporter
class Collect(Reporter):
    def __init__(self):
        self.messages = []
    def flake(self, message):
        self.messages.append(message.message % message.message_args)
    def unexpectedError(self, filename, msg):
        self.messages.append("error: " + str(msg))
    def syntaxError(self, filename, msg, lineno, offset, text):
        self.messages.append("syntax: " + str(msg))
out = []
for paths in json.load(sys.stdin):
    reporter = Collect()
    for path in paths:
        checkPath(path, reporter)
    out.append(sorted(reporter.messages))
json.dump(out, sys.stdout)
`;

interface Item {
  readonly kind: 'const' | 'def' | 'class';
  /** Indices of earlier items used at import time (bases, class attributes, constant expressions). */
  readonly importTime: readonly number[];
  /** Indices of any items used inside a function body. */
  readonly callTime: readonly number[];
  readonly usesImport: boolean;
  /** Plan file index (0-2), or 3 for "not in the plan". */
  readonly file: number;
}

const moduleArb = fc.integer({ min: 3, max: 12 }).chain((n) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('const', 'def', 'class'),
      importTime: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }),
      callTime: fc.uniqueArray(fc.nat(n - 1), { maxLength: 3 }),
      usesImport: fc.boolean(),
      file: fc.nat(3),
    }),
    { minLength: n, maxLength: n },
  ),
);

const NAMES = (i: number, kind: Item['kind']) =>
  kind === 'const' ? `CONST_${i}` : kind === 'def' ? `func_${i}` : `Class${i}`;

function renderModule(items: readonly Item[]): string {
  const out = ['"""Generated."""', 'import os', 'from collections import OrderedDict as OD', ''];
  items.forEach((item, i) => {
    const name = NAMES(i, item.kind);
    // Import-time uses may only name earlier items (later ones would not exist yet).
    const early = item.importTime.filter((j) => j < i).map((j) => NAMES(j, items[j]?.kind ?? 'const'));
    const late = item.callTime.map((j) => NAMES(j, items[j]?.kind ?? 'const'));
    const imp = item.usesImport ? (item.kind === 'const' ? 'os.sep' : 'OD()') : 'None';
    if (item.kind === 'const') {
      out.push('', `${name} = [${[imp, ...early].join(', ')}]`);
    } else if (item.kind === 'def') {
      out.push(
        '',
        '',
        `def ${name}(arg=${early[0] ?? 'None'}):`,
        `    return [${[imp, ...late].join(', ')}]`,
      );
    } else {
      const bases = early.filter((e) => e.startsWith('Class'));
      out.push('', '', `class ${name}${bases.length > 0 ? `(${bases.join(', ')})` : ''}:`);
      out.push(`    attrs = [${early.filter((e) => !e.startsWith('Class')).join(', ')}]`);
      out.push('', '    def run(self):', `        return [${[imp, ...late].join(', ')}]`);
    }
  });
  return `${out.join('\n')}\n`;
}

function renderPlan(items: readonly Item[]): Record<string, string[]> {
  const files: Record<string, string[]> = { 'alpha.py': [], 'beta.py': [], 'gamma.py': [] };
  const keys = Object.keys(files);
  items.forEach((item, i) => {
    const key = keys[item.file];
    if (key) files[key]?.push(NAMES(i, item.kind));
  });
  for (const key of keys) if ((files[key] ?? []).length === 0) delete files[key];
  if (Object.keys(files).length === 0) files['alpha.py'] = [NAMES(0, items[0]?.kind ?? 'const')];
  return files;
}

const work = mkdtempSync(join(tmpdir(), 'modsplit-generated-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('random modules, random plans', () => {
  it('are refused only for cycles, and otherwise split into packages that import and resolve every name', async () => {
    const samples = fc.sample(moduleArb, { numRuns: 60, seed: 7 });
    const done: SplitRun[] = [];
    let refused = 0;
    for (const [i, items] of samples.entries()) {
      const root = join(work, `case${i}`);
      mkdirSync(join(root, 'pkg'), { recursive: true });
      writeFileSync(join(root, 'pkg/__init__.py'), '');
      writeFileSync(join(root, 'pkg/mod.py'), renderModule(items));
      writeFileSync(join(root, 'original.py'), renderModule(items));
      const run = await runSplit(root, { module: 'pkg/mod.py', plan: renderPlan(items) });
      const errors = run.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      if (errors.length > 0) {
        expect([...new Set(errors)], renderModule(items)).toEqual(['MS301']);
        refused++;
        continue;
      }
      const changeSet = run.changeSet as NonNullable<SplitRun['changeSet']>;
      applyChangeSet(root, changeSet);
      const files = changedPythonFiles(changeSet);
      expect(await findUnparsableFiles(root, files)).toEqual([]);
      const outputs = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
      expect(findMisplacedUnits(run, outputs)).toEqual([]);
      done.push(run);
    }
    expect(done.length).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
    const jobs: CheckJob[] = done.map((run) => {
      const d = describeSplit(run);
      return {
        kind: 'check',
        root: run.root,
        package: 'pkg.mod',
        files: d.files,
        reexports: d.reexports,
        required: d.required,
        star: null,
      };
    });
    const results = runSplitOracle(jobs);
    const problems = results.flatMap((r, i) =>
      (r.error ? [r.error] : (r.problems ?? [])).map((p) => `${done[i]?.root}: ${p}`),
    );
    expect(problems).toEqual([]);
    // pyflakes: nothing new in the submodules (each keeps only the imports it uses) compared with the original.
    const groups = done.flatMap((run) => [
      [join(run.root, 'original.py')],
      Object.values(describeSplit(run).files),
    ]);
    const flakes = JSON.parse(runPython(PYFLAKES, JSON.stringify(groups))) as string[][];
    const added = done.flatMap((run, i) => {
      const before = [...(flakes[2 * i] ?? [])];
      const after = flakes[2 * i + 1] ?? [];
      return after
        .filter((m) => {
          const at = before.indexOf(m);
          if (at >= 0) before.splice(at, 1);
          return at < 0;
        })
        .map((m) => `${run.root}: ${m}`);
    });
    expect(added).toEqual([]);
  });
});
