// The names a top-level import statement binds, with each clause's range (for trimming), including imports nested
// in module-level blocks (`if TYPE_CHECKING:`, try/except ImportError). Imports inside def/class bodies are not
// module-level bindings and are skipped. Syntax only: whether a name is used is decided elsewhere.

import type { ImportBinding } from '../../model/units.js';
import type { SyntaxNode } from '../../read/parse-python.js';

const importTypes = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** Whether `node` is an import statement (`import`, `from ... import`, `from __future__ import`). */
export function isImportStatement(node: SyntaxNode): boolean {
  return importTypes.has(node.type);
}

/**
 * Every module-level name bound by imports in `statement`, in source order.
 *
 * @example
 * // `from ..a import (b as c,  # note\n d)` gives
 * // [{name: 'c', module: '..a', imported: 'b', level: 2, range: <"b as c">},
 * //  {name: 'd', module: '..a', imported: 'd', level: 2, range: <"d">}]
 * // `import a.b.c` gives [{name: 'a', module: 'a.b.c', imported: null, level: 0, range: <"a.b.c">}]
 */
export function collectImportBindings(statement: SyntaxNode): ImportBinding[] {
  const out: ImportBinding[] = [];
  visit(statement, out);
  return out;
}

function visit(node: SyntaxNode, out: ImportBinding[]): void {
  switch (node.type) {
    case 'import_statement':
      collectPlainImport(node, out);
      return;
    case 'import_from_statement':
    case 'future_import_statement':
      collectFromImport(node, out);
      return;
    case 'function_definition':
    case 'class_definition':
    case 'decorated_definition':
    case 'lambda':
      return;
    default:
      for (const child of node.namedChildren) if (child && isStatementContainer(child)) visit(child, out);
  }
}

/** Nodes that can hold statements: blocks and the clauses of compound statements. */
function isStatementContainer(node: SyntaxNode): boolean {
  return (
    node.type === 'block' ||
    node.type.endsWith('_statement') ||
    node.type.endsWith('_clause') ||
    node.type === 'case_clause' ||
    node.type === 'match_block'
  );
}

function collectPlainImport(node: SyntaxNode, out: ImportBinding[]): void {
  for (const clause of node.childrenForFieldName('name')) {
    if (!clause) continue;
    if (clause.type === 'aliased_import') {
      const dotted = clause.childForFieldName('name');
      const alias = clause.childForFieldName('alias');
      if (!dotted || !alias) continue;
      out.push(binding(alias.text, dottedText(dotted), null, 0, clause));
    } else {
      const module = dottedText(clause);
      out.push(binding(module.split('.')[0] as string, module, null, 0, clause));
    }
  }
}

function collectFromImport(node: SyntaxNode, out: ImportBinding[]): void {
  const moduleNode = node.childForFieldName('module_name');
  const module =
    node.type === 'future_import_statement' ? '__future__' : moduleNode ? dottedText(moduleNode) : '';
  const level = /^\.*/.exec(module)?.[0].length ?? 0;
  for (const child of node.namedChildren) {
    if (child?.type === 'wildcard_import') out.push(binding('*', module, '*', level, child));
  }
  // Node wrappers are not identical across calls, so the imported names are found by field, not by exclusion.
  for (const clause of node.childrenForFieldName('name')) {
    if (!clause) continue;
    if (clause.type === 'aliased_import') {
      const name = clause.childForFieldName('name');
      const alias = clause.childForFieldName('alias');
      if (name && alias) out.push(binding(alias.text, module, dottedText(name), level, clause));
    } else {
      const name = dottedText(clause);
      out.push(binding(name, module, name, level, clause));
    }
  }
}

/** A dotted or relative module name as Python sees it: whitespace, comments and line continuations removed. */
function dottedText(node: SyntaxNode): string {
  if (node.childCount === 0) return node.text;
  let out = '';
  for (const child of node.children) {
    if (!child || child.type === 'comment' || child.type === 'line_continuation') continue;
    out += dottedText(child);
  }
  return out;
}

function binding(
  name: string,
  module: string,
  imported: string | null,
  level: number,
  clause: SyntaxNode,
): ImportBinding {
  return { name, module, imported, level, range: { start: clause.startIndex, end: clause.endIndex } };
}
