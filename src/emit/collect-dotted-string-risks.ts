// Everything keyed by the module's dotted name or path that a split can silently change (SPLIT-SEMANTICS §4, §4c):
// Celery task names, `__module__` comparisons, tool configuration, a stale stub, settings strings and migrations.
// Reports only: strings resolved by import keep working through the re-exports, so none is rewritten (see below).

import { calleeChain } from '../analyze/importers/python-syntax.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type { DottedStringSite, ModuleLocation, ProjectUsage } from '../model/project.js';
import { computeLineStarts, positionAt } from '../model/text.js';
import type { ModuleAnalysis } from '../model/units.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import { type SyntaxNode, withParsedPython } from '../read/parse-python.js';
import {
  type ConsistencyEdits,
  collectNameLookups,
  isMigrationPath,
  type NameLookups,
  type ReadProjectText,
  siteLocation,
  submoduleDotted,
  tryRead,
} from './collect-name-lookups.js';

/** Configuration files that key settings by path or dotted module name, relative to the project root. */
export const PATH_KEYED_CONFIG_FILES: readonly string[] = [
  'pyproject.toml',
  'setup.cfg',
  'tox.ini',
  '.coveragerc',
  'mypy.ini',
  '.mypy.ini',
  'ruff.toml',
  '.ruff.toml',
  '.flake8',
  'pytest.ini',
  '.pre-commit-config.yaml',
];

const TASK_DECORATORS = new Set(['task', 'shared_task', 'periodic_task']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Celery task decorator without `name=` (`@shared_task`, `@app.task(bind=True)`), or undefined. */
function unnamedTaskDecorator(decorator: SyntaxNode, text: string): SyntaxNode | undefined {
  const expression = decorator.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!expression) return undefined;
  const callee = expression.type === 'call' ? expression.childForFieldName('function') : expression;
  if (!callee) return undefined;
  const chain = calleeChain(callee, text);
  if (!TASK_DECORATORS.has(chain[chain.length - 1] ?? '')) return undefined;
  if (expression.type === 'call') {
    const args = expression.childForFieldName('arguments');
    const named = args?.namedChildren.some(
      (c) => c?.type === 'keyword_argument' && c.childForFieldName('name')?.text === 'name',
    );
    if (named) return undefined;
  }
  return expression;
}

/** Celery tasks of the module whose default name (`module.function`) changes with the split (MS461). */
async function collectTaskNameRisks(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  lookups: NameLookups,
): Promise<{ diagnostics: Diagnostic[]; oldNames: Set<string> }> {
  const out: Diagnostic[] = [];
  const oldNames = new Set<string>();
  const candidates = analysis.units.filter((u) => u.nodeType === 'decorated_definition' && u.definition);
  if (candidates.length === 0) return { diagnostics: out, oldNames };
  const source = analysis.source;
  await withParsedPython(source.text, (root) => {
    for (const unit of candidates) {
      const name = unit.definition?.name as string;
      const file = lookups.definedIn.get(name);
      if (file === undefined || file === INIT_FILE) continue;
      const node = root.descendantForIndex(unit.statementRange.start, unit.statementRange.start);
      let decorated: SyntaxNode | null = node;
      while (decorated && decorated.type !== 'decorated_definition') decorated = decorated.parent;
      if (!decorated) continue;
      const task = decorated.namedChildren
        .filter((c): c is SyntaxNode => c?.type === 'decorator')
        .map((d) => unnamedTaskDecorator(d, source.text))
        .find((d) => d !== undefined);
      if (!task) continue;
      const oldName = `${location.dotted}.${name}`;
      const newName = `${submoduleDotted(lookups, file)}.${name}`;
      const { line, column } = positionAt(source.lineStarts, task.startIndex);
      const users = usage.dottedStrings.filter((s) => s.value === oldName);
      oldNames.add(oldName);
      out.push({
        code: 'MS461',
        severity: 'warning',
        message: `Celery task \`${name}\` has no explicit name, so its name changes from \`${oldName}\` to \`${newName}\`: queued messages, beat schedules and routes using the old name stop finding it`,
        location: { path: location.modulePath, line, column },
        notes: users.map((s) => `${s.file}:${s.line}:${s.column}: "${s.value}" names the task`),
        help: `add \`name="${oldName}"\` to the decorator to keep the name`,
      });
    }
  });
  return { diagnostics: out, oldNames };
}

