// Test helpers for the consistency passes: run the real pipeline (read -> analyze -> locate -> scan -> resolve) on a
// project folder, apply change sets to a folder, and run Python's unittest there. No expectations live here.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import type { FileChange } from '../../../src/model/changes.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import type { ResolvedPlan, SplitPlan } from '../../../src/model/plan.js';
import type { ModuleLocation, ProjectUsage } from '../../../src/model/project.js';
import { applyEdits } from '../../../src/model/text.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { resolvePlan } from '../../../src/plan/resolve-plan.js';
import { locateModule } from '../../../src/read/module-location.js';
import { readSourceFile } from '../../../src/read/source-file.js';
import { pythonPath } from '../../helpers/python.js';

export interface PipelineInputs {
  readonly analysis: ModuleAnalysis;
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
  readonly resolved: ResolvedPlan;
  readonly readText: (path: string) => string;
  /** Diagnostics of every stage so far (a test may assert there are no errors). */
  readonly diagnostics: readonly Diagnostic[];
}

/** The real pipeline on the project at `root`; throws when a stage refuses (fixtures are meant to split). */
export async function runPipeline(
  root: string,
  modulePath: string,
  plan: SplitPlan,
): Promise<PipelineInputs> {
  const located = locateModule(root, resolve(root, modulePath));
  const location = located.location;
  if (!location) throw new Error(`locateModule: ${located.diagnostics.map((d) => d.message).join('; ')}`);
  const read = await readSourceFile(resolve(root, location.modulePath), location.modulePath);
  if (!read.ok) throw new Error(read.diagnostic.message);
  const analyzed = await analyzeModule(read.source);
  if (!analyzed.analysis) throw new Error(analyzed.diagnostics.map((d) => d.message).join('; '));
  const usage = await scanProjectUsage(location);
  const resolution = resolvePlan(analyzed.analysis, location, usage, plan);
  if (!resolution.resolved)
    throw new Error(resolution.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return {
    analysis: analyzed.analysis,
    location,
    usage,
    resolved: resolution.resolved,
    readText: (path) => readFileSync(join(root, path), 'utf8'),
    diagnostics: [...analyzed.diagnostics, ...(usage.diagnostics ?? []), ...resolution.diagnostics],
  };
}

/** Apply changes to the folder `root` (edits of the same file from several passes are applied together). */
export function applyChanges(root: string, changes: readonly FileChange[]): void {
  const edits = new Map<string, FileChange[]>();
  for (const change of changes) {
    if (change.kind === 'edit') edits.set(change.path, [...(edits.get(change.path) ?? []), change]);
  }
  for (const [path, list] of edits) {
    const all = list.flatMap((c) => (c.kind === 'edit' ? c.edits : []));
    writeFileSync(join(root, path), applyEdits(readFileSync(join(root, path), 'utf8'), all));
  }
  for (const change of changes) {
    if (change.kind === 'create') {
      mkdirSync(dirname(join(root, change.path)), { recursive: true });
      writeFileSync(join(root, change.path), change.text);
    } else if (change.kind === 'rename') {
      const text = change.text ?? readFileSync(join(root, change.from), 'utf8');
      rmSync(join(root, change.from));
      mkdirSync(dirname(join(root, change.to)), { recursive: true });
      writeFileSync(join(root, change.to), text);
    } else if (change.kind === 'delete') {
      rmSync(join(root, change.path));
    }
  }
}

/** A temp copy of `source` (caches left out); the caller removes it. */
export function copyProject(source: string, prefix: string): string {
  const work = mkdtempSync(join(tmpdir(), prefix));
  cpSync(source, work, {
    recursive: true,
    filter: (path) => !/(^|\/)(__pycache__|\.ruff_cache|db\.sqlite3)$/.test(path),
  });
  return work;
}

export interface UnittestOutcome {
  /** Test ids (`tests.test_x.Class.test_y`) that failed or errored. */
  readonly failed: string[];
  readonly passed: string[];
  readonly output: string;
}

/** `python -m unittest discover -s tests -t . -v` in `root`, outcome per test id. */
export function runUnittest(root: string): UnittestOutcome {
  const result = spawnSync(pythonPath(), ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.', '-v'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  const output = `${result.stdout}${result.stderr}`;
  const failed: string[] = [];
  const passed: string[] = [];
  for (const match of output.matchAll(/^(\w+) \(([\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped.*)$/gm)) {
    const id = match[2] as string;
    if (match[3] === 'ok') passed.push(id);
    else if (match[3] === 'FAIL' || match[3] === 'ERROR') failed.push(id);
  }
  for (const match of output.matchAll(/^(?:ERROR|FAIL): (\w+) \(([\w.]+)\)$/gm)) {
    const id = match[2] as string;
    if (!failed.includes(id)) failed.push(id);
  }
  return { failed: failed.sort(), passed: passed.sort(), output };
}
