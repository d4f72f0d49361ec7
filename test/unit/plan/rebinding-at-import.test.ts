// MS311 and code run at import time: a function rebinding a global (`global COUNTER`) makes import-time readers of
// that global in other files stale only when something may call it while the module is imported. Each case is judged
// by Python both ways: accepted splits import with equal values, refused plans give stale values in the naive split.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { collectInvokedAtImport } from '../../../src/plan/rebound-at-import.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { runPythonBatch } from '../../helpers/python-batch.js';
import {
  describeAfterProblems,
  ORACLE,
  type PackageJob,
  type PackageResult,
} from '../robustness/package-check.js';
import { applyChangeSetQuickly, attemptSplit } from '../robustness/split-pipeline.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const COUNTER = [
  'COUNTER = 0',
  '',
  '',
  'def bump(value=None):',
  '    global COUNTER',
  '    COUNTER += 1',
  '    return value',
  '',
  '',
].join('\n');

interface Case {
  readonly name: string;
  /** Module text after the COUNTER/bump block. */
  readonly rest: string;
  /** Names planned besides `p1.py: COUNTER, bump`. */
  readonly p0: readonly string[];
  /** Python expressions over the module `m`, equal before and after an accepted split. */
  readonly probes: readonly string[];
  readonly refused: boolean;
}

