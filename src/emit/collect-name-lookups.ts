// After a split, which namespace each module-level name of the original lives in: the new file that defines it,
// the new files whose code reads it as a global, and the outside code that still reads it through the package.
// Read-only; shared by the patch-target, import and dotted-string consistency passes. It renders nothing.

import type { FileChange } from '../model/changes.js';
import type { Diagnostic, DiagnosticLocation } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type { ModuleLocation, ProjectUsage } from '../model/project.js';
import type { TextEdit } from '../model/text.js';
import type { ImportBinding, ModuleAnalysis } from '../model/units.js';
import { INIT_FILE, MAIN_FILE } from '../plan/resolve-plan.js';
import { collectSplitFacts } from '../plan/split-facts.js';

/** What the consistency passes return: edits to existing project files, and what they could not fix. */
export interface ConsistencyEdits {
  /** One `edit` change per file, edits sorted and non-overlapping. */
  readonly changes: readonly FileChange[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a project file by its path relative to the root (POSIX); throws or returns undefined when missing. */
export type ReadProjectText = (path: string) => string | undefined;

export interface NameLookups {
  /** The package's dotted name (the original module's name). */
  readonly packageDotted: string;
  /** New files in `__init__.py` import order (`__init__.py` itself not included). */
  readonly fileOrder: readonly string[];
  /** name → new file whose moved code binds it (`github.py`, or `__init__.py` for kept code). Import-only names
   *  (bound by an import statement of the original) are absent. */
  readonly definedIn: ReadonlyMap<string, string>;
  /** name → the import that binds it, for names the original only imported (`from django.utils import timezone`). */
  readonly importedBy: ReadonlyMap<string, ImportBinding>;
  /** name → new files (file order, `__init__.py` first) whose code reads it as a global when it runs. */
  readonly lookedUpIn: ReadonlyMap<string, readonly string[]>;
  /** name → `file:line` of outside code that reads it through the package object when it runs (`models.helper()`,
   *  a function-level `from m import helper`): a patch of `m.helper` on the package reaches those. */
  readonly packageReads: ReadonlyMap<string, readonly string[]>;
}

/** `github.py` -> `app.models.github`; `__init__.py` -> `app.models`. */
export function submoduleDotted(lookups: Pick<NameLookups, 'packageDotted'>, file: string): string {
  if (file === INIT_FILE) return lookups.packageDotted;
  const stem = file.replace(/\.py$/, '');
  return lookups.packageDotted === '' ? stem : `${lookups.packageDotted}.${stem}`;
}

/** The stem of a new file (`github.py` -> `github`). */
export function fileStem(file: string): string {
  return file.replace(/\.py$/, '');
}

/** Whether a project path is inside a `migrations` folder (historical files modsplit never edits). */
export function isMigrationPath(path: string): boolean {
  return path.split('/').slice(0, -1).includes('migrations');
}

/**
 * Where every module-level name lives after the split.
 *
 * ```python
 * # app/models.py, split with github.py = [GitHubIntegration] and jira.py = [JiraIssue]
 * from .clients import GitHubClient        # importedBy GitHubClient; lookedUpIn ['github.py']
 * def fetch(url): ...                      # definedIn jira.py (placed with its first user)
 * class GitHubIntegration: ...             # uses GitHubClient and fetch -> fetch lookedUpIn [github.py, jira.py]
 * ```
 * A use counts when it runs: every `when` but `string-ref`, and annotations only when Python evaluates them.
 */
export function collectNameLookups(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  resolved: ResolvedPlan,
): NameLookups {
  const facts = collectSplitFacts(analysis);
  const fileOfGroup = new Map<number, string>();
  for (const p of resolved.placements) if (!p.copied) fileOfGroup.set(p.group, p.file);
  const definedIn = new Map<string, string>();
  const importedBy = new Map<string, ImportBinding>();
  for (const [name, group] of facts.groupOfName) {
    const facts_ = facts.groups[group];
    if (!facts_) continue;
    if (facts_.role === 'import' || facts_.role === 'side-effect-import') {
      for (const u of facts_.units) {
        const binding = analysis.units[u]?.imports.find((b) => b.name === name);
        if (binding) importedBy.set(name, binding);
      }
      continue;
    }
    const file = fileOfGroup.get(group);
    if (file !== undefined && file !== MAIN_FILE) definedIn.set(name, file);
  }
  const order = [INIT_FILE, ...resolved.fileOrder.filter((f) => f !== INIT_FILE)];
  const rank = (file: string) => order.indexOf(file);
  const lookedUp = new Map<string, Set<string>>();
  for (const unit of analysis.units) {
    const group = facts.groupOfUnit[unit.index] ?? -1;
    const file = fileOfGroup.get(group);
    if (file === undefined || file === MAIN_FILE) continue;
    const role = facts.groups[group]?.role;
    if (role === 'import' || role === 'side-effect-import') continue;
    for (const use of unit.uses) {
      if (use.when === 'string-ref' || (use.when === 'annotation' && use.evaluated === false)) continue;
      if (!facts.groupOfName.has(use.name)) continue;
      const files = lookedUp.get(use.name) ?? new Set<string>();
      files.add(file);
      lookedUp.set(use.name, files);
    }
  }
  const lookedUpIn = new Map<string, readonly string[]>();
  for (const [name, files] of lookedUp)
    lookedUpIn.set(
      name,
      [...files].sort((a, b) => rank(a) - rank(b)),
    );
  const packageReads = new Map<string, string[]>();
  const addRead = (name: string, where: string) => {
    const list = packageReads.get(name) ?? [];
    if (!list.includes(where)) list.push(where);
    packageReads.set(name, list);
  };
  for (const site of usage.attributeSites) {
    if (site.context === 'attribute') addRead(site.name, `${site.file}:${site.line}`);
  }
  for (const site of usage.importers) {
    if (!site.inFunction) continue;
    for (const name of site.names) addRead(name, `${site.file}:${site.line}`);
  }
  return {
    packageDotted: location.dotted,
    fileOrder: resolved.fileOrder.filter((f) => f !== INIT_FILE),
    definedIn,
    importedBy,
    lookedUpIn,
    packageReads,
  };
}

/** Group edits by file into `edit` changes (files in path order, edits by offset). */
export function editChanges(editsByFile: ReadonlyMap<string, readonly TextEdit[]>): FileChange[] {
  return [...editsByFile.entries()]
    .filter(([, edits]) => edits.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, edits]) => ({
      kind: 'edit' as const,
      path,
      edits: [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end),
    }));
}

/** A scanned site's place (`file`, 1-based `line` and `column`) as a diagnostic location. */
export function siteLocation(site: {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}): DiagnosticLocation {
  return { path: site.file, line: site.line, column: site.column };
}

/** `readText` that answers undefined instead of throwing for a missing or unreadable file. */
export function tryRead(readText: ReadProjectText, path: string): string | undefined {
  try {
    return readText(path);
  } catch {
    return undefined;
  }
}

/**
 * One `edit` change per file from the results of several passes (patch targets and `--rewrite-imports` both edit
 * test files), edits sorted; throws on overlapping edits, which would be a bug in a pass.
 */
export function mergeEditChanges(...results: readonly ConsistencyEdits[]): FileChange[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const result of results) {
    for (const change of result.changes) {
      if (change.kind !== 'edit') continue;
      byFile.set(change.path, [...(byFile.get(change.path) ?? []), ...change.edits]);
    }
  }
  const merged = editChanges(byFile);
  for (const change of merged) {
    if (change.kind !== 'edit') continue;
    change.edits.forEach((edit, i) => {
      const next = change.edits[i + 1];
      if (next && next.range.start < edit.range.end) throw new Error(`overlapping edits in ${change.path}`);
    });
  }
  return merged;
}
