// Two-sided property test of random plans on generated modules. Accepted: the written package (and the same after
// `ruff check --select I --fix`) passes the static invariants, imports, keeps every name with an equal value
// (re-exports identical), resolves every global, gives the same results when its functions are called, adds no
// pyflakes message. Refused: the naive split with the same file assignment (every cross-file use a module-level
// `from .x import y`) really fails (ImportError/NameError/AttributeError, or stale values for MS311). All cases go to
// one temp folder, judged by a few Python processes. Seed printed; MODSPLIT_SEED, MODSPLIT_CASES change it,
// MODSPLIT_CASE=n runs case n alone; MODSPLIT_LONG=1 runs 10,000 cases.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runPythonBatch } from '../../helpers/python-batch.js';
import {
  assignNames,
  type GeneratedModule,
  generatedModule,
  planShape,
  type RandomPlan,
} from './generate-module.js';
import {
  describeAfterProblems,
  findNewPyflakesMessages,
  type NaiveJob,
  type NaiveResult,
  ORACLE,
  OTHER_ISORT_STYLE,
  type PackageJob,
  type PackageResult,
  sortImportsWithRuff,
} from './package-check.js';
import {
  applyChangeSetQuickly,
  attemptSplit,
  collectWrittenTexts,
  findStaticProblems,
} from './split-pipeline.js';

const LONG = process.env.MODSPLIT_LONG === '1';
const SEED = Number(process.env.MODSPLIT_SEED ?? 20_261_126);
const CASES = Number(process.env.MODSPLIT_CASES ?? (LONG ? 10_000 : 1_000));
/** Run only this case of the seeded sequence (its index in the failure report), to debug it. */
const ONLY = process.env.MODSPLIT_CASE === undefined ? undefined : Number(process.env.MODSPLIT_CASE);
/** Refusals Python can confirm on the naive split: an import that cannot work (MS301, MS316), or a rebound global
 *  read through a stale import (MS311: the module's probes, which call its functions, give other values). */
const IMPORT_REFUSALS = new Set(['MS301', 'MS316', 'MS311']);
const CONFIRMING_ERRORS = new Set(['ImportError', 'NameError', 'AttributeError', 'ProbeDiffers']);

