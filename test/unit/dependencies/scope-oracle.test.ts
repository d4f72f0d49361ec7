// Python is the oracle: collectStatementFacts must agree with CPython's symtable (test/oracles/scope-oracle.py) on
// every top-level statement of every Django module over 600 lines and of our own tricky corpus: which global names
// each statement uses at import time, at call time and in annotations, and what it binds, deletes and writes through
// `global`. String references (invisible to symtable) and, under `from __future__ import annotations`, annotations
// (which symtable then ignores) are not compared.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectScopeKindUses } from '../../../src/analyze/dependencies/collect-statement-facts.js';
import { collectStatementFacts } from '../../../src/analyze/dependencies/index.js';
import type { StatementFacts } from '../../../src/analyze/dependencies/statement-facts.js';
import { computeLineStarts, positionAt } from '../../../src/model/text.js';
import { parsePython } from '../../../src/read/parse-python.js';
import { djangoSourceDir, repoRoot, runPython } from '../../helpers/python.js';

interface OracleStatement {
  readonly line: number;
  readonly importTime: string[];
  readonly callTime: string[];
  readonly annotation: string[];
  readonly binds: string[];
  readonly rebinds: string[];
  readonly deletes: string[];
  readonly globalWrites: string[];
  readonly importTimeCalls: string[];
  /** Global names read per kind of scope the read sits in: module, class, function, lambda, comprehension. */
  readonly byScopeKind: Record<string, string[]>;
}

interface OracleFile {
  readonly error?: string;
  readonly future: boolean;
  readonly statements: OracleStatement[];
  readonly oracleProblems: string[];
}

const fixtureRoot = join(repoRoot, 'test/fixtures/dependencies');

function listPython(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listPython(path));
    else if (entry.name.endsWith('.py')) out.push(path);
  }
  return out.sort();
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

/**
 * Every Django module over 600 lines, plus every Python file of our fixtures (the tricky corpus). With
 * MODSPLIT_LONG=1, every module of the venv's site-packages and of the standard library as well.
 */
function collectCorpus(): string[] {
  const django = listPython(djangoSourceDir()).filter((path) => countLines(readFileSync(path, 'utf8')) > 600);
  const corpus = [...django, ...listPython(fixtureRoot)];
  if (process.env.MODSPLIT_LONG === '1') {
    const sitePackages = dirname(djangoSourceDir());
    const stdlib = runPython('import sysconfig; print(sysconfig.get_paths()["stdlib"])').trim();
    const stdlibModules = listPython(stdlib).filter((path) => !path.includes('/site-packages/'));
    return [...new Set([...corpus, ...listPython(sitePackages), ...stdlibModules])];
  }
  return corpus;
}

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

/** Our facts in the oracle's shape. */
function project(
  facts: StatementFacts,
  byScopeKind: Readonly<Record<string, readonly string[]>>,
  line: number,
  future: boolean,
): OracleStatement {
  const namesFor = (when: string) => sorted(facts.uses.filter((u) => u.when === when).map((u) => u.name));
  return {
    line,
    importTime: namesFor('import-time'),
    callTime: namesFor('call-time'),
    annotation: future ? [] : namesFor('annotation'),
    binds: sorted(facts.binds),
    rebinds: sorted(facts.rebinds),
    deletes: sorted(facts.deletes),
    globalWrites: sorted(facts.globalWrites),
    importTimeCalls: sorted(facts.importTimeCalls),
    byScopeKind: Object.fromEntries(Object.entries(byScopeKind).map(([kind, names]) => [kind, [...names]])),
  };
}

/** Median time of collectStatementFacts on Django's query.py (2,700 lines), after a warm-up run. */
async function measureQueryModule(): Promise<number> {
  const tree = await parsePython(readFileSync(join(djangoSourceDir(), 'db/models/query.py'), 'utf8'));
  try {
    collectStatementFacts(tree.rootNode);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      collectStatementFacts(tree.rootNode);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[3] as number;
  } finally {
    tree.delete();
  }
}

describe('scope analysis against CPython symtable', () => {
  it('agrees on every top-level statement of the corpus', async () => {
    const corpus = collectCorpus();
    const script = readFileSync(join(repoRoot, 'test/oracles/scope-oracle.py'), 'utf8');
    const oracle = JSON.parse(runPython(script, JSON.stringify(corpus))) as Record<string, OracleFile>;
    const disagreements: string[] = [];
    const long = process.env.MODSPLIT_LONG === '1';
    let skipped = 0;
    let statements = 0;
    let names = 0;
    let analysisMs = 0;
    for (const path of corpus) {
      const expected = oracle[path];
      if (expected?.error && long) {
        // The long corpus holds deliberately broken test data; Python must reject it, so it is not compared.
        skipped++;
        continue;
      }
      if (!expected || expected.error) throw new Error(`oracle failed on ${path}: ${expected?.error}`);
      expect(expected.oracleProblems, `oracle self-check on ${path}`).toEqual([]);
      const source = readFileSync(path, 'utf8');
      const lineStarts = computeLineStarts(source);
      const tree = await parsePython(source);
      try {
        if (long && tree.rootNode.hasError) {
          // tree-sitter's grammar lags CPython's on a few valid files; the analysis needs a clean tree.
          skipped++;
          continue;
        }
        const started = performance.now();
        const facts = collectStatementFacts(tree.rootNode);
        analysisMs += performance.now() - started;
        const scopeKinds = collectScopeKindUses(tree.rootNode);
        if (facts.length !== expected.statements.length) {
          disagreements.push(`${path}: ${facts.length} statements, oracle ${expected.statements.length}`);
          continue;
        }
        facts.forEach((fact, i) => {
          const want = expected.statements[i] as OracleStatement;
          const line = positionAt(lineStarts, fact.start).line;
          const got = project(fact, scopeKinds[i] ?? {}, line, expected.future);
          statements++;
          for (const key of Object.keys(want) as (keyof OracleStatement)[]) {
            const a = JSON.stringify(got[key]);
            const b = JSON.stringify(want[key]);
            const value = want[key];
            if (Array.isArray(value)) names += value.length;
            else if (typeof value === 'object') for (const list of Object.values(value)) names += list.length;
            if (a !== b) disagreements.push(`${path}:${want.line} ${key}: ours ${a}, python ${b}`);
          }
        });
      } finally {
        tree.delete();
      }
    }
    console.log(
      `scope oracle: ${corpus.length - skipped} files (${skipped} skipped), ${statements} statements, ${names} names compared, ` +
        `collectStatementFacts ${(analysisMs / corpus.length).toFixed(2)} ms/file`,
    );
    const queryMs = await measureQueryModule();
    console.log(
      `collectStatementFacts on django/db/models/query.py: ${queryMs.toFixed(1)} ms (median of 7, warm)`,
    );
    // A generous bound that only an allocation storm or a quadratic walk would break.
    expect(queryMs).toBeLessThan(250);
    expect(disagreements.slice(0, 40)).toEqual([]);
    expect(statements).toBeGreaterThan(2000);
  });
});
