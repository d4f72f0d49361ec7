// analyzeModule: SourceFile -> ModuleAnalysis (units with scope facts and the import-time closure, groups,
// bindings, `__all__`, future annotations). Pure apart from parsing; reading files is the read stage's job.

import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceFile } from '../model/source.js';
import type { ModuleAnalysis, StoredReference } from '../model/units.js';
import { parseModule } from '../read/read-module.js';
import { collectStatementFacts, findFutureAnnotations, type StatementFacts } from './dependencies/index.js';
import { collectUnitSyntax } from './units/collect-top-level-units.js';
import { findDunderAll } from './units/dunder-all.js';
import { collectUnitGroups } from './units/group-units.js';
import { addImportTimeClosure, mergeImportTimeCalls } from './units/import-time-closure.js';
import { collectNameMutations } from './units/unit-flags.js';

/** The analysis, or (on a syntax error) only the diagnostics that explain why there is none. */
export interface AnalyzeModuleResult {
  readonly analysis?: ModuleAnalysis;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parse and analyze one module. Never throws for problems in the user's code: a syntax error is MS102.
 *
 * @example
 * const read = await readSourceFile('/p/app/models.py', 'app/models.py');
 * if (read.ok) {
 *   const { analysis, diagnostics } = await analyzeModule(read.source);
 *   analysis?.groups.filter((g) => g.units.length > 1).forEach((g) => console.log(g.reason));
 * }
 */
export async function analyzeModule(source: SourceFile): Promise<AnalyzeModuleResult> {
  const parsed = await parseModule(source);
  if (!parsed.ok) return { diagnostics: [parsed.diagnostic] };
  try {
    const root = parsed.tree.rootNode;
    const facts = collectStatementFacts(root);
    const syntax = collectUnitSyntax(source, root, facts);
    const direct = syntax.map((s) => s.unit);
    const calls = syntax.map((s) => mergeImportTimeCalls(s.facts));
    const units = addImportTimeClosure(direct, calls).map((unit, i) => ({
      ...unit,
      importTimeCalls: calls[i] ?? [],
      ...mergeStoredReferences(syntax[i]?.facts ?? []),
    }));
    const groups = collectUnitGroups(
      units,
      syntax.map((s) => s.span.statements.flatMap(collectNameMutations)),
    );
    const dunderAll = findDunderAll(
      syntax.map((s) => ({
        index: s.unit.index,
        statements: s.span.statements,
        binds: s.unit.binds,
        globalWrites: s.unit.globalWrites,
      })),
    );
    // A Map first: names such as `constructor` or `__proto__` must not meet Object.prototype.
    const binders = new Map<string, number[]>();
    for (const unit of units) {
      for (const name of unit.binds) binders.set(name, [...(binders.get(name) ?? []), unit.index]);
    }
    const bindings = Object.fromEntries(binders);
    const analysis: ModuleAnalysis = {
      source,
      units,
      groups,
      bindings,
      futureAnnotations: findFutureAnnotations(root),
      dunderAll: dunderAll.names,
      dunderAllComputed: dunderAll.computed,
      diagnostics: [],
    };
    return { analysis, diagnostics: [] };
  } finally {
    parsed.tree.delete();
  }
}

/** A unit's stored references: names stored by every one of its statements that reference them at import time. */
function mergeStoredReferences(facts: readonly StatementFacts[]): { storedReferences?: StoredReference[] } {
  const into = new Map<string, Set<string>>();
  const touched = new Set<string>();
  for (const statement of facts) {
    const stored = new Map((statement.storedReferences ?? []).map((r) => [r.name, r.into]));
    for (const use of statement.uses) {
      if (use.when !== 'import-time') continue;
      const where = stored.get(use.name);
      if (where === undefined) touched.add(use.name);
      else into.set(use.name, new Set([...(into.get(use.name) ?? []), ...where]));
    }
  }
  const storedReferences = [...into]
    .filter(([name]) => !touched.has(name))
    .map(([name, names]) => ({ name, into: [...names] }));
  return storedReferences.length > 0 ? { storedReferences } : {};
}