interface Case {
  readonly index: number;
  readonly module: GeneratedModule;
  readonly plan: RandomPlan;
  readonly accepted: boolean;
  readonly codes: readonly string[];
  /** Warning codes of the plan and emit stages. */
  readonly warnings: readonly string[];
  readonly problems: string[];
  readonly job?: PackageJob | NaiveJob;
  /** For accepted plans without `__init__.py`, MS321 or statements binding no planned name: the naive split, which must
   *  then import too (a check of the naive builder, so its failures on refused plans mean something). */
  readonly control?: NaiveJob;
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function stemOf(file: string): string {
  return file.replace(/\.py$/, '');
}

async function prepareCase(
  root: string,
  sortedRoot: string,
  restyledRoot: string,
  index: number,
  module: GeneratedModule,
  plan: RandomPlan,
): Promise<Case> {
  for (const prefix of ['o', 's', 'n']) mkdirSync(join(root, `${prefix}${index}`));
  for (const prefix of ['o', 's', 'n']) writeFileSync(join(root, `${prefix}${index}`, '__init__.py'), '');
  writeFileSync(join(root, `o${index}`, 'gen.py'), module.text);
  writeFileSync(join(root, `s${index}`, 'gen.py'), module.text);
  const attempt = await attemptSplit({
    root,
    modulePath: `s${index}/gen.py`,
    projectFiles: [],
    plan: () => plan,
  });
  const codes = attempt.refusal.map((d) => d.code);
  const warnings = attempt.warnings.map((d) => d.code);
  if (!attempt.changeSet) {
    const problems = codes.every((c) => IMPORT_REFUSALS.has(c))
      ? []
      : [`unexpected refusal: ${attempt.refusal.map((d) => `${d.code} ${d.message}`).join('; ')}`];
    return {
      index,
      module,
      plan,
      accepted: false,
      codes,
      warnings,
      problems,
      job: naiveJob(root, index, module, plan),
    };
  }
  const texts = collectWrittenTexts(attempt.changeSet);
  const problems = await findStaticProblems(attempt.analysis, texts, {
    reported: attempt.changeSet.diagnostics,
  });
  applyChangeSetQuickly(attempt.changeSet, root);
  const job: PackageJob = {
    kind: 'package',
    // The same dotted name lives in two roots (as written, and after ruff's import sorting): forget it in between.
    purge: [`s${index}`],
    settings: false,
    required: [...module.names],
    probes: module.probes,
    before: { root, module: `o${index}.gen` },
    after: [
      { label: 'split', root, package: `s${index}.gen` },
      { label: 'ruff-sorted', root: sortedRoot, package: `s${index}.gen` },
      { label: 'ruff-other-style', root: restyledRoot, package: `s${index}.gen` },
    ],
    pyflakes: [join(root, `o${index}`, 'gen.py'), ...[...texts.keys()].map((p) => join(root, p))],
  };
  // (With MS321 the registration order may change, as flagged: the naive split's order then differs too.)
  const simple =
    !('__init__.py' in plan.files) && !/^REGISTRY\[/m.test(module.text) && !warnings.includes('MS321');
  const control = simple ? naiveJob(root, index, module, plan) : undefined;
  return {
    index,
    module,
    plan,
    accepted: true,
    codes,
    warnings,
    problems,
    job,
    ...(control ? { control } : {}),
  };
}

function naiveJob(root: string, index: number, module: GeneratedModule, plan: RandomPlan): NaiveJob {
  const assign: Record<string, string> = {};
  for (const [file, names] of Object.entries(plan.files))
    for (const name of names) assign[name] = stemOf(file);
  return {
    kind: 'naive',
    source: module.text,
    filename: `n${index}/gen.py`,
    assign,
    files: Object.keys(plan.files).map(stemOf),
    root,
    package: `n${index}.gen`,
    purge: [`o${index}`, `n${index}`],
    original: { root, module: `o${index}.gen` },
    probes: module.probes,
  };
}

/** A failure of the property, with the open bug it matches (see found-bugs.test.ts), if any. */
interface Failure {
  readonly problems: readonly string[];
  readonly knownBug?: string;
}

/** A value picture with the elements of every list and tuple sorted: equal for values that differ only in order. */
function withoutOrder(fp: unknown): unknown {
  if (!Array.isArray(fp)) return fp;
  if ((fp[0] === 'list' || fp[0] === 'tuple') && Array.isArray(fp[1])) {
    return [
      fp[0],
      fp[1]
        .map(withoutOrder)
        .map((x) => JSON.stringify(x))
        .sort(),
    ];
  }
  return fp.map(withoutOrder);
}

/** The same value before and after, up to the order of list and tuple elements (registrations), nested too. */
function isReordered(before: unknown, after: unknown): boolean {
  return JSON.stringify(withoutOrder(before)) === JSON.stringify(withoutOrder(after));
}

/**
 * Which open bug a failing case shows, by a narrow signature. None is open: each one found so far is fixed and is a
 * plain test in found-bugs.test.ts (kept __init__.py code run before its names were bound, registration orders
 * changed without MS321, MS316 over-refusals, an import-time reference to a rebinding function counted as a call by
 * MS311). A newly found bug gets its signature here while it is open, so a long run can go on past it.
 */
function classify(
  _c: Case,
  _result: PackageResult | NaiveResult,
  _problems: readonly string[],
): string | undefined {
  return undefined;
}

/**
 * Deviations the spec allows, which are not failures: a registration order that changed with MS321 saying so
 * (SPLIT-SEMANTICS §3: keep it "or flag where it changes"), and an MS301 refusal caused by a statement binding no
 * planned name (`REGISTRY[...] = ...`) that moves with what it mutates, by design (see found-bugs.test.ts).
 */
function isAllowed(c: Case, result: PackageResult | NaiveResult, problems: readonly string[]): boolean {
  if (c.accepted) {
    const r = result as PackageResult;
    const reordered = (r.after ?? []).every((after) =>
      (after.changed ?? []).every((ch) => isReordered(ch.before, ch.after)),
    );
    return c.warnings.includes('MS321') && reordered && problems.every((p) => / changed: /.test(p));
  }
  const floating = /^REGISTRY\[/m.test(c.module.text);
  return floating && problems.every((p) => p.includes('naive split(s) import fine'));
}

function judge(c: Case, result: PackageResult | NaiveResult): Failure | null {
  const problems = [...c.problems];
  if ('fatal' in result && result.fatal)
    return { problems: [...problems, `oracle crashed: ${JSON.stringify(result.fatal)}`] };
  if (c.accepted) {
    const r = result as PackageResult;
    if (!r.before?.ok) {
      return {
        problems: [...problems, `generator bug: the original does not import: ${r.before?.error?.message}`],
      };
    }
    for (const after of r.after ?? []) problems.push(...describeAfterProblems(after));
    const original = (c.job as PackageJob).pyflakes?.[0] ?? '';
    if (r.pyflakes) problems.push(...findNewPyflakesMessages(r.pyflakes, original));
  } else {
    const r = result as NaiveResult;
    if (c.codes.every((code) => IMPORT_REFUSALS.has(code))) {
      if (!r.built) problems.push(`naive split not built: ${r.reason}`);
      const imported = (r.outcomes ?? []).filter((o) => o.ok).length;
      const wrong = (r.outcomes ?? []).filter((o) => !o.ok && !CONFIRMING_ERRORS.has(o.error?.type ?? ''));
      if (imported > 0)
        problems.push(`refused (${c.codes.join(', ')}) but ${imported} naive split(s) import fine`);
      for (const o of wrong)
        problems.push(`naive split failed otherwise: ${o.error?.type}: ${o.error?.message}`);
    }
  }
  if (problems.length === 0 || isAllowed(c, result, problems)) return null;
  const knownBug = classify(c, result, problems);
  return knownBug ? { problems, knownBug } : { problems };
}

describe('random plans on generated modules (two-sided)', () => {
  it(`accepted splits behave, refused ones really fail (seed ${SEED}, ${CASES} cases)`, async () => {
    const started = performance.now();
    console.log(`random plans: seed ${SEED} (MODSPLIT_SEED), ${CASES} cases (MODSPLIT_CASES)`);
    const samples = fc.sample(fc.tuple(generatedModule, planShape), { seed: SEED, numRuns: CASES });
    const root = mkdtempSync(join(tmpdir(), 'modsplit-random-'));
    const sortedRoot = mkdtempSync(join(tmpdir(), 'modsplit-random-sorted-'));
    const restyledRoot = mkdtempSync(join(tmpdir(), 'modsplit-random-restyled-'));
    temps.push(root, sortedRoot, restyledRoot);
    const cases: Case[] = [];
    for (const [index, [module, shape]] of samples.entries()) {
      if (ONLY !== undefined && index !== ONLY) continue;
      const plan = assignNames(module.names, shape.choices, shape.count, shape.init, module.together);
      cases.push(await prepareCase(root, sortedRoot, restyledRoot, index, module, plan));
    }
    // Item 4 of the robustness issue: every written split once more after `ruff check --select I --fix`.
    cpSync(root, sortedRoot, { recursive: true });
    expect(sortImportsWithRuff(sortedRoot)).toBeLessThanOrEqual(1);
    cpSync(root, restyledRoot, { recursive: true });
    expect(sortImportsWithRuff(restyledRoot, OTHER_ISORT_STYLE)).toBeLessThanOrEqual(1);
    const prepared = performance.now();
    const controls = cases.filter((c) => c.control);
    const all = await runPythonBatch<PackageJob | NaiveJob, PackageResult | NaiveResult>(
      ORACLE,
      [...cases.map((c) => c.job as PackageJob | NaiveJob), ...controls.map((c) => c.control as NaiveJob)],
      { processes: 2, maxJobsPerProcess: 1000 },
    );
    const results = all.slice(0, cases.length);
    const controlFailures = controls
      .map((c, i) => ({ c, r: all[cases.length + i] as NaiveResult }))
      .filter(({ r }) => !r.built || (r.outcomes ?? []).some((o) => !o.ok))
      .map(({ c, r }) => ({ case: c.index, reason: r.reason, outcomes: r.outcomes, module: c.module.text }));
    const judged = cases
      .map((c, i) => ({ c, failure: judge(c, results[i] as PackageResult | NaiveResult) }))
      .filter((f): f is { c: Case; failure: Failure } => f.failure !== null)
      .sort((a, b) => a.c.module.text.length - b.c.module.text.length);
    const known = new Map<string, number>();
    for (const f of judged)
      if (f.failure.knownBug) known.set(f.failure.knownBug, (known.get(f.failure.knownBug) ?? 0) + 1);
    const failures = judged
      .filter((f) => !f.failure.knownBug)
      .map((f) => ({ c: f.c, problems: f.failure.problems }));
    const accepted = cases.filter((c) => c.accepted).length;
    const confirmed = cases.filter((c, i) => {
      const r = results[i] as NaiveResult;
      return !c.accepted && r.built === true && (r.outcomes ?? []).every((o) => !o.ok);
    }).length;
    const codes = new Map<string, number>();
    for (const c of cases) for (const code of new Set(c.codes)) codes.set(code, (codes.get(code) ?? 0) + 1);
    console.log(
      `random plans: ${cases.length} cases, ${accepted} accepted, ${cases.length - accepted} refused ` +
        `(${confirmed} confirmed by the naive split failing in Python) ` +
        `(${[...codes].map(([k, v]) => `${k} ${v}`).join(', ')}), ${judged.length} failing ` +
        `(${failures.length} not matching a known open bug); ` +
        `prepare ${((prepared - started) / 1000).toFixed(1)} s, python ${((performance.now() - prepared) / 1000).toFixed(1)} s`,
    );
    const report = join(tmpdir(), `modsplit-random-failures-${SEED}-${process.pid}.json`);
    writeFileSync(
      report,
      JSON.stringify(
        judged.map((f) => ({
          case: f.c.index,
          knownBug: f.failure.knownBug ?? null,
          plan: f.c.plan.files,
          problems: f.failure.problems,
          module: f.c.module.text,
        })),
        null,
        1,
      ),
    );
    if (judged.length > 0) console.log(`random plans: failing cases written to ${report}`);
    console.log([...known].map(([bug, n]) => `  known open bug, ${n} cases: ${bug}`).join('\n'));
    const shown = failures.slice(0, 3).map((f) => ({
      case: f.c.index,
      plan: f.c.plan.files,
      problems: f.problems.slice(0, 6),
      module: f.c.module.text,
    }));
    expect(shown).toEqual([]);
    // The naive builder is sound: on accepted plans it builds packages that import.
    expect(controlFailures.slice(0, 2)).toEqual([]);
    if (ONLY !== undefined) return;
    expect(controls.length).toBeGreaterThan(CASES / 20);
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(CASES / 10);
    expect(cases.length - accepted).toBeGreaterThan(CASES / 10);
  }, 900_000);
});
