// The library pipeline as the robustness tests drive it (read -> analyze -> locate -> scan -> plan -> resolve ->
// emit), plus writing a change set into another tree and the static invariants every written split must meet.
// It does not run Python; the tests pair it with test/oracles/robustness_oracle.py.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import { buildChangeSet } from '../../../src/emit/index.js';
import type { ChangeSet } from '../../../src/model/changes.js';
import { type Diagnostic, hasErrors } from '../../../src/model/diagnostics.js';
import type { SplitPlan } from '../../../src/model/plan.js';
import { type ModuleLocation, NO_PROJECT_USAGE, type ProjectUsage } from '../../../src/model/project.js';
import { applyEdits } from '../../../src/model/text.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { proposePlan } from '../../../src/plan/propose-plan.js';
import { resolvePlan } from '../../../src/plan/resolve-plan.js';
import { locateModule } from '../../../src/read/module-location.js';
import { findSyntaxError, withParsedPython } from '../../../src/read/parse-python.js';
import { readSourceFile, sourceFromText } from '../../../src/read/source-file.js';
import { writeChangeSet } from '../../../src/write/index.js';

export interface SplitAttempt {
  readonly analysis: ModuleAnalysis;
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
  readonly plan: SplitPlan;
  /** Set when resolvePlan and buildChangeSet accepted the plan. */
  readonly changeSet?: ChangeSet;
  /** Errors of the stage that refused (empty when accepted). */
  readonly refusal: readonly Diagnostic[];
  /** Warnings of the plan and emit stages (e.g. MS321, registration order flagged). */
  readonly warnings: readonly Diagnostic[];
}

export interface SplitRequest {
  readonly root: string;
  /** Module path relative to root, POSIX. */
  readonly modulePath: string;
  /** The plan; default: proposePlan's. */
  readonly plan?: (analysis: ModuleAnalysis) => SplitPlan;
  /** The project's files for the importer scan (relative, POSIX); `[]` scans nothing. */
  readonly projectFiles?: readonly string[];
}

/** Run the pipeline up to the change set. Throws when the module cannot be read, analyzed or located. */
export async function attemptSplit(request: SplitRequest): Promise<SplitAttempt> {
  const abs = join(request.root, request.modulePath);
  const read = await readSourceFile(abs, request.modulePath);
  if (!read.ok) throw new Error(`${request.modulePath}: ${read.diagnostic.message}`);
  const { analysis, diagnostics } = await analyzeModule(read.source);
  if (!analysis) throw new Error(`${request.modulePath}: ${diagnostics.map((d) => d.message).join('; ')}`);
  const located = locateModule(request.root, abs);
  if (!located.location) throw new Error(`${request.modulePath}: ${located.diagnostics[0]?.message}`);
  const location = located.location;
  const usage =
    request.projectFiles && request.projectFiles.length === 0
      ? NO_PROJECT_USAGE
      : await scanProjectUsage(location, request.projectFiles ? { files: request.projectFiles } : {});
  const plan = request.plan
    ? request.plan(analysis)
    : proposePlan(analysis, { project: { location, usage } }).plan;
  const resolution = resolvePlan(analysis, location, usage, plan);
  const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
  const warningsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'warning');
  if (!resolution.resolved || hasErrors(resolution.diagnostics)) {
    return {
      analysis,
      location,
      usage,
      plan,
      refusal: errors(resolution.diagnostics),
      warnings: warningsOf(resolution.diagnostics),
    };
  }
  const changeSet = await buildChangeSet({ analysis, location, usage, resolved: resolution.resolved });
  if (hasErrors(changeSet.diagnostics)) {
    return {
      analysis,
      location,
      usage,
      plan,
      refusal: errors(changeSet.diagnostics),
      warnings: warningsOf([...resolution.diagnostics, ...changeSet.diagnostics]),
    };
  }
  return {
    analysis,
    location,
    usage,
    plan,
    changeSet,
    refusal: [],
    warnings: warningsOf([...resolution.diagnostics, ...changeSet.diagnostics]),
  };
}

/**
 * The names a split promises to keep reachable on the package (SPLIT-SEMANTICS §2), worked out from the module and
 * its importers alone: public names the module defines, `__all__`, whatever other files import or reach as
 * `module.name`, and (for star importers of a module without `__all__`) every public name it binds.
 */
export function collectPromisedNames(analysis: ModuleAnalysis, usage: ProjectUsage): string[] {
  const names = new Set<string>();
  const starImported = usage.importers.some((site) => site.form === 'star-import');
  for (const unit of analysis.units) {
    const isImport = unit.flags.includes('import') || unit.flags.includes('future-import');
    for (const name of unit.binds) {
      if (name.startsWith('_')) continue;
      if (!isImport || (starImported && analysis.dunderAll === null)) names.add(name);
    }
  }
  for (const name of analysis.dunderAll ?? []) names.add(name);
  for (const site of usage.importers) for (const name of site.names) names.add(name);
  for (const site of usage.attributeSites) names.add(site.name);
  for (const site of usage.dottedStrings) {
    const head = site.attributePath.split('.')[0];
    if (head) names.add(head);
  }
  return [...names].sort();
}

/** Whether `from m import *` is a contract to keep: the module has `__all__`, or some file star-imports it. */
export function isStarImportContract(analysis: ModuleAnalysis, usage: ProjectUsage): boolean {
  return analysis.dunderAll !== null || usage.importers.some((site) => site.form === 'star-import');
}

