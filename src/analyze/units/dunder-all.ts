// The module's static `__all__`: literal list/tuple assignments plus `+=`, `.extend([...])` and `.append("x")`
// with literals, in source order. Anything else that touches `__all__` makes it computed (no static list).

import type { SyntaxNode } from '../../read/parse-python.js';
import { readPlainString } from '../dependencies/string-references.js';

export interface DunderAllFacts {
  /** The literal names, or null when `__all__` is absent or computed. */
  readonly names: readonly string[] | null;
  readonly computed: boolean;
  /** Units whose statements make `__all__` computed (flagged `reflective`). */
  readonly computedUnits: ReadonlySet<number>;
}

/** What a unit contributes: its statements and what scope analysis says it binds at module level. */
export interface DunderAllInput {
  readonly index: number;
  readonly statements: readonly SyntaxNode[];
  readonly binds: readonly string[];
  readonly globalWrites: readonly string[];
}

/**
 * Follow every statement that writes `__all__`.
 *
 * @example
 * // `__all__ = ["a"]` then `__all__ += ("b",)` gives names ["a", "b"];
 * // `__all__ = [n for n in dir() if n.isupper()]` gives names null, computed true.
 */
export function findDunderAll(units: readonly DunderAllInput[]): DunderAllFacts {
  let names: string[] | null = null;
  let present = false;
  const computedUnits = new Set<number>();
  for (const unit of units) {
    const writes = unit.binds.includes('__all__') || unit.globalWrites.includes('__all__');
    for (const statement of unit.statements) {
      const effect = readDunderAllStatement(statement);
      if (effect === 'none') {
        if (writes || mutatesDunderAll(statement)) computedUnits.add(unit.index);
        continue;
      }
      present = true;
      if (effect === 'computed') computedUnits.add(unit.index);
      else if (effect.replace) names = [...effect.names];
      else if (names) names.push(...effect.names);
      else computedUnits.add(unit.index); // `__all__ += [...]` before any assignment: from a star import or similar.
    }
    if (writes) present = true;
  }
  const computed = computedUnits.size > 0;
  return { names: present && !computed ? names : null, computed, computedUnits };
}

type Effect = 'none' | 'computed' | { readonly replace: boolean; readonly names: readonly string[] };

/** A top-level `__all__ = [...]`, `__all__: list[str] = [...]`, `__all__ += [...]`, `__all__.extend/append(...)`. */
function readDunderAllStatement(statement: SyntaxNode): Effect {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return 'none';
  const expr = statement.namedChild(0) as SyntaxNode;
  if (expr.type === 'assignment' || expr.type === 'augmented_assignment') {
    if (expr.childForFieldName('left')?.text !== '__all__') return 'none';
    const right = expr.childForFieldName('right');
    const literal = right ? readStringSequence(right) : null;
    if (!literal) return 'computed';
    if (expr.type === 'assignment') return { replace: true, names: literal };
    return expr.childForFieldName('operator')?.text === '+=' || expr.children.some((c) => c?.type === '+=')
      ? { replace: false, names: literal }
      : 'computed';
  }
  if (expr.type === 'call') {
    const fn = expr.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== '__all__') return 'none';
    const method = fn.childForFieldName('attribute')?.text;
    const args = (expr.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a) => a?.type !== 'comment',
    );
    const arg = args[0];
    if (args.length === 1 && arg && method === 'extend') {
      const literal = readStringSequence(arg);
      return literal ? { replace: false, names: literal } : 'computed';
    }
    if (args.length === 1 && arg && method === 'append') {
      const one = readName(arg);
      return one !== null ? { replace: false, names: [one] } : 'computed';
    }
    return 'computed';
  }
  return 'none';
}

/** `__all__.anything(...)` or `__all__[...] = ...` nested anywhere in the statement (a loop, a condition). */
function mutatesDunderAll(statement: SyntaxNode): boolean {
  if (statement.type === 'function_definition' || statement.type === 'class_definition') return false;
  if (
    (statement.type === 'attribute' || statement.type === 'subscript') &&
    (statement.childForFieldName('object') ?? statement.childForFieldName('value'))?.text === '__all__'
  ) {
    return true;
  }
  return statement.namedChildren.some((child) => child !== null && mutatesDunderAll(child));
}

function readStringSequence(node: SyntaxNode): string[] | null {
  if (node.type !== 'list' && node.type !== 'tuple') return null;
  const out: string[] = [];
  for (const item of node.namedChildren) {
    if (!item || item.type === 'comment') continue;
    const name = readName(item);
    if (name === null) return null;
    out.push(name);
  }
  return out;
}

function readName(node: SyntaxNode): string | null {
  const plain = readPlainString(node);
  if (!plain || plain.text.includes('\\')) return null;
  return plain.text;
}
