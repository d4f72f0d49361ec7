// Fixture-tree harness for splits: copy `input/` to a temp dir, run read -> analyze -> resolvePlan -> buildChangeSet,
// apply the ChangeSet there, compare the whole tree and the diagnostics with `expected/` byte for byte, and check
// the invariants every split must keep. It does not import the result in Python (split-oracle.ts does).

import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { analyzeModule } from '../../src/analyze/analyze-module.js';
import { scanProjectUsage } from '../../src/analyze/importers/index.js';
import type { BuildChangeSetOptions } from '../../src/emit/build-change-set.js';
import { buildChangeSet } from '../../src/emit/build-change-set.js';
import type { ChangeSet } from '../../src/model/changes.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { ResolvedPlan, SplitPlan } from '../../src/model/plan.js';
import type { ModuleLocation, ProjectUsage } from '../../src/model/project.js';
import { applyEdits } from '../../src/model/text.js';
import type { ModuleAnalysis } from '../../src/model/units.js';
import { planFromIntoArgs, readPlanFile } from '../../src/plan/plan-file.js';
import { type ResolvePlanOptions, resolvePlan } from '../../src/plan/resolve-plan.js';
import { collectSplitFacts } from '../../src/plan/split-facts.js';
import { readLineLength } from '../../src/read/line-length.js';
import { locateModule } from '../../src/read/module-location.js';
import { findSyntaxError, withParsedPython } from '../../src/read/parse-python.js';
import { readSourceFile } from '../../src/read/source-file.js';

/** `args.json` of a split fixture. Exactly one of `plan`, `planFile`, `into`. */
export interface SplitFixtureArgs {
  /** Module to split, relative to `input/`. */
  readonly module: string;
  readonly plan?: SplitPlan['files'];
  /** A plan.toml next to args.json. */
  readonly planFile?: string;
  readonly into?: readonly string[];
  readonly resolve?: ResolvePlanOptions;
  readonly emit?: Omit<BuildChangeSetOptions, 'pathExists'>;
}

export interface SplitRun {
  readonly root: string;
  readonly location?: ModuleLocation;
  readonly analysis?: ModuleAnalysis;
  readonly usage?: ProjectUsage;
  readonly resolved?: ResolvedPlan;
  readonly changeSet?: ChangeSet;
  readonly diagnostics: readonly Diagnostic[];
}

/** Run the library on a project folder as the CLI would, without writing. */
export async function runSplit(root: string, args: SplitFixtureArgs, planText?: string): Promise<SplitRun> {
  const abs = join(root, args.module);
  const located = locateModule(root, abs);
  if (!located.location) return { root, diagnostics: located.diagnostics };
  const location = located.location;
  const read = await readSourceFile(abs, args.module);
  if (!read.ok) return { root, location, diagnostics: [read.diagnostic] };
  const { analysis, diagnostics: analyzed } = await analyzeModule(read.source);
  if (!analysis) return { root, location, diagnostics: analyzed };
  const usage = await scanProjectUsage(location);
  const input =
    planText !== undefined
      ? readPlanFile(planText, args.planFile ?? 'plan.toml')
      : args.into
        ? planFromIntoArgs(args.into)
        : { plan: { files: args.plan ?? {} }, diagnostics: [] };
  if (!input.plan) return { root, location, analysis, usage, diagnostics: input.diagnostics };
  const resolution = resolvePlan(analysis, location, usage, input.plan, args.resolve);
  if (!resolution.resolved) return { root, location, analysis, usage, diagnostics: resolution.diagnostics };
  const changeSet = await buildChangeSet({
    analysis,
    location,
    usage,
    resolved: resolution.resolved,
    // The project's line length, read as the CLI reads it (ruff, black, flake8, else 88); args.json may override.
    options: {
      lineLength: readLineLength(root).lineLength,
      ...args.emit,
      pathExists: (p) => existsSync(join(root, p)),
    },
  });
  return {
    root,
    location,
    analysis,
    usage,
    resolved: resolution.resolved,
    changeSet,
    diagnostics: [...resolution.diagnostics, ...changeSet.diagnostics],
  };
}

/** Apply a change set to files under `root` (a test double of the write stage: no journal, no git). */
export function applyChangeSet(root: string, changeSet: ChangeSet): void {
  const write = (path: string, text: string, bom?: boolean) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), (bom ? '\ufeff' : '') + text);
  };
  for (const change of changeSet.changes) {
    switch (change.kind) {
      case 'create':
        if (existsSync(join(root, change.path))) throw new Error(`create over existing ${change.path}`);
        write(change.path, change.text, change.bom);
        break;
      case 'rename': {
        const old = readFileSync(join(root, change.from), 'utf8');
        rmSync(join(root, change.from));
        write(change.to, change.text ?? old, change.bom);
        break;
      }
      case 'delete':
        rmSync(join(root, change.path));
        break;
      case 'edit': {
        const raw = readFileSync(join(root, change.path), 'utf8');
        const bom = raw.startsWith('\ufeff');
        write(change.path, applyEdits(bom ? raw.slice(1) : raw, change.edits), bom);
        break;
      }
    }
  }
}