/** Strings equal to the module's name in code that compares `__module__` (MS462). */
async function collectModuleNameComparisons(
  strings: readonly DottedStringSite[],
  readText: ReadProjectText,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const files = [...new Set(strings.map((s) => s.file))].sort();
  for (const file of files) {
    const text = tryRead(readText, file);
    if (text === undefined) continue;
    await withParsedPython(text, (root) => {
      for (const site of strings.filter((s) => s.file === file)) {
        let node: SyntaxNode | null = root.descendantForIndex(site.range.start, site.range.end);
        while (node && node.type !== 'string') node = node.parent;
        if (!node) continue;
        // `name.startswith("m")` still matches submodules: only equality, membership and keys are at risk.
        const call = node.parent?.type === 'argument_list' ? node.parent.parent : null;
        const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
        if (callee && calleeChain(callee, text).pop() === 'startswith') continue;
        let statement: SyntaxNode | null = node;
        while (statement?.parent && !/statement$|^(module|block)$/.test(statement.type))
          statement = statement.parent;
        if (!statement || !/\b__module__\b/.test(statement.text)) continue;
        out.push({
          code: 'MS462',
          severity: 'warning',
          message: `"${site.value}" is compared with \`__module__\`, which moved classes and functions now report as a submodule of \`${site.value}\``,
          location: siteLocation(site),
          help: `compare with \`.startswith("${site.value}")\` or key the registry on something else`,
        });
      }
    });
  }
  return out;
}

/** Lines of path-keyed configuration naming the module (MS463). */
function collectConfigRisks(location: ModuleLocation, readText: ReadProjectText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const packagePath = location.isPackageInit
    ? location.modulePath.replace(/\/?__init__\.py$/, '')
    : location.modulePath.replace(/\.py$/, '');
  const pathPattern = new RegExp(
    `(?<![A-Za-z0-9_.-])${escapeRegExp(location.modulePath)}(?![A-Za-z0-9_])`,
    'g',
  );
  // `app.models.*` already covers the submodules; `app.models` alone (or followed by `]`, quotes, spaces) does not.
  const dottedPattern = new RegExp(
    `(?<![A-Za-z0-9_.])${escapeRegExp(location.dotted)}(?![A-Za-z0-9_]|\\.[A-Za-z0-9_*])`,
    'g',
  );
  for (const config of PATH_KEYED_CONFIG_FILES) {
    const text = tryRead(readText, config);
    if (text === undefined) continue;
    const lineStarts = computeLineStarts(text);
    const found: { index: number; kind: 'path' | 'dotted' }[] = [];
    if (!location.isPackageInit) {
      for (const m of text.matchAll(pathPattern)) found.push({ index: m.index ?? 0, kind: 'path' });
    }
    // `app.models.*` next to `app.models` (mypy: the pattern covers the package and its submodules) is enough.
    if (location.dotted !== '' && !text.includes(`${location.dotted}.*`)) {
      for (const m of text.matchAll(dottedPattern)) found.push({ index: m.index ?? 0, kind: 'dotted' });
    }
    for (const { index, kind } of found.sort((a, b) => a.index - b.index)) {
      const { line, column } = positionAt(lineStarts, index);
      const shown = kind === 'path' ? location.modulePath : location.dotted;
      out.push({
        code: 'MS463',
        severity: 'warning',
        message: `${config} names \`${shown}\`, which no longer matches the split module's submodules`,
        location: { path: config, line, column },
        help:
          kind === 'path'
            ? `extend the entry to the package: \`${packagePath}/*.py\` (or \`${packagePath}/\`)`
            : `extend the entry to the package: \`${location.dotted}.*\``,
      });
    }
  }
  return out;
}

