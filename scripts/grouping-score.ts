// Grouping quality: adjusted Rand index (ARI) of modsplit's proposed plan, and of equal chunks in source order, against
// the files maintainers chose when they split real modules (test/corpus/maintainer-splits). Run: npx tsx scripts/grouping-score.ts

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleAnalysis } from '../src/model/units.js';
import { collectGroupingModel } from '../src/plan/grouping/collect-items.js';
import { type ProposePlanOptions, proposePlan } from '../src/plan/propose-plan.js';
import { analyzeForGrouping } from '../test/unit/propose/analyze-for-grouping.js';

export const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../test/corpus/maintainer-splits');

export interface CaseScore {
  readonly name: string;
  /** Names scored: defined in the module and placed by the maintainers. */
  readonly names: number;
  readonly files: number;
  readonly modsplit: number;
  /** Equal chunks of lines in source order. */
  readonly baseline: number;
  /** modsplit when call-time-only cycles may be broken (what maintainers did by editing code); informative. */
  readonly relaxed: number;
}

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Adjusted Rand index of two labelings of the same items (Hubert and Arabie). 1 = identical partitions. */
export function computeAdjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) throw new Error('labelings differ in length');
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i] as string;
    cells.set(`${x}\u0000${y}`, (cells.get(`${x}\u0000${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...cells.values()].reduce((s, n) => s + choose2(n), 0);
  const sumRows = [...rows.values()].reduce((s, n) => s + choose2(n), 0);
  const sumCols = [...cols.values()].reduce((s, n) => s + choose2(n), 0);
  const expected = (sumRows * sumCols) / choose2(a.length);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** name -> file: each defined name in source order, chunks of about equal lines. */
export function placeInEqualChunks(analysis: ModuleAnalysis, files: number): Map<string, string> {
  const items = collectGroupingModel(analysis).items.filter((item) => !item.dunder);
  const total = items.reduce((sum, item) => sum + item.lines, 0);
  const placement = new Map<string, string>();
  let before = 0;
  for (const item of items) {
    const chunk = Math.min(files - 1, Math.floor(((before + item.lines / 2) * files) / total));
    for (const name of item.names) placement.set(name, `chunk_${chunk}`);
    before += item.lines;
  }
  return placement;
}

function planPlacement(analysis: ModuleAnalysis, options: ProposePlanOptions): Map<string, string> {
  const placement = new Map<string, string>();
  for (const [file, names] of Object.entries(proposePlan(analysis, options).plan.files)) {
    for (const name of names) placement.set(name, file);
  }
  return placement;
}

/** Score one case folder (module.py + truth.json). */
export async function scoreCase(caseDir: string, options: ProposePlanOptions = {}): Promise<CaseScore> {
  const truth = JSON.parse(readFileSync(join(caseDir, 'truth.json'), 'utf8')) as {
    files: Record<string, string[]>;
  };
  const analysis = await analyzeForGrouping('module.py', readFileSync(join(caseDir, 'module.py'), 'utf8'));
  const truthOf = new Map<string, string>();
  for (const [file, names] of Object.entries(truth.files)) for (const name of names) truthOf.set(name, file);
  const files = Object.keys(truth.files).length;
  const ours = planPlacement(analysis, { ...options, files });
  const relaxed = planPlacement(analysis, { ...options, files, breakCallTimeCycles: true });
  const chunks = placeInEqualChunks(analysis, files);
  const names = [...truthOf.keys()].filter((name) => ours.has(name) && chunks.has(name));
  const labels = (placement: Map<string, string>): string[] => names.map((n) => placement.get(n) as string);
  const truthLabels = labels(truthOf);
  return {
    name: caseDir.split('/').pop() as string,
    names: names.length,
    files,
    modsplit: computeAdjustedRandIndex(labels(ours), truthLabels),
    baseline: computeAdjustedRandIndex(labels(chunks), truthLabels),
    relaxed: computeAdjustedRandIndex(labels(relaxed), truthLabels),
  };
}

/** Every case folder of the corpus. */
export function listCorpusCases(): string[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(corpusDir, entry.name, 'truth.json')))
    .map((entry) => join(corpusDir, entry.name))
    .sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows: CaseScore[] = [];
  for (const caseDir of listCorpusCases()) rows.push(await scoreCase(caseDir));
  const fmt = (x: number): string => x.toFixed(3).padStart(8);
  console.log(
    `${'case'.padEnd(28)}${'names'.padStart(6)}${'files'.padStart(6)}${'modsplit'.padStart(9)}${'chunks'.padStart(9)}${'relaxed'.padStart(9)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(28)}${String(r.names).padStart(6)}${String(r.files).padStart(6)} ${fmt(r.modsplit)} ${fmt(r.baseline)} ${fmt(r.relaxed)}`,
    );
  }
}