/** Every file under `dir`, relative, POSIX, sorted (`__pycache__` left out). */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === '__pycache__') continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Make `\r`, tabs, a BOM and the end of the text visible, for byte-exact mismatch messages. */
export function showInvisibles(text: string): string {
  return `${text
    .replace(/\ufeff/g, '<BOM>')
    .replace(/\r/g, '\\r')
    .replace(
      /\t/g,
      '\\t',
    )}${text.endsWith('\n') || text.endsWith('\r') ? '' : '<no newline at end of file>'}`;
}

/** Differences between two trees, as readable messages ('' when identical byte for byte). */
export function compareTrees(actualDir: string, expectedDir: string): string {
  const actual = listTree(actualDir);
  const expected = listTree(expectedDir);
  const problems: string[] = [];
  for (const f of expected) if (!actual.includes(f)) problems.push(`missing file: ${f}`);
  for (const f of actual) if (!expected.includes(f)) problems.push(`unexpected file: ${f}`);
  for (const f of expected) {
    if (!actual.includes(f)) continue;
    const a = readFileSync(join(actualDir, f), 'utf8');
    const e = readFileSync(join(expectedDir, f), 'utf8');
    if (a === e) continue;
    const al = showInvisibles(a).split('\n');
    const el = showInvisibles(e).split('\n');
    const at = al.findIndex((line, i) => line !== el[i]);
    problems.push(
      `${f} differs at line ${at + 1}:\n  expected: ${el[at] ?? '<end of file>'}\n  actual:   ${al[at] ?? '<end of file>'}\n--- actual ${f} ---\n${showInvisibles(a)}`,
    );
  }
  return problems.join('\n');
}

/** Diagnostics as stable text: `severity[CODE] path:line:col: message`, then notes and help. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.location ? ` ${d.location.path}:${d.location.line}:${d.location.column}` : '';
      const lines = [`${d.severity}[${d.code}]${where}: ${d.message}`];
      for (const note of d.notes ?? []) lines.push(`  = note: ${note}`);
      if (d.help) lines.push(`  = help: ${d.help}`);
      return lines.join('\n');
    })
    .map((block) => `${block}\n`)
    .join('');
}

/** The run as review text: where each group went and why, then the diagnostics. */
export function renderRunReport(run: SplitRun): string {
  let out = '';
  if (run.resolved && run.analysis) {
    const facts = collectSplitFacts(run.analysis);
    out += `file order: ${run.resolved.fileOrder.join(', ')}\n`;
    out += 'placements:\n';
    for (const p of run.resolved.placements) {
      const group = facts.groups[p.group];
      if (!group || p.copied || group.role === 'docstring' || group.role === 'future') continue;
      const line = run.analysis.units[group.firstUnit]?.line ?? 0;
      out += `  ${p.file} <- ${group.label} (line ${line})${p.explicit ? ' [plan]' : ''}: ${p.reason}\n`;
    }
  }
  out += 'diagnostics:\n';
  out += renderDiagnosticsText(run.diagnostics).replace(/^(?=.)/gm, '  ');
  return out;
}

/** Python files written or rewritten by a change set. */
export function changedPythonFiles(changeSet: ChangeSet): string[] {
  return changeSet.changes
    .map((c) => (c.kind === 'create' || c.kind === 'edit' ? c.path : c.kind === 'rename' ? c.to : ''))
    .filter((p) => p.endsWith('.py'));
}

/** The first ERROR/MISSING node of each emitted file that does not parse cleanly. */
export async function findUnparsableFiles(root: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const bad = await withParsedPython(text, (node) => {
      const error = findSyntaxError(node);
      return error
        ? `${file}:${error.startPosition.row + 1}:${error.startPosition.column + 1} ${error.isMissing ? 'MISSING' : 'ERROR'}`
        : null;
    });
    if (bad) out.push(bad);
  }
  return out;
}

/** Undo the rewrites emit is allowed to make inside moved code (relative-import depth, `__file__` folders). */
function normalizeRewrites(text: string): string {
  return text
    .replace(/\bfrom \.+/g, 'from .')
    .replace(/(\.parent)+/g, '.parent')
    .replace(/\.parents\[\d+\]/g, '.parents[N]')
    .replace(/((?:os\.)?(?:path\.)?dirname\()+/g, 'dirname(')
    .replace(/\)+/g, ')');
}

/** Occurrences of `needle` starting at a line start of `haystack`. */
function countAtLineStarts(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (i === 0 || haystack[i - 1] === '\n' || haystack[i - 1] === '\r' || haystack[i - 1] === '\ufeff')
      count++;
  }
  return count;
}

