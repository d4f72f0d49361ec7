// Top-level units of a parsed module: placement (unit-layout), import bindings, scope facts merged per unit, and
// flags. Scoping itself comes from analyze/dependencies (StatementFacts); the import-time closure and grouping are
// separate steps (import-time-closure.ts, group-units.ts).

import type { SourceFile } from '../../model/source.js';
import type { Dependency, TopLevelUnit, UnitFlag } from '../../model/units.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import type { StatementFacts } from '../dependencies/statement-facts.js';
import { findDunderAll } from './dunder-all.js';
import { collectImportBindings } from './import-bindings.js';
import {
  collectBlockBindings,
  collectNameMutations,
  findBranchBlocks,
  findReflection,
  hasNoqaUnusedImport,
  isImportOnly,
  isMainBlock,
  isStringStatement,
  isTypeCheckingBlock,
} from './unit-flags.js';
import { collectUnitSpans, type UnitSpan } from './unit-layout.js';

const isDunder = (name: string) => /^__\w+__$/.test(name);

const modulePathNames = new Set(['__file__', '__name__', '__package__', '__spec__']);

/** Facts of one unit (several statements on one line are merged), before flags. */
interface MergedFacts {
  readonly binds: string[];
  readonly rebinds: string[];
  readonly deletes: string[];
  readonly globalWrites: string[];
  readonly uses: Dependency[];
}

/** A unit together with its syntax, for later steps that need the nodes (valid while the tree lives). */
export interface UnitSyntax {
  readonly unit: TopLevelUnit;
  readonly span: UnitSpan;
  readonly facts: readonly StatementFacts[];
}

/**
 * Collect the top-level units of a module. `facts` must be `collectStatementFacts(root)` (one entry per
 * top-level statement, in order); they are matched to statements by start offset.
 *
 * @example
 * // `@admin.register(Repo)\nclass RepoAdmin(admin.ModelAdmin): ...` is one unit: nodeType
 * // `decorated_definition`, definition {name: 'RepoAdmin', kind: 'class'}, binds ['RepoAdmin'].
 */
export function collectTopLevelUnits(
  source: SourceFile,
  root: SyntaxNode,
  facts: readonly StatementFacts[],
): TopLevelUnit[] {
  return collectUnitSyntax(source, root, facts).map((u) => u.unit);
}

/** Like collectTopLevelUnits, keeping each unit's span and per-statement facts. */
export function collectUnitSyntax(
  source: SourceFile,
  root: SyntaxNode,
  facts: readonly StatementFacts[],
): UnitSyntax[] {
  const factsByStart = new Map(facts.map((f) => [f.start, f]));
  const spans = collectUnitSpans(source, root);
  const firstStatement = spans[0]?.statements[0];
  const perUnit = spans.map((span) =>
    span.statements.map((s) => factsByStart.get(s.startIndex) ?? emptyFacts(s)),
  );
  const merged = perUnit.map(mergeFacts);

  const moduleNames = new Set(merged.flatMap((m) => m.binds));
  const usedNames = new Set(merged.flatMap((m) => m.uses.map((u) => u.name)));
  const dunderAll = findDunderAll(
    spans.map((span, index) => ({
      index,
      statements: span.statements,
      binds: (merged[index] as MergedFacts).binds,
      globalWrites: (merged[index] as MergedFacts).globalWrites,
    })),
  );
  for (const name of dunderAll.names ?? []) usedNames.add(name);

  return spans.map((span, index) => {
    const m = merged[index] as MergedFacts;
    const first = span.statements[0] as SyntaxNode;
    const imports = span.statements.flatMap(collectImportBindings);
    const flags = new Set<UnitFlag>();
    const isDocstring = first === firstStatement && index === 0 && isStringStatement(first);
    if (isDocstring) flags.add('docstring');
    if (span.statements.some((s) => s.type === 'future_import_statement')) flags.add('future-import');
    const importOnly = span.statements.every(isImportOnly);
    if (importOnly) flags.add('import');
    const touchesDunder = span.statements.some((s) => collectNameMutations(s).some((x) => isDunder(x.name)));
    if (m.binds.some(isDunder) || touchesDunder) flags.add('module-dunder');
    if (isMainBlock(first)) flags.add('main-block');
    if (importOnly && !flags.has('future-import')) {
      const names = imports.filter((b) => b.name !== '*').map((b) => b.name);
      const lines = source.text.slice(source.lineStarts[span.line - 1], lineEnd(source, span.endLine));
      const unused = names.length > 0 && names.every((n) => !usedNames.has(n));
      if (hasNoqaUnusedImport(lines) || unused) flags.add('side-effect-import');
    }
    if (isTypeCheckingBlock(first)) flags.add('type-checking');
    if (first.type === 'try_statement' && bindsInTwoBranches(first, m.binds)) flags.add('fallback');
    if (
      first.type === 'if_statement' &&
      !isMainBlock(first) &&
      !isTypeCheckingBlock(first) &&
      m.binds.length > 0
    ) {
      flags.add('conditional');
    }
    if (dunderAll.computedUnits.has(index) || span.statements.some((s) => findReflection(s, moduleNames))) {
      flags.add('reflective');
    }
    if (m.uses.some((u) => modulePathNames.has(u.name))) flags.add('module-path');
    const bindsNothing = m.binds.length === 0 && m.deletes.length === 0 && m.globalWrites.length === 0;
    if (
      bindsNothing &&
      !isDocstring &&
      !importOnly &&
      !isMainBlock(first) &&
      span.statements.some(runsCode)
    ) {
      flags.add('side-effect');
    }

    const definition = findDefinition(first);
    const unit: TopLevelUnit = {
      index,
      range: span.range,
      statementRange: span.statementRange,
      line: span.line,
      endLine: span.endLine,
      nodeType: first.type,
      ...(definition ? { definition } : {}),
      binds: m.binds,
      rebinds: m.rebinds,
      deletes: m.deletes,
      globalWrites: m.globalWrites,
      imports,
      uses: m.uses,
      flags: unitFlagOrder.filter((f) => flags.has(f)),
    };
    return { unit, span, facts: perUnit[index] as StatementFacts[] };
  });
}

