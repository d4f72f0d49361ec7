// Python name resolution, just enough to tell which scope a name refers to at a given node: function, lambda, class
// and comprehension scopes, `global`/`nonlocal`, and the places that bind a name. No flow analysis: like Python's
// own compiler, any binding anywhere in a scope makes the name local to the whole scope.

import type { SyntaxNode } from '../../read/parse-python.js';
import { wordPattern } from '../../read/project-files.js';
import { sameNode } from './python-syntax.js';

const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Parameter-list node types whose identifiers bind in the function (or lambda) that owns the list. */
const PARAMETER_LISTS = new Set(['parameters', 'lambda_parameters']);

function firstForIn(comprehension: SyntaxNode): SyntaxNode | undefined {
  return comprehension.namedChildren.find((c) => c?.type === 'for_in_clause') ?? undefined;
}

/**
 * The innermost scope whose code contains `node`: a `function_definition`, `lambda` or `class_definition` when
 * `node` is in its body, a comprehension (except its first iterable, which the enclosing scope evaluates), else the
 * module. Decorators, default values, annotations and base classes belong to the enclosing scope.
 */
export function scopeOf(node: SyntaxNode): SyntaxNode {
  let child = node;
  let skipComprehension = false;
  let parent = node.parent;
  for (; parent; child = parent, parent = parent.parent) {
    const type = parent.type;
    if (type === 'function_definition' || type === 'class_definition' || type === 'lambda') {
      if (sameNode(parent.childForFieldName('body'), child)) return parent;
    } else if (type === 'for_in_clause') {
      const comprehension = parent.parent;
      skipComprehension =
        !!comprehension &&
        sameNode(parent.childForFieldName('right'), child) &&
        sameNode(firstForIn(comprehension), parent);
    } else if (COMPREHENSIONS.has(type)) {
      if (!skipComprehension) return parent;
      skipComprehension = false;
    }
  }
  return child;
}

type Declaration = 'local' | 'global' | 'nonlocal';

/** Walk up from an identifier through destructuring patterns to the statement that binds it, if any. */
function bindingOwner(identifier: SyntaxNode): SyntaxNode | 'parameter' | undefined {
  let child = identifier;
  for (let parent = identifier.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
      case 'parenthesized_expression':
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'as_pattern_target':
        continue;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        return sameNode(parent.childForFieldName('left'), child) ? parent : undefined;
      case 'as_pattern':
        return sameNode(parent.childForFieldName('alias'), child) ? parent : undefined;
      case 'named_expression':
      case 'function_definition':
      case 'class_definition':
      case 'default_parameter':
      case 'typed_default_parameter':
        if (!sameNode(parent.childForFieldName('name'), child)) return undefined;
        return parent.type.endsWith('parameter') ? 'parameter' : parent;
      case 'typed_parameter':
        return sameNode(parent.namedChild(0), child) ? 'parameter' : undefined;
      case 'parameters':
      case 'lambda_parameters':
        return 'parameter';
      case 'aliased_import':
        return sameNode(parent.childForFieldName('alias'), child) ? parent : undefined;
      case 'dotted_name': {
        // `import a.b` binds `a`; `from m import a` binds `a`; `from a import b` binds nothing named `a`.
        const statement = parent.parent;
        if (!sameNode(parent.namedChild(0), child)) return undefined;
        if (statement?.type === 'import_statement') return statement;
        if (statement?.type === 'import_from_statement') {
          return sameNode(statement.childForFieldName('module_name'), parent) ? undefined : statement;
        }
        return undefined;
      }
      case 'global_statement':
      case 'nonlocal_statement':
      case 'delete_statement':
        return parent;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The scope a binding occurrence binds in (parameters bind in their function, not where the list sits). */
function scopeOfBinding(identifier: SyntaxNode, owner: SyntaxNode | 'parameter'): SyntaxNode {
  if (owner === 'parameter') {
    for (let parent = identifier.parent; parent; parent = parent.parent) {
      if (PARAMETER_LISTS.has(parent.type) && parent.parent) return parent.parent;
    }
    return scopeOf(identifier);
  }
  if (owner.type === 'named_expression') {
    // PEP 572: a walrus in a comprehension binds in the enclosing function or module.
    let scope = scopeOf(identifier);
    while (COMPREHENSIONS.has(scope.type)) scope = scopeOf(scope);
    return scope;
  }
  return scopeOf(identifier);
}

/** Memoized declarations of names per scope, for one parsed file. */
export class ScopeResolver {
  private readonly declarations = new Map<string, Declaration | null>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {}

  /** How `scope` declares `name`: bound locally, declared `global`/`nonlocal`, or not at all (null). */
  declarationIn(scope: SyntaxNode, name: string): Declaration | null {
    const key = `${scope.id}\0${name}`;
    const known = this.declarations.get(key);
    if (known !== undefined) return known;
    let found: Declaration | null = null;
    const pattern = wordPattern(name);
    pattern.lastIndex = scope.startIndex;
    for (
      let match = pattern.exec(this.text);
      match && match.index < scope.endIndex;
      match = pattern.exec(this.text)
    ) {
      const node = this.root.descendantForIndex(match.index, match.index + name.length);
      if (node?.type !== 'identifier') continue;
      const owner = bindingOwner(node);
      if (!owner || !sameNode(scopeOfBinding(node, owner), scope)) continue;
      if (owner !== 'parameter' && owner.type === 'global_statement') {
        found = 'global';
        break;
      }
      if (owner !== 'parameter' && owner.type === 'nonlocal_statement') {
        found = 'nonlocal';
        break;
      }
      found = 'local';
    }
    this.declarations.set(key, found);
    return found;
  }

  /**
   * The scope whose binding of `name` a reference at `node` reads: the innermost scope binding it locally, skipping
   * class scopes other than the reference's own, honouring `global` and `nonlocal`; the module otherwise.
   */
  bindingScopeOf(node: SyntaxNode, name: string): SyntaxNode {
    let scope = scopeOf(node);
    let own = true;
    while (scope.type !== 'module') {
      // A class body's names are visible in the class body only, never in functions or comprehensions inside it.
      if (own || scope.type !== 'class_definition') {
        const declaration = this.declarationIn(scope, name);
        if (declaration === 'global') return this.root;
        if (declaration === 'local') return scope;
      }
      own = false;
      scope = scopeOf(scope);
    }
    return scope;
  }
}