const CASES: readonly Case[] = [
  {
    name: 'reference only, in a tuple (random-plan case 9285)',
    rest: 'SNAPSHOT = (bump, COUNTER)\n',
    p0: ['SNAPSHOT'],
    probes: ['(m.SNAPSHOT[1], m.bump(), m.SNAPSHOT[0](), m.SNAPSHOT[1])'],
    refused: false,
  },
  {
    name: 'reference only, in a dict registry and an item assignment',
    rest: 'HANDLERS = {"bump": bump}\nHANDLERS["again"] = bump\nSNAPSHOT = (COUNTER,)\n',
    p0: ['HANDLERS', 'SNAPSHOT'],
    probes: ['(m.SNAPSHOT, sorted(m.HANDLERS), m.HANDLERS["bump"](3), m.SNAPSHOT)'],
    refused: false,
  },
  {
    name: 'reference only, as a default value and a plain class attribute',
    rest: [
      'def run(callback=bump):',
      '    return callback',
      '',
      '',
      'class Hooks:',
      '    on_save = bump',
      '',
      '',
      'SNAPSHOT = (COUNTER,)',
      '',
    ].join('\n'),
    p0: ['run', 'Hooks', 'SNAPSHOT'],
    probes: ['(m.SNAPSHOT, m.run() is m.bump, m.Hooks.on_save is m.bump)'],
    refused: false,
  },
  {
    name: 'direct call at import time',
    rest: 'VALUE = bump(1)\nSNAPSHOT = (COUNTER,)\n',
    p0: ['VALUE', 'SNAPSHOT'],
    probes: ['(m.VALUE, m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'call through a decorator',
    rest: [
      'def track(fn):',
      '    bump()',
      '    return fn',
      '',
      '',
      '@track',
      'def handler():',
      '    return 1',
      '',
      '',
      'SNAPSHOT = (COUNTER,)',
      '',
    ].join('\n'),
    p0: ['track', 'handler', 'SNAPSHOT'],
    probes: ['m.SNAPSHOT'],
    refused: true,
  },
  {
    name: 'the rebinding function itself as a decorator',
    rest: '@bump\ndef handler():\n    return 1\n\n\nSNAPSHOT = (COUNTER,)\n',
    p0: ['handler', 'SNAPSHOT'],
    probes: ['m.SNAPSHOT'],
    refused: true,
  },
  {
    name: 'call in a class body',
    rest: 'class Config:\n    level = bump(2)\n\n\nSNAPSHOT = (COUNTER,)\n',
    p0: ['Config', 'SNAPSHOT'],
    probes: ['(m.Config.level, m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'call in a default argument',
    rest: 'def handler(value=bump(3)):\n    return value\n\n\nSNAPSHOT = (COUNTER,)\n',
    p0: ['handler', 'SNAPSHOT'],
    probes: ['(m.handler(), m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'call through a function called at import time',
    rest: 'def setup():\n    return bump(4)\n\n\nREADY = setup()\nSNAPSHOT = (COUNTER,)\n',
    p0: ['setup', 'READY', 'SNAPSHOT'],
    probes: ['(m.READY, m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'call through a class instantiated at import time',
    rest: [
      'class Service:',
      '    def __init__(self):',
      '        bump()',
      '',
      '',
      'SERVICE = Service()',
      'SNAPSHOT = (COUNTER,)',
      '',
    ].join('\n'),
    p0: ['Service', 'SERVICE', 'SNAPSHOT'],
    probes: ['m.SNAPSHOT'],
    refused: true,
  },
  {
    name: 'stored, then called through what holds it',
    rest: 'HANDLERS = [bump]\nRESULTS = HANDLERS[0](5)\nSNAPSHOT = (COUNTER,)\n',
    p0: ['HANDLERS', 'RESULTS', 'SNAPSHOT'],
    probes: ['(m.RESULTS, m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'stored as a default, then called',
    rest: 'def run(callback=bump):\n    return callback(6)\n\n\nVALUE = run()\nSNAPSHOT = (COUNTER,)\n',
    p0: ['run', 'VALUE', 'SNAPSHOT'],
    probes: ['(m.VALUE, m.SNAPSHOT)'],
    refused: true,
  },
  {
    name: 'handed to a call that calls it',
    rest: 'RESULTS = list(map(bump, [7]))\nSNAPSHOT = (COUNTER,)\n',
    p0: ['RESULTS', 'SNAPSHOT'],
    probes: ['(m.RESULTS, m.SNAPSHOT)'],
    refused: true,
  },
];

interface NaiveResult {
  readonly built?: boolean;
  readonly reason?: string;
  readonly outcomes?: readonly { ok: boolean; error?: { type: string; message: string } }[];
  readonly fatal?: unknown;
}

describe('MS311: rebinding functions run at import time', () => {
  it('accepts plain references with equal values, and refuses calls the naive split shows stale', async () => {
    const root = mkdtempSync(join(tmpdir(), 'modsplit-rebind-'));
    temps.push(root);
    const jobs: unknown[] = [];
    const outcomes: { name: string; refused: readonly string[] }[] = [];
    for (const [index, c] of CASES.entries()) {
      const text = COUNTER + c.rest;
      for (const prefix of ['o', 's', 'n']) {
        mkdirSync(join(root, `${prefix}${index}`));
        writeFileSync(join(root, `${prefix}${index}`, '__init__.py'), '');
      }
      writeFileSync(join(root, `o${index}`, 'gen.py'), text);
      writeFileSync(join(root, `s${index}`, 'gen.py'), text);
      const files = { 'p0.py': [...c.p0], 'p1.py': ['COUNTER', 'bump'] };
      const attempt = await attemptSplit({
        root,
        modulePath: `s${index}/gen.py`,
        projectFiles: [],
        plan: () => ({ files }),
      });
      outcomes.push({ name: c.name, refused: attempt.refusal.map((d) => d.code) });
      if (attempt.changeSet) {
        applyChangeSetQuickly(attempt.changeSet, root);
        const job: PackageJob = {
          kind: 'package',
          purge: [`s${index}`],
          settings: false,
          required: null,
          probes: c.probes,
          before: { root, module: `o${index}.gen` },
          after: [{ label: 'split', root, package: `s${index}.gen` }],
        };
        jobs.push(job);
      } else {
        const assign: Record<string, string> = {};
        for (const [file, names] of Object.entries(files))
          for (const name of names) assign[name] = file.replace(/\.py$/, '');
        jobs.push({
          kind: 'naive',
          source: text,
          filename: `n${index}/gen.py`,
          assign,
          files: ['p0', 'p1'],
          root,
          package: `n${index}.gen`,
          purge: [`o${index}`, `n${index}`],
          original: { root, module: `o${index}.gen` },
          probes: c.probes,
        });
      }
    }
    expect(outcomes).toEqual(CASES.map((c) => ({ name: c.name, refused: c.refused ? ['MS311'] : [] })));
    const results = await runPythonBatch<unknown, PackageResult | NaiveResult>(ORACLE, jobs);
    const verdicts = CASES.map((c, i) => {
      const result = results[i] as PackageResult & NaiveResult;
      if (result.fatal) return { name: c.name, problems: [JSON.stringify(result.fatal)] };
      if (!c.refused) {
        if (!result.before?.ok) return { name: c.name, problems: ['the original does not import'] };
        return { name: c.name, problems: (result.after ?? []).flatMap(describeAfterProblems) };
      }
      // Refused: every naive split must show the stale value (or fail), never import with equal values.
      const fine = (result.outcomes ?? []).filter((o) => o.ok).length;
      const errors = (result.outcomes ?? []).flatMap((o) => (o.error ? [o.error] : []));
      return {
        name: c.name,
        problems: [
          ...(result.built ? [] : [`naive split not built: ${result.reason}`]),
          ...(fine > 0 ? [`${fine} naive split(s) import with equal values`] : []),
          ...errors
            .filter((e) => e.type !== 'ProbeDiffers')
            .map((e) => `naive split failed otherwise: ${e.type}: ${e.message}`),
        ],
      };
    });
    expect(verdicts).toEqual(CASES.map((c) => ({ name: c.name, problems: [] })));
  }, 120_000);
});

describe('analysis: import-time references that are only stored', () => {
  async function storedOf(text: string): Promise<{ name: string; into: readonly string[] }[][]> {
    const { analysis } = await analyzeModule(sourceFromText('/p/m.py', text));
    if (!analysis) throw new Error('no analysis');
    return analysis.units.map((u) => (u.storedReferences ?? []).map((r) => ({ name: r.name, into: r.into })));
  }

  it('records plain stores with the names they go into', async () => {
    const text = [
      'def f():',
      '    pass',
      '',
      '',
      'S = T = (f, [f], {"k": f})',
      'R = {}',
      'R["f"] = f',
      '',
      '',
      'def g(cb=f):',
      '    return cb',
      '',
      '',
      'class C:',
      '    h = f',
      '',
    ].join('\n');
    expect(await storedOf(text)).toEqual([
      [],
      [{ name: 'f', into: ['S', 'T'] }],
      [],
      [
        { name: 'R', into: ['R'] },
        { name: 'f', into: ['R'] },
      ],
      [{ name: 'f', into: ['g'] }],
      [{ name: 'f', into: ['C'] }],
    ]);
  });

  it('does not count calls, arguments, operands, unpacking, decorated or subclassed definitions', async () => {
    const text = [
      'def f():',
      '    pass',
      '',
      '',
      'A = (f, f())',
      'B = list([f])',
      'C = f or None',
      'D, E = f, f',
      '{f: 1}',
      'F = {f: 1}',
      'G = {f}',
      'H = [*[f]]',
      '',
      '',
      'class Base:',
      '    pass',
      '',
      '',
      'class Sub(Base):',
      '    h = f',
      '',
      '',
      '@staticmethod',
      'def g(cb=f):',
      '    return cb',
      '',
    ].join('\n');
    expect((await storedOf(text)).flat()).toEqual([]);
  });
});

describe('collectInvokedAtImport', () => {
  async function invoked(text: string): Promise<string[]> {
    const { analysis } = await analyzeModule(sourceFromText('/p/m.py', COUNTER + text));
    if (!analysis) throw new Error('no analysis');
    return [...collectInvokedAtImport(analysis)].sort();
  }

  it('follows calls, holders and called classes, not stores or touched classes', async () => {
    expect(await invoked('SNAPSHOT = (bump, COUNTER)\n')).toEqual([]);
    expect(await invoked('def setup():\n    return bump()\n\n\nREADY = setup()\n')).toEqual([
      'COUNTER',
      'bump',
      'setup',
    ]);
    expect(await invoked('H = {"b": bump}\nV = H["b"]()\n')).toEqual(['COUNTER', 'H', 'bump']);
    const service = 'class Service:\n    def run(self):\n        bump()\n\n\n';
    expect(await invoked(`${service}class Sub(Service):\n    pass\n`)).toEqual(['Service']);
    expect(await invoked(`${service}S = Service()\n`)).toEqual(['COUNTER', 'Service', 'bump']);
  });
});