/**
 * Units that do not land exactly once in the output files: every unit that moves or stays (all but copied imports
 * and `from __future__`) must appear verbatim (up to the allowed rewrites) at a line start of exactly one file.
 */
export function findMisplacedUnits(run: SplitRun, outputs: ReadonlyMap<string, string>): string[] {
  const { analysis, resolved } = run;
  if (!analysis || !resolved) return [];
  const facts = collectSplitFacts(analysis);
  const copied = new Set(resolved.placements.filter((p) => p.copied).map((p) => p.group));
  const texts = [...outputs.values()].map(normalizeRewrites);
  const problems: string[] = [];
  for (const unit of analysis.units) {
    const group = facts.groupOfUnit[unit.index] as number;
    // Copied imports and `from __future__` lines are repeated by design; an import kept for its side effect stays
    // in __init__.py and may also be copied (trimmed, maybe identical) into files that use its names.
    const role = facts.groups[group]?.role;
    if (copied.has(group) || role === 'future') continue;
    const slice = analysis.source.text.slice(unit.range.start, unit.range.end);
    const wanted = normalizeRewrites(slice);
    const count = texts.reduce((n, t) => n + countAtLineStarts(t, wanted), 0);
    if (role === 'side-effect-import' ? count < 1 : count !== 1) {
      problems.push(`unit ${unit.index} (line ${unit.line}) appears ${count} times`);
    }
  }
  return problems;
}

export interface FixtureResult {
  readonly run: SplitRun;
  /** Byte-for-byte differences with `expected/` and `expected-report.txt` ('' when none). */
  readonly mismatch: string;
  /** Invariant violations ('' when none). */
  readonly invariants: string;
  readonly workDir: string;
}

/** Run one fixture case; with UPDATE_FIXTURES=1, rewrite its expectations instead of comparing them. */
export async function runSplitFixture(caseDir: string): Promise<FixtureResult> {
  const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as SplitFixtureArgs;
  const workDir = mkdtempSync(join(tmpdir(), 'modsplit-fixture-'));
  const root = join(workDir, 'project');
  cpSync(join(caseDir, 'input'), root, { recursive: true });
  const planText = args.planFile ? readFileSync(join(caseDir, args.planFile), 'utf8') : undefined;
  const run = await runSplit(root, args, planText);
  const refused = run.diagnostics.some((d) => d.severity === 'error');
  if (run.changeSet && !refused) applyChangeSet(root, run.changeSet);
  const diagnosticsText = renderRunReport(run);
  const expectedDir = join(caseDir, 'expected');
  const diagnosticsFile = join(caseDir, 'expected-report.txt');
  if (process.env.UPDATE_FIXTURES === '1') {
    rmSync(expectedDir, { recursive: true, force: true });
    cpSync(root, expectedDir, { recursive: true });
    writeFileSync(diagnosticsFile, diagnosticsText);
  }
  const problems: string[] = [];
  const treeDiff = compareTrees(root, expectedDir);
  if (treeDiff) problems.push(treeDiff);
  const expectedDiagnostics = existsSync(diagnosticsFile) ? readFileSync(diagnosticsFile, 'utf8') : '';
  if (expectedDiagnostics !== diagnosticsText) {
    problems.push(
      `report differs:\n--- expected ---\n${expectedDiagnostics}--- actual ---\n${diagnosticsText}`,
    );
  }
  const invariants: string[] = [];
  if (run.changeSet && !refused) {
    const files = changedPythonFiles(run.changeSet);
    invariants.push(...(await findUnparsableFiles(root, files)).map((f) => `does not parse: ${f}`));
    const outputs = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
    invariants.push(...findMisplacedUnits(run, outputs));
    invariants.push(...(await findSecondRunProblems(root, args, run, planText)));
  }
  return { run, mismatch: problems.join('\n'), invariants: invariants.join('\n'), workDir };
}

/** Splitting the output again with the same plan must be refused (already split) and change nothing. */
async function findSecondRunProblems(
  root: string,
  args: SplitFixtureArgs,
  first: SplitRun,
  planText: string | undefined,
): Promise<string[]> {
  const location = first.location;
  if (!location) return [];
  const module = location.isPackageInit
    ? location.modulePath
    : location.modulePath.replace(/\.py$/, '/__init__.py');
  const before = listTree(root).map((f) => [f, readFileSync(join(root, f), 'utf8')] as const);
  const again = await runSplit(root, { ...args, module }, planText);
  const problems: string[] = [];
  if (!again.diagnostics.some((d) => d.severity === 'error')) {
    problems.push(`second run on ${module} was not refused: ${renderDiagnosticsText(again.diagnostics)}`);
  }
  const after = listTree(root).map((f) => [f, readFileSync(join(root, f), 'utf8')] as const);
  if (JSON.stringify(before) !== JSON.stringify(after)) problems.push('second run changed files');
  return problems;
}

/** Case folders of a fixture family (`test/fixtures/split`). */
export function listFixtureCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'args.json')))
    .sort();
}
