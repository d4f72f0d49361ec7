// Syntactic recognizers for the flags of a top-level unit (docstring, import blocks, TYPE_CHECKING, fallbacks,
// main block, reflection, noqa). Scoping is not done here: what a statement binds and uses comes from scope analysis.

import type { SyntaxNode } from '../../read/parse-python.js';
import { isImportStatement } from './import-bindings.js';

/** A plain (non-f) string or implicit concatenation of them as a whole expression statement: a docstring. */
export function isStringStatement(node: SyntaxNode): boolean {
  if (node.type !== 'expression_statement' || node.namedChildCount !== 1) return false;
  const value = node.namedChild(0);
  if (!value) return false;
  const strings = value.type === 'concatenated_string' ? value.namedChildren : [value];
  return strings.every(
    (s) => s?.type === 'string' && !s.namedChildren.some((c) => c?.type === 'interpolation'),
  );
}

/** `if __name__ == "__main__":` (either operand order, either quote). */
export function isMainBlock(node: SyntaxNode): boolean {
  if (node.type !== 'if_statement') return false;
  const condition = node.childForFieldName('condition');
  if (condition?.type !== 'comparison_operator' || condition.namedChildCount !== 2) return false;
  if (!condition.children.some((c) => c?.type === '==')) return false;
  const texts = condition.namedChildren.map((c) => c?.text ?? '');
  return texts.includes('__name__') && texts.some((t) => /^(['"])__main__\1$/.test(t));
}

/** `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:` (any alias of the typing module). */
export function isTypeCheckingBlock(node: SyntaxNode): boolean {
  if (node.type !== 'if_statement') return false;
  const condition = node.childForFieldName('condition');
  if (!condition) return false;
  if (condition.type === 'identifier') return condition.text === 'TYPE_CHECKING';
  return condition.type === 'attribute' && condition.childForFieldName('attribute')?.text === 'TYPE_CHECKING';
}

/** The statement blocks of a compound statement's branches (if/elif/else, try/except/else/finally, ...). */
export function findBranchBlocks(node: SyntaxNode): SyntaxNode[] {
  const blocks: SyntaxNode[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'block') blocks.push(child);
    else if (/_clause$/.test(child.type) && child.type !== 'with_clause') {
      for (const inner of child.namedChildren) if (inner?.type === 'block') blocks.push(inner);
    }
  }
  return blocks;
}

/**
 * A statement made only of imports: an import, or an if/try whose every branch holds imports (plus `pass` and,
 * in an `except` branch, fallback assignments of a constant such as `yaml = None`), with at least one import.
 */
export function isImportOnly(node: SyntaxNode): boolean {
  if (isImportStatement(node)) return true;
  if (node.type !== 'if_statement' && node.type !== 'try_statement') return false;
  let imports = 0;
  for (const block of findBranchBlocks(node)) {
    const inExcept = block.parent?.type === 'except_clause' || block.parent?.type === 'except_group_clause';
    for (const statement of block.namedChildren) {
      if (!statement || statement.type === 'comment' || statement.type === 'pass_statement') continue;
      if (isImportOnly(statement)) imports++;
      else if (!(inExcept && isConstantFallback(statement))) return false;
    }
  }
  return imports > 0;
}

/** `name = None` / `= False` / `= ()` ...: what an except branch sets when an optional import is missing. */
function isConstantFallback(statement: SyntaxNode): boolean {
  if (statement.type !== 'expression_statement') return false;
  const assignment = statement.namedChild(0);
  if (assignment?.type !== 'assignment') return false;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  return (
    left?.type === 'identifier' &&
    right !== null &&
    /^(none|true|false|integer|float|string|tuple|list|dictionary)$/.test(right.type) &&
    (right.type === 'string' || right.namedChildCount === 0)
  );
}

/**
 * Names bound directly in a block (not inside nested def/class bodies): enough to tell which branches of a
 * top-level if/try bind a name that scope analysis already reported for the whole statement.
 */
export function collectBlockBindings(block: SyntaxNode, out = new Set<string>()): Set<string> {
  const visit = (node: SyntaxNode, target: boolean): void => {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) out.add(name.text);
        return;
      }
      case 'lambda':
        return;
      case 'import_statement':
      case 'import_from_statement':
        for (const clause of node.childrenForFieldName('name')) {
          if (!clause) continue;
          const alias = clause.type === 'aliased_import' ? clause.childForFieldName('alias') : null;
          out.add(alias ? alias.text : (clause.text.split('.')[0] as string));
        }
        return;
      case 'identifier':
        if (target) out.add(node.text);
        return;
      case 'attribute':
      case 'subscript':
        return;
      case 'assignment':
      case 'augmented_assignment':
        for (const left of node.childrenForFieldName('left')) if (left) visit(left, true);
        for (const right of node.childrenForFieldName('right')) if (right) visit(right, false);
        return;
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left) visit(left, true);
        break;
      }
      case 'as_pattern_target':
      case 'named_expression':
        visit(node.namedChild(0) as SyntaxNode, true);
        return;
    }
    for (const child of node.namedChildren) if (child) visit(child, target);
  };
  visit(block, false);
  return out;
}

