// Fixture projects for the consistency passes (patch targets, `--rewrite-imports`, dotted-string risks): each case's
// input/ tree is copied, run through the real pipeline and the passes its args.json names, and compared byte for byte
// with expected/ (diagnostics with diagnostics.json). Invariants on every case: edited files parse, a second run on
// the result edits nothing. Cases with an `oracle` are also split for real (buildChangeSet) and run with unittest.
// UPDATE_FIXTURES=1 rewrites the expectations; review them like code.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/emit/build-change-set.js';
import { collectDottedStringRisks } from '../../../src/emit/collect-dotted-string-risks.js';
import type { ConsistencyEdits } from '../../../src/emit/collect-name-lookups.js';
import { collectImportRewriteEdits } from '../../../src/emit/rewrite-importers.js';
import { collectPatchTargetEdits } from '../../../src/emit/rewrite-patch-targets.js';
import type { FileChange } from '../../../src/model/changes.js';
import { emitConsistencyCodes } from '../../../src/model/codes/ms4-emit-consistency.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import { findSyntaxError, withParsedPython } from '../../../src/read/parse-python.js';
import { listTree } from '../../helpers/fixture-tree.js';
import { repoRoot } from '../../helpers/python.js';
import { applyChanges, copyProject, type PipelineInputs, runPipeline, runUnittest } from './split-project.js';

type Pass = 'patches' | 'imports' | 'risks';

interface CaseArgs {
  readonly module: string;
  readonly plan: Record<string, string[]>;
  readonly passes: Pass[];
  /** Split for real and run `python -m unittest`: which tests fail with the edits, and without them. */
  readonly oracle?: { readonly failures: string[]; readonly naiveFailures: string[] };
}

const fixturesDir = join(repoRoot, 'test/fixtures/consistency');
const update = process.env.UPDATE_FIXTURES === '1';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function runPasses(inputs: PipelineInputs, passes: readonly Pass[]): Promise<ConsistencyEdits> {
  const { analysis, location, usage, resolved, readText } = inputs;
  const results: ConsistencyEdits[] = [];
  if (passes.includes('patches'))
    results.push(await collectPatchTargetEdits(analysis, location, usage, resolved, readText));
  if (passes.includes('imports'))
    results.push(await collectImportRewriteEdits(analysis, location, usage, resolved, readText));
  if (passes.includes('risks'))
    results.push(await collectDottedStringRisks(analysis, location, usage, resolved, readText));
  return {
    changes: results.flatMap((r) => r.changes),
    diagnostics: results.flatMap((r) => r.diagnostics),
  };
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const shown = diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    at: d.location ? `${d.location.path}:${d.location.line}:${d.location.column}` : null,
    message: d.message,
    ...(d.notes && d.notes.length > 0 ? { notes: d.notes } : {}),
  }));
  return `${JSON.stringify(shown, null, 2)}\n`;
}

function visible(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

const cases = readdirSync(fixturesDir).filter((name) => existsSync(join(fixturesDir, name, 'args.json')));

describe('consistency fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = join(fixturesDir, name);
      const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as CaseArgs;
      const work = copyProject(join(caseDir, 'input'), `modsplit-consistency-${name}-`);
      temps.push(work);
      const inputs = await runPipeline(work, args.module, { files: args.plan });
      const result = await runPasses(inputs, args.passes);
      applyChanges(work, result.changes);

      // Every code used is in the catalog, with its severity.
      for (const d of result.diagnostics) {
        expect(emitConsistencyCodes.find((c) => c.code === d.code)?.severity, d.code).toBe(d.severity);
      }
      // Edits are sorted, non-overlapping, and leave files that parse.
      for (const change of result.changes) {
        expect(change.kind).toBe('edit');
        if (change.kind !== 'edit') continue;
        const text = readFileSync(join(work, change.path), 'utf8');
        const error = await withParsedPython(text, (root) => findSyntaxError(root)?.startIndex ?? -1);
        expect(error, `${change.path} parses after the edits`).toBe(-1);
      }

      const expectedDir = join(caseDir, 'expected');
      const diagnosticsFile = join(caseDir, 'diagnostics.json');
      if (update) {
        rmSync(expectedDir, { recursive: true, force: true });
        cpSync(work, expectedDir, { recursive: true, filter: (p) => !p.endsWith('__pycache__') });
        writeFileSync(diagnosticsFile, describeDiagnostics(result.diagnostics));
      }
      expect(listTree(work)).toEqual(listTree(expectedDir));
      for (const file of listTree(expectedDir)) {
        const actual = readFileSync(join(work, file), 'utf8');
        const expected = readFileSync(join(expectedDir, file), 'utf8');
        if (actual !== expected) expect(visible(actual), file).toBe(visible(expected));
      }
      expect(describeDiagnostics(result.diagnostics)).toBe(readFileSync(diagnosticsFile, 'utf8'));

      // A second run on the edited tree (module still unsplit) finds nothing left to edit.
      const again = await runPasses(await runPipeline(work, args.module, { files: args.plan }), args.passes);
      expect(again.changes).toEqual([]);

      if (args.oracle) await checkWithPython(caseDir, args, name);
    });
  }
});

/** Split a fresh copy for real, with and without the edits, and run its tests. */
async function checkWithPython(caseDir: string, args: CaseArgs, name: string): Promise<void> {
  const oracle = args.oracle as NonNullable<CaseArgs['oracle']>;
  const before = runUnittest(join(caseDir, 'input'));
  expect(before.failed, before.output).toEqual([]);
  const outcomes: Record<string, string[]> = {};
  for (const withEdits of [true, false]) {
    const work = copyProject(join(caseDir, 'input'), `modsplit-consistency-${name}-split-`);
    temps.push(work);
    const inputs = await runPipeline(work, args.module, { files: args.plan });
    const changeSet = await buildChangeSet(inputs);
    expect(changeSet.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const edits: FileChange[] = withEdits ? [...(await runPasses(inputs, args.passes)).changes] : [];
    applyChanges(work, [...edits, ...changeSet.changes]);
    mkdirSync(join(work, 'tests'), { recursive: true });
    const run = runUnittest(work);
    expect(run.passed.length + run.failed.length, run.output).toBe(before.passed.length);
    outcomes[withEdits ? 'failures' : 'naiveFailures'] = run.failed;
  }
  expect(outcomes).toEqual({ failures: oracle.failures, naiveFailures: oracle.naiveFailures });
}