/**
 * Report what is keyed by the module's name or path. Nothing is rewritten, by design: a string resolved by import
 * (`"app.models.helper"` in settings, `import_string`, migrations, pickles) resolves to the same object through the
 * package's re-export, so rewriting it would only churn (MS460/MS465, info); what compares names instead (Celery
 * task names, `__module__`, tool configuration, a `.pyi` stub) cannot be fixed by a string edit alone and is a
 * warning with the fix (MS461-MS464).
 *
 * ```python
 * CELERY_BEAT_SCHEDULE = {"sync": {"task": "app.models.sync_all"}}   # MS461 note on the task `sync_all`
 * if cls.__module__ == "app.models": ...                              # MS462
 * ```
 */
export async function collectDottedStringRisks(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  resolved: ResolvedPlan,
  readText: ReadProjectText,
): Promise<ConsistencyEdits> {
  const lookups = collectNameLookups(analysis, location, usage, resolved);
  const diagnostics: Diagnostic[] = [];
  const tasks = await collectTaskNameRisks(analysis, location, usage, lookups);
  diagnostics.push(...tasks.diagnostics);
  const taskNames = tasks.oldNames;
  const exact = usage.dottedStrings.filter((s) => s.attributePath === '' && s.context !== 'migration');
  diagnostics.push(...(await collectModuleNameComparisons(exact, readText)));
  for (const site of usage.dottedStrings) {
    if (site.context !== 'settings' && site.context !== 'other') continue;
    const head = site.attributePath.split('.')[0] ?? '';
    const file = lookups.definedIn.get(head);
    if (head === '' || file === undefined || file === INIT_FILE || taskNames.has(site.value)) continue;
    if (isMigrationPath(site.file)) continue;
    diagnostics.push({
      code: 'MS460',
      severity: 'info',
      message: `"${site.value}" names \`${head}\`, now defined in \`${submoduleDotted(lookups, file)}\`; it still resolves through the package's re-export, so it is left as is`,
      location: siteLocation(site),
      help: `nothing to do; write "${submoduleDotted(lookups, file)}.${site.attributePath}" if you prefer the new path`,
    });
  }
  for (const site of usage.dottedStrings) {
    if (site.context !== 'migration' && !isMigrationPath(site.file)) continue;
    diagnostics.push({
      code: 'MS465',
      severity: 'info',
      message: `the migration names "${site.value}"; it keeps working through the package's re-exports and is never edited`,
      location: siteLocation(site),
    });
  }
  for (const site of usage.attributeSites) {
    if (!isMigrationPath(site.file)) continue;
    diagnostics.push({
      code: 'MS465',
      severity: 'info',
      message: `the migration uses \`${site.alias}.${site.name}\`; it keeps working through the package's re-exports and is never edited`,
      location: siteLocation(site),
    });
  }
  for (const site of usage.importers) {
    // Module-object imports are covered by their attribute sites above.
    if (!isMigrationPath(site.file) || site.names.length === 0) continue;
    const what = site.names.map((n) => `\`${n}\``).join(', ');
    diagnostics.push({
      code: 'MS465',
      severity: 'info',
      message: `the migration imports ${what} from \`${location.dotted}\`; it keeps working through the package's re-exports and is never edited`,
      location: siteLocation(site),
    });
  }
  diagnostics.push(...collectConfigRisks(location, readText));
  if (!location.isPackageInit) {
    const stub = location.modulePath.replace(/\.py$/, '.pyi');
    if (tryRead(readText, stub) !== undefined) {
      diagnostics.push({
        code: 'MS464',
        severity: 'warning',
        message: `${stub} is a stub of the module being split; type checkers keep reading it for the package and it goes stale`,
        location: { path: stub, line: 1, column: 1 },
        help: `move it to ${stub.replace(/\.pyi$/, '/__init__.pyi')} and stub the submodules, or delete it`,
      });
    }
  }
  return { changes: [], diagnostics };
}