/**
 * Reflective code, found syntactically: `globals()` anywhere, `vars()`/`locals()` without arguments outside
 * functions, `exec(...)`/`eval(...)`, and `sys.modules[__name__]`. Names the module binds itself are not builtins.
 */
export function findReflection(statement: SyntaxNode, moduleNames: ReadonlySet<string>): string | null {
  let found: string | null = null;
  const visit = (node: SyntaxNode, inFunction: boolean): void => {
    if (found) return;
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      const name = fn?.type === 'identifier' ? fn.text : '';
      const noArgs = args?.namedChildCount === 0;
      if (!moduleNames.has(name)) {
        if (name === 'globals' || name === 'exec' || name === 'eval') found = `${name}()`;
        else if ((name === 'vars' || name === 'locals') && noArgs && !inFunction) found = `${name}()`;
      }
    } else if (node.type === 'subscript') {
      const value = node.childForFieldName('value');
      const index = node.childForFieldName('subscript');
      if (value?.text.replace(/\s/g, '') === 'sys.modules' && index?.text === '__name__')
        found = 'sys.modules[__name__]';
    }
    const nested = inFunction || node.type === 'function_definition' || node.type === 'lambda';
    for (const child of node.namedChildren) if (child) visit(child, nested);
  };
  visit(statement, false);
  return found;
}

/** Whether a `# noqa` comment on the given lines silences F401 (bare `# noqa` or a code list with F401). */
export function hasNoqaUnusedImport(lines: string): boolean {
  for (const m of lines.matchAll(/#\s*noqa\b(?::?\s*([A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?/gi)) {
    const codes = m[1];
    if (!codes || /\bF401\b/i.test(codes)) return true;
  }
  return false;
}

/** How a top-level statement touches a module-level name without rebinding it. */
export interface NameMutation {
  readonly name: string;
  /** `assign`: `Foo.extra = 1`, `REGISTRY["k"] = f`, `del CACHE[k]`; `call`: `HANDLERS.append(h)`. */
  readonly how: 'assign' | 'call';
}

/**
 * Module-level names whose attribute or item a top-level statement assigns or deletes, or on which it calls a
 * method: `Foo.extra = 1`, `REGISTRY["k"] = f`, `del CACHE[k]`, `HANDLERS.append(h)`. Function bodies are not
 * looked at (that is call-time code).
 */
export function collectNameMutations(statement: SyntaxNode): NameMutation[] {
  const out: NameMutation[] = [];
  const base = (node: SyntaxNode | null, how: NameMutation['how']): void => {
    let n = node;
    while (n && (n.type === 'attribute' || n.type === 'subscript')) {
      n = n.type === 'attribute' ? n.childForFieldName('object') : n.childForFieldName('value');
    }
    if (n?.type === 'identifier' && !out.some((m) => m.name === n.text && m.how === how)) {
      out.push({ name: n.text, how });
    }
  };
  const targets = (node: SyntaxNode): void => {
    if (node.type === 'attribute' || node.type === 'subscript') base(node, 'assign');
    else if (
      /^(pattern_list|tuple_pattern|list_pattern|tuple|list|expression_list|parenthesized_expression)$/.test(
        node.type,
      )
    ) {
      for (const child of node.namedChildren) if (child) targets(child);
    }
  };
  if (statement.type === 'expression_statement') {
    for (const expr of statement.namedChildren) {
      if (!expr) continue;
      if (expr.type === 'assignment' || expr.type === 'augmented_assignment') {
        let current: SyntaxNode | null = expr;
        while (current && (current.type === 'assignment' || current.type === 'augmented_assignment')) {
          const left = current.childForFieldName('left');
          if (left) targets(left);
          current = current.childForFieldName('right');
        }
      } else if (expr.type === 'call') {
        const fn = expr.childForFieldName('function');
        if (fn?.type === 'attribute') base(fn.childForFieldName('object'), 'call');
      }
    }
  } else if (statement.type === 'delete_statement') {
    for (const child of statement.namedChildren) if (child) targets(child);
  }
  return out;
}
