// Test helper: check what every proposed plan must satisfy, from the analysis alone (not from proposePlan's own
// bookkeeping): completeness, an acyclic file import graph in file order, and usable file names.

import type { SplitPlan } from '../../../src/model/plan.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';

const KEYWORDS = new Set([
  'class',
  'def',
  'import',
  'from',
  'for',
  'if',
  'in',
  'is',
  'not',
  'or',
  'and',
  'type',
]);

/** Names a plan must place: every name bound by a statement that is not an import, the docstring or a main block. */
export function collectDefinedNames(analysis: ModuleAnalysis): string[] {
  const names: string[] = [];
  for (const unit of analysis.units) {
    const importLike = unit.flags.some((f) => f === 'import' || f === 'future-import' || f === 'docstring');
    if (importLike && unit.definition === undefined) continue;
    for (const name of unit.binds) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Problems with `plan`, as sentences; empty when it is complete, acyclic in file order and well named. */
export function findPlanProblems(analysis: ModuleAnalysis, plan: SplitPlan): string[] {
  const problems: string[] = [];
  const fileOf = new Map<string, string>();
  for (const [file, names] of Object.entries(plan.files)) {
    for (const name of names) {
      if (fileOf.has(name)) problems.push(`${name} is in ${fileOf.get(name)} and ${file}`);
      fileOf.set(name, file);
    }
  }
  for (const name of collectDefinedNames(analysis)) {
    if (!fileOf.has(name)) problems.push(`${name} is not placed`);
  }
  for (const name of fileOf.keys()) {
    if (!collectDefinedNames(analysis).includes(name)) problems.push(`${name} is placed but not defined`);
  }
  // File graph from the name graph: every non-string dependency between files becomes an import.
  const order = Object.keys(plan.files);
  const position = new Map(order.map((file, i) => [file, i]));
  const edges = new Set<string>();
  for (const unit of analysis.units) {
    const from = unit.binds.map((n) => fileOf.get(n)).find((f) => f !== undefined);
    if (from === undefined || from === '__init__.py') continue;
    for (const use of unit.uses) {
      if (use.when === 'string-ref') continue;
      const to = fileOf.get(use.name);
      if (to === undefined || to === from || to === '__init__.py') continue;
      edges.add(`${from} -> ${to}`);
      if ((position.get(to) ?? 0) > (position.get(from) ?? 0)) {
        problems.push(`${from} imports the later file ${to} (for ${use.name}): the order is not topological`);
      }
    }
  }
  if (
    hasCycle(
      order,
      [...edges].map((e) => e.split(' -> ') as [string, string]),
    )
  ) {
    problems.push('the file import graph has a cycle');
  }
  const seen = new Set<string>();
  for (const file of order) {
    if (file === '__init__.py') continue;
    const stem = file.replace(/\.py$/, '');
    if (!file.endsWith('.py') || !/^[a-z_][a-z0-9_]*$/.test(stem))
      problems.push(`${file} is not a snake_case module`);
    if (KEYWORDS.has(stem)) problems.push(`${file} is a keyword`);
    if (analysis.bindings[stem]) problems.push(`${file} collides with the module's name ${stem}`);
    if (seen.has(stem.toLowerCase())) problems.push(`${file} collides with another file`);
    seen.add(stem.toLowerCase());
  }
  return problems;
}

function hasCycle(nodes: readonly string[], edges: readonly (readonly [string, string])[]): boolean {
  const state = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  const visit = (node: string): boolean => {
    state.set(node, 1);
    for (const target of next.get(node) ?? []) {
      if (state.get(target) === 1) return true;
      if (!state.has(target) && visit(target)) return true;
    }
    state.set(node, 2);
    return false;
  };
  return nodes.some((node) => !state.has(node) && visit(node));
}
