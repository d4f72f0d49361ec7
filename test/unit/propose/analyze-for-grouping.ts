// Test helper: a ModuleAnalysis built from the real scope analysis (collectStatementFacts), one unit per top-level
// statement, grouped by shared bindings. A stand-in until analyzeModule lands; no import-time closure, no comments.

import { collectStatementFacts } from '../../../src/analyze/dependencies/index.js';
import { computeLineStarts, positionAt } from '../../../src/model/text.js';
import type { ModuleAnalysis, TopLevelUnit, UnitFlag, UnitGroup } from '../../../src/model/units.js';
import { withParsedPython } from '../../../src/read/parse-python.js';
import { sourceFromText } from '../../../src/read/source-file.js';

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** Analyze `text` as module `path` with the real scope analysis and a simple unit layout. */
export async function analyzeForGrouping(path: string, text: string): Promise<ModuleAnalysis> {
  const source = sourceFromText(path, text);
  const lineStarts = computeLineStarts(source.text);
  return withParsedPython(source.text, (root) => {
    const facts = collectStatementFacts(root);
    const statements = root.namedChildren.filter((node) => node && node.type !== 'comment');
    const units: TopLevelUnit[] = facts.map((fact, index) => {
      const node = statements[index];
      const type = node?.type ?? 'unknown';
      const inner = type === 'decorated_definition' ? node?.childForFieldName('definition') : node;
      const kind =
        inner?.type === 'class_definition'
          ? 'class'
          : inner?.type === 'function_definition'
            ? 'function'
            : null;
      const name = inner?.childForFieldName('name')?.text;
      const flags: UnitFlag[] = [];
      if (IMPORT_TYPES.has(type)) flags.push(type === 'future_import_statement' ? 'future-import' : 'import');
      if (index === 0 && type === 'expression_statement' && node?.namedChildren[0]?.type === 'string') {
        flags.push('docstring');
      }
      if (type === 'if_statement' && /__name__\s*==/.test(node?.childForFieldName('condition')?.text ?? '')) {
        flags.push('main-block');
      }
      if (fact.binds.length > 0 && fact.binds.every((b) => /^__\w+__$/.test(b))) flags.push('module-dunder');
      if (fact.binds.length === 0 && flags.length === 0) flags.push('side-effect');
      const start = lineStarts[positionAt(lineStarts, fact.start).line - 1] ?? fact.start;
      const endLine = positionAt(lineStarts, Math.max(fact.start, fact.end - 1)).line;
      const end = lineStarts[endLine] ?? source.text.length;
      return {
        index,
        range: { start, end },
        statementRange: { start: fact.start, end: fact.end },
        line: positionAt(lineStarts, fact.start).line,
        endLine,
        nodeType: type,
        ...(kind && name ? { definition: { name, kind } } : {}),
        binds: fact.binds,
        rebinds: fact.rebinds,
        deletes: fact.deletes,
        globalWrites: fact.globalWrites,
        imports: [],
        uses: fact.uses,
        flags,
      };
    });
    const parent = units.map((_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] as number;
      return x;
    };
    const bindings: Record<string, number[]> = {};
    for (const unit of units) {
      for (const name of [...unit.binds, ...unit.deletes]) {
        const list = bindings[name] ?? [];
        bindings[name] = list;
        if (list.length > 0) {
          const a = find(list[0] as number);
          const b = find(unit.index);
          parent[Math.max(a, b)] = Math.min(a, b);
        }
        if (!list.includes(unit.index)) list.push(unit.index);
      }
    }
    const byRoot = new Map<number, number[]>();
    for (const unit of units) {
      const root = find(unit.index);
      const list = byRoot.get(root) ?? [];
      list.push(unit.index);
      byRoot.set(root, list);
    }
    const groups: UnitGroup[] = [...byRoot.values()].map((list, id) => {
      const names: string[] = [];
      for (const i of list) for (const n of units[i]?.binds ?? []) if (!names.includes(n)) names.push(n);
      return { id, units: list, names, reason: list.length > 1 ? 'bind the same names' : '' };
    });
    return {
      source,
      units,
      groups,
      bindings,
      futureAnnotations: false,
      dunderAll: null,
      dunderAllComputed: false,
      diagnostics: [],
    };
  });
}
