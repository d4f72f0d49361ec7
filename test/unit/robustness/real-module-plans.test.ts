// Random plans on real modules: Django's large modules, their code groups assigned at random to 2-5 files. Accepted:
// the split (written by the real write stage into an overlay of a Django copy) imports and keeps names, values and
// re-export identity. Refused for an import cycle (MS301/MS316/MS322): the naive split fails to import. Others are
// counted, not judged. Seeded like random-plans.test.ts; 8 cases in `npm test`, 150 with MODSPLIT_LONG=1.

import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { runPythonBatch } from '../../helpers/python-batch.js';
import { copyDjangoTree, findLargeModules, listPythonFiles, overlayTree } from './django-tree.js';
import {
  describeAfterProblems,
  type NaiveJob,
  type NaiveResult,
  ORACLE,
  type PackageJob,
  type PackageResult,
} from './package-check.js';
import {
  attemptSplit,
  collectPromisedNames,
  isStarImportContract,
  writeChangeSetTo,
} from './split-pipeline.js';

const LONG = process.env.MODSPLIT_LONG === '1';
const SEED = Number(process.env.MODSPLIT_SEED ?? 20_261_126);
const CASES = Number(process.env.MODSPLIT_REAL_CASES ?? (LONG ? 150 : 8));
const IMPORT_REFUSALS = new Set(['MS301', 'MS316', 'MS322']);
const NOT_PLANNED = new Set(['import', 'future-import', 'docstring', 'module-dunder', 'main-block']);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Every code group's names to one of `count` files, by the random `choices`. */
function randomGroupPlan(analysis: ModuleAnalysis, choices: readonly number[], count: number) {
  const files: Record<string, string[]> = {};
  analysis.groups.forEach((group, i) => {
    const units = group.units.map((u) => analysis.units[u]);
    if (group.names.length === 0 || units.some((u) => u?.flags.some((f) => NOT_PLANNED.has(f)))) return;
    const file = `p${(choices[i % choices.length] ?? i) % count}.py`;
    files[file] = [...(files[file] ?? []), ...group.names];
  });
  return { files };
}

describe('random plans on real Django modules (two-sided)', () => {
  it(`accepted splits import and keep names; cycle refusals really fail (seed ${SEED}, ${CASES} cases)`, async () => {
    const started = performance.now();
    const base = copyDjangoTree();
    temps.push(base);
    const projectFiles = listPythonFiles(base);
    const modules = findLargeModules(base, 600);
    const shapes = fc.sample(
      fc.record({
        module: fc.nat({ max: modules.length - 1 }),
        count: fc.integer({ min: 2, max: 5 }),
        choices: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }),
      }),
      { seed: SEED, numRuns: CASES },
    );
    const jobs: (PackageJob | NaiveJob)[] = [];
    const cases: { module: string; accepted: boolean; codes: string[] }[] = [];
    for (const [index, shape] of shapes.entries()) {
      const module = modules[shape.module] as string;
      const attempt = await attemptSplit({
        root: base,
        modulePath: module,
        projectFiles,
        plan: (analysis) => randomGroupPlan(analysis, shape.choices, shape.count),
      });
      const codes = [...new Set(attempt.refusal.map((d) => d.code))];
      const tree = overlayTree(base, module);
      temps.push(tree);
      const dotted = attempt.location.dotted;
      if (attempt.changeSet) {
        await writeChangeSetTo(attempt.changeSet, tree);
        jobs.push({
          kind: 'package',
          purge: ['django'],
          settings: null,
          required: collectPromisedNames(attempt.analysis, attempt.usage),
          checkStar: isStarImportContract(attempt.analysis, attempt.usage),
          before: { root: base, module: dotted },
          after: [{ label: `case ${index}`, root: tree, package: dotted }],
        });
        cases.push({ module, accepted: true, codes });
        continue;
      }
      if (!codes.every((c) => IMPORT_REFUSALS.has(c))) {
        cases.push({ module, accepted: false, codes });
        continue;
      }
      const assign: Record<string, string> = {};
      for (const [file, names] of Object.entries(attempt.plan.files)) {
        for (const name of names) assign[name] = file.replace(/\.py$/, '');
      }
      jobs.push({
        kind: 'naive',
        source: attempt.analysis.source.text,
        filename: module,
        assign,
        files: Object.keys(attempt.plan.files).map((f) => f.replace(/\.py$/, '')),
        root: tree,
        package: dotted,
        purge: ['django'],
        bumpRelative: !attempt.location.isPackageInit,
        original: { root: base, module: dotted },
        maxVariants: 8,
      });
      cases.push({ module, accepted: false, codes });
    }
    const results = await runPythonBatch<PackageJob | NaiveJob, PackageResult | NaiveResult>(ORACLE, jobs, {
      processes: 2,
    });
    const problems: string[] = [];
    let judged = 0;
    let skipped = 0;
    let confirmed = 0;
    let j = 0;
    for (const c of cases) {
      if (!c.accepted && !c.codes.every((code) => IMPORT_REFUSALS.has(code))) continue;
      const result = results[j++] as PackageResult & NaiveResult;
      if (result.fatal) {
        problems.push(`${c.module}: oracle crashed: ${JSON.stringify(result.fatal).slice(0, 300)}`);
        continue;
      }
      if (c.accepted) {
        if (!result.before?.ok) {
          skipped++;
          continue;
        }
        judged++;
        for (const after of result.after ?? [])
          problems.push(...describeAfterProblems(after).map((p) => `${c.module}: ${p}`));
        continue;
      }
      if (result.skipped) {
        skipped++;
        continue;
      }
      judged++;
      const outcomes = result.outcomes ?? [];
      if (!result.built) problems.push(`${c.module}: naive split not built: ${result.reason}`);
      else if (outcomes.some((o) => o.ok))
        problems.push(`${c.module}: refused (${c.codes}) but a naive split imports`);
      else confirmed++;
    }
    const accepted = cases.filter((c) => c.accepted).length;
    const other = cases.filter((c) => !c.accepted && !c.codes.every((code) => IMPORT_REFUSALS.has(code)));
    console.log(
      `real-module plans: seed ${SEED}, ${cases.length} cases: ${accepted} accepted, ` +
        `${cases.length - accepted - other.length} refused for a cycle (${confirmed} confirmed by Python), ` +
        `${other.length} refused otherwise (${[...new Set(other.flatMap((c) => c.codes))].join(', ') || '-'}); ` +
        `${judged} judged, ${skipped} skipped (original does not import); ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(problems.slice(0, 10)).toEqual([]);
    expect(judged).toBeGreaterThan(CASES / 2);
  }, 900_000);
});