/** Flags are listed in this order (the order of the UnitFlag type). */
const unitFlagOrder: readonly UnitFlag[] = [
  'docstring',
  'future-import',
  'import',
  'module-dunder',
  'main-block',
  'side-effect-import',
  'type-checking',
  'fallback',
  'conditional',
  'reflective',
  'module-path',
  'side-effect',
];

function emptyFacts(node: SyntaxNode): StatementFacts {
  return {
    start: node.startIndex,
    end: node.endIndex,
    binds: [],
    rebinds: [],
    deletes: [],
    globalWrites: [],
    uses: [],
    importTimeCalls: [],
  };
}

function mergeFacts(facts: readonly StatementFacts[]): MergedFacts {
  const union = (pick: (f: StatementFacts) => readonly string[]) => [...new Set(facts.flatMap(pick))];
  const uses: Dependency[] = [];
  const seen = new Set<string>();
  for (const use of facts.flatMap((f) => f.uses)) {
    const key = `${use.name}\u0000${use.when}`;
    if (seen.has(key)) continue;
    seen.add(key);
    uses.push(use);
  }
  return {
    binds: union((f) => f.binds),
    rebinds: union((f) => f.rebinds),
    deletes: union((f) => f.deletes),
    globalWrites: union((f) => f.globalWrites),
    uses,
  };
}

function findDefinition(node: SyntaxNode): TopLevelUnit['definition'] {
  const def = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (def?.type !== 'function_definition' && def?.type !== 'class_definition') return undefined;
  const name = def.childForFieldName('name');
  if (!name) return undefined;
  return { name: name.text, kind: def.type === 'class_definition' ? 'class' : 'function' };
}

/** Whether two branches of a try statement (body, except, else) bind the same module-level name. */
function bindsInTwoBranches(node: SyntaxNode, binds: readonly string[]): boolean {
  if (binds.length === 0) return false;
  const branches = findBranchBlocks(node)
    .filter((block) => block.parent?.type !== 'finally_clause')
    .map((block) => collectBlockBindings(block));
  return binds.some((name) => branches.filter((bound) => bound.has(name)).length >= 2);
}

/** Whether a statement does something when run (not `pass`, `...` or a bare string). */
function runsCode(node: SyntaxNode): boolean {
  if (node.type === 'pass_statement') return false;
  if (node.type === 'expression_statement' && node.namedChildCount === 1) {
    const expr = node.namedChild(0);
    if (expr?.type === 'ellipsis' || isStringStatement(node)) return false;
  }
  return true;
}

function lineEnd(source: SourceFile, line: number): number {
  return line < source.lineStarts.length ? (source.lineStarts[line] as number) : source.text.length;
}