/** Write `changeSet` into `root` (a tree laid out like the one it was built for) with the real write stage. */
export async function writeChangeSetTo(changeSet: ChangeSet, root: string): Promise<void> {
  const written = await writeChangeSet({ ...changeSet, root });
  if (hasErrors(written.diagnostics)) {
    throw new Error(`write failed: ${written.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
}

/**
 * Apply a change set to `root` with plain file writes: no journal, no fsync, no git. For the thousands of generated
 * splits of the property test, where the durable writer (used by the corpus test) would dominate the run time.
 */
export function applyChangeSetQuickly(changeSet: ChangeSet, root: string): void {
  const texts = collectWrittenTexts(changeSet);
  for (const change of changeSet.changes) {
    if (change.kind === 'rename') rmSync(join(root, change.from));
    if (change.kind === 'delete') rmSync(join(root, change.path));
  }
  for (const [path, text] of texts) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** The text of every Python file the change set leaves behind (new, renamed with text, edited), by path. */
export function collectWrittenTexts(changeSet: ChangeSet): Map<string, string> {
  const texts = new Map<string, string>();
  for (const change of changeSet.changes) {
    if (change.kind === 'create') texts.set(change.path, change.text);
    else if (change.kind === 'rename') {
      texts.set(change.to, change.text ?? readFileSync(join(changeSet.root, change.from), 'utf8'));
    } else if (change.kind === 'edit') {
      texts.set(
        change.path,
        applyEdits(readFileSync(join(changeSet.root, change.path), 'utf8'), change.edits),
      );
    }
  }
  return texts;
}

/** Statements that are regenerated rather than moved: imports and `__all__`. */
function isRegenerated(analysis: ModuleAnalysis, index: number): boolean {
  const unit = analysis.units[index];
  if (!unit) return false;
  if (unit.flags.includes('import') || unit.flags.includes('future-import')) return true;
  return unit.binds.length === 1 && unit.binds[0] === '__all__';
}

function statementTexts(analysis: ModuleAnalysis): { text: string; line: number; index: number }[] {
  return analysis.units.map((unit) => ({
    text: analysis.source.text.slice(unit.statementRange.start, unit.statementRange.end),
    line: unit.line,
    index: unit.index,
  }));
}

export interface StaticCheckOptions {
  /** The split module was a package's `__init__.py` (new files are siblings: relative imports keep their dots). */
  readonly isPackageInit?: boolean;
  /** The change set's diagnostics: a statement rewritten where one of them points (MS403 `__file__`) is excused. */
  readonly reported?: readonly Diagnostic[];
}

/** Moved code sits one package deeper: its nested `from .x import y` became `from ..x import y`. Undo that. */
function undoRelativeImportDepth(text: string): string {
  return text.replace(/^([ \t]+)from \.\./gm, '$1from .');
}

/**
 * The static invariants of a written split, as readable problems (empty when all hold): every new file parses
 * (tree-sitter and the analysis); every top-level statement of the original except imports and `__all__` appears
 * exactly once, byte for byte, as a top-level statement of the new files (nested relative imports one dot deeper,
 * and rewrites the change set reports, aside); the new files add no other statements.
 */
export async function findStaticProblems(
  original: ModuleAnalysis,
  texts: ReadonlyMap<string, string>,
  options: StaticCheckOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  const found = new Map<string, string[]>();
  for (const [path, text] of texts) {
    const error = await withParsedPython(text, (root) => {
      const node = findSyntaxError(root);
      return node ? `${path}:${node.startPosition.row + 1}: syntax error` : null;
    });
    if (error) {
      problems.push(error);
      continue;
    }
    const { analysis, diagnostics } = await analyzeModule(sourceFromText(path, text));
    if (!analysis) {
      problems.push(`${path}: ${diagnostics.map((d) => d.message).join('; ')}`);
      continue;
    }
    for (const statement of statementTexts(analysis)) {
      if (isRegenerated(analysis, statement.index)) continue;
      const key = options.isPackageInit ? statement.text : undoRelativeImportDepth(statement.text);
      const where = found.get(key) ?? [];
      where.push(`${path}:${statement.line}`);
      found.set(key, where);
    }
  }
  const expected = new Map<string, { count: number; line: number; endLine: number }>();
  for (const statement of statementTexts(original)) {
    if (isRegenerated(original, statement.index)) continue;
    const unit = original.units[statement.index];
    const seen = expected.get(statement.text);
    expected.set(statement.text, {
      count: (seen?.count ?? 0) + 1,
      line: statement.line,
      endLine: unit?.endLine ?? statement.line,
    });
  }
  const firstLine = (text: string) => text.split(/\r\n|\r|\n/)[0] as string;
  const reportedLines = (options.reported ?? [])
    .filter((d) => d.location?.path === original.source.path)
    .map((d) => d.location?.line ?? 0);
  const excused = new Set<string>();
  for (const [text, { count, line, endLine }] of expected) {
    const places = found.get(text) ?? [];
    if (places.length === count) continue;
    if (places.length === 0 && count === 1 && reportedLines.some((l) => l >= line && l <= endLine)) {
      excused.add(firstLine(text));
      continue;
    }
    problems.push(
      `statement ${JSON.stringify(firstLine(text))} appears ${places.length} times (expected ${count}): ${places.join(', ')}`,
    );
  }
  for (const [text, places] of found) {
    if (expected.has(text)) continue;
    if (places.length === 1 && excused.delete(firstLine(text))) continue;
    problems.push(`new statement ${JSON.stringify(firstLine(text))} at ${places.join(', ')}`);
  }
  return problems;
}
