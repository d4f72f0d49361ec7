// Python's scoping rules (CPython's symtable, 3.11) over a tree-sitter tree: for each top-level statement, the
// module-level names it binds, rebinds and deletes, and every reference that resolves to the global scope, classified
// by when Python needs it. Does not compute the import-time closure through calls (analyze/units does that).

import { computeLineStarts, positionAt } from '../../model/text.js';
import type { Dependency, DependencyWhen } from '../../model/units.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import type { StatementFacts } from './statement-facts.js';
import { findAnnotationStringNames, findDjangoLazyReferences, readPlainString } from './string-references.js';

export type ScopeKind = 'module' | 'function' | 'lambda' | 'class' | 'comprehension';

interface Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | null;
  /** Names bound in this scope (assignment, parameter, import, def, del, ...), before `global`/`nonlocal`. */
  readonly assigned: Set<string>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  /** Class scopes: names bound so far while the body runs (a read of a name not yet bound falls back to globals). */
  readonly boundSoFar: Set<string>;
}

/** How a load inside an annotation is classified (null outside annotations). */
interface AnnotationMode {
  readonly when: DependencyWhen;
  readonly evaluated: boolean | undefined;
  /** Under `from __future__ import annotations` an annotation resolves like a nested function scope would. */
  readonly block: boolean;
}

interface NameReference {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly scope: Scope;
  readonly when: DependencyWhen;
  readonly evaluated: boolean | undefined;
  readonly block: boolean;
  /** The name is called directly (`_choices()`, `@register`). */
  readonly called: boolean;
  /** Not yet bound by this statement when executed (for `rebinds`). */
  readonly beforeOwnBind: boolean;
  /** In a class body, read before the class body bound the name: `LOAD_NAME` then falls back to globals. */
  readonly beforeClassBind: boolean;
  /** A Django lazy model reference: names the module's model whatever the scope. */
  readonly lazy: boolean;
}

interface StatementState {
  readonly node: SyntaxNode;
  readonly binds: Set<string>;
  readonly deletes: Set<string>;
  readonly scopes: Scope[];
  readonly references: NameReference[];
  readonly starImports: string[];
  /** Offsets of identifiers whose value an import-time assignment or default only stores (see storeLeaves). */
  readonly storedStarts: Set<number>;
  /** Roots of subscript and attribute targets of storing assignments (`REGISTRY` in `REGISTRY["b"] = bump`). */
  readonly storeTargets: Set<string>;
}

const comprehensionTypes = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Leaves and punctuation-like nodes that never hold a name. */
const inertTypes = new Set([
  'comment',
  'string_start',
  'string_end',
  'string_content',
  'escape_sequence',
  'escape_interpolation',
  'type_conversion',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
  'keyword_separator',
  'positional_separator',
  'pass_statement',
  'break_statement',
  'continue_statement',
  'line_continuation',
  'wildcard_import',
  'import_prefix',
  'type_parameter',
]);

function newScope(kind: ScopeKind, parent: Scope | null): Scope {
  return {
    kind,
    parent,
    assigned: new Set(),
    globals: new Set(),
    nonlocals: new Set(),
    boundSoFar: new Set(),
  };
}

function isFunctionLike(scope: Scope): boolean {
  return scope.kind === 'function' || scope.kind === 'lambda' || scope.kind === 'comprehension';
}

/** Whether `from __future__ import annotations` is among the module's top-level statements. */
export function findFutureAnnotations(root: SyntaxNode): boolean {
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'future_import_statement') continue;
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      if (imported?.text === 'annotations') return true;
    }
  }
  return false;
}

/** Whether a load of `reference.name` in its scope resolves to the module's globals (or builtins). */
function resolvesToGlobal(reference: NameReference): boolean {
  const name = reference.name;
  let scope: Scope | null = reference.scope;
  if (!reference.block) {
    if (scope.kind === 'module' || scope.globals.has(name)) return true;
    if (scope.nonlocals.has(name)) return false;
    // symtable calls a class-local name local, but a read before the class body binds it finds the global.
    if (scope.assigned.has(name)) return scope.kind === 'class' && reference.beforeClassBind;
    scope = scope.parent;
  }
  // Enclosing scopes: functions, lambdas and comprehensions; a class scope never encloses (except `__class__`).
  for (; scope && scope.kind !== 'module'; scope = scope.parent) {
    if (scope.kind === 'class') {
      if (name === '__class__' && reference.scope !== scope) return false;
      continue;
    }
    if (scope.globals.has(name)) return true;
    if (scope.assigned.has(name) || scope.nonlocals.has(name)) return false;
  }
  return true;
}

class StatementWalker {
  private scope: Scope;
  private when: DependencyWhen = 'import-time';
  private annotation: AnnotationMode | null = null;
  /** Name of the innermost enclosing class, for private name mangling. */
  private privateOwner: string | null = null;
  /** False inside a decorated definition or a class with bases: a decorator, metaclass or `__init_subclass__` sees
   *  the defaults and class attributes as they are created, so they are not mere stores there. */
  private plainStores = true;
  private statement: StatementState | null = null;

  constructor(
    readonly module: Scope,
    private readonly futureAnnotations: boolean,
  ) {
    this.scope = module;
  }

  walkStatement(node: SyntaxNode): StatementState {
    const state: StatementState = {
      node,
      binds: new Set(),
      deletes: new Set(),
      scopes: [],
      references: [],
      starImports: [],
      storedStarts: new Set(),
      storeTargets: new Set(),
    };
    this.statement = state;
    this.scope = this.module;
    this.when = 'import-time';
    this.annotation = null;
    this.privateOwner = null;
    this.plainStores = true;
    this.visit(node);
    return state;
  }

  private get current(): StatementState {
    if (!this.statement) throw new Error('no statement being walked');
    return this.statement;
  }

  private enter(kind: ScopeKind): Scope {
    const scope = newScope(kind, this.scope);
    this.current.scopes.push(scope);
    return scope;
  }

  // ---- references and bindings ----

  private load(node: SyntaxNode, called = false): void {
    this.reference(this.mangle(node.text), node.startIndex, node.endIndex, called);
  }

  /**
   * The name Python uses for an identifier: NFKC-normalized (`ｗｉｄｔｈ` is `width`) and, inside class `C` and the
   * functions nested in it, private names mangled (`__x` is `_C__x`).
   */
  private mangle(text: string): string {
    const name = normalizeIdentifier(text);
    const owner = this.privateOwner;
    if (!owner || name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f || name.endsWith('__'))
      return name;
    const stripped = owner.replace(/^_+/, '');
    return stripped ? `_${stripped}${name}` : name;
  }

  private reference(name: string, start: number, end: number, called: boolean): void {
    const mode = this.annotation;
    const state = this.current;
    state.references.push({
      name,
      start,
      end,
      scope: this.scope,
      when: mode ? mode.when : this.when,
      evaluated: mode ? mode.evaluated : undefined,
      block: mode ? mode.block : false,
      called,
      beforeOwnBind: !state.binds.has(name),
      beforeClassBind: this.scope.kind === 'class' && !this.scope.boundSoFar.has(name),
      lazy: false,
    });
  }

  private bindIn(scope: Scope, unmangled: string): void {
    const name = this.mangle(unmangled);
    if (scope.kind === 'module') this.current.binds.add(name);
    else scope.assigned.add(name);
    if (scope.kind === 'class') scope.boundSoFar.add(name);
  }

  private bind(name: string): void {
    this.bindIn(this.scope, name);
  }

  private unbind(unmangled: string): void {
    const name = this.mangle(unmangled);
    if (this.scope.kind === 'module') this.current.deletes.add(name);
    else this.scope.assigned.add(name);
    if (this.scope.kind === 'class') this.scope.boundSoFar.delete(name);
  }

  // ---- the walk ----

  private visitChildren(node: SyntaxNode): void {
    for (const child of node.namedChildren) if (child) this.visit(child);
  }

  private visit(node: SyntaxNode): void {
    const type = node.type;
    if (inertTypes.has(type)) return;
    switch (type) {
      case 'identifier':
        this.load(node);
        return;
      case 'attribute': {
        const object = node.childForFieldName('object');
        if (object) this.visit(object);
        return;
      }
      case 'keyword_argument': {
        const value = node.childForFieldName('value');
        if (value) this.visit(value);
        return;
      }
      case 'call':
        this.visitCall(node);
        return;
      case 'string':
        this.visitString(node);
        return;
      case 'lambda':
        this.visitLambda(node);
        return;
      case 'named_expression':
        this.visitNamedExpression(node);
        return;
      case 'decorated_definition':
        this.visitDecorated(node);
        return;
      case 'function_definition':
        this.visitFunction(node);
        return;
      case 'class_definition':
        this.visitClass(node);
        return;
      case 'assignment':
        this.visitAssignment(node);
        return;
      case 'augmented_assignment':
        this.visitAugmentedAssignment(node);
        return;
      case 'for_statement':
        this.visitFor(node);
        return;
      case 'with_item':
        this.visitWithItem(node);
        return;
      case 'except_clause':
        this.visitExcept(node);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.visitImport(node);
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        this.visitDeclaration(node, type === 'global_statement');
        return;
      case 'delete_statement':
        this.visitChildrenAs(node, (child) => this.visitDeleteTarget(child));
        return;
      case 'case_clause':
        this.visitCase(node);
        return;
      case 'type_alias_statement':
        this.visitTypeAlias(node);
        return;
      case 'type':
        // Only reached through annotation fields, which set the mode first.
        this.visitType(node);
        return;
      case 'subscript':
        if (this.annotation && isLiteralSubscript(node.childForFieldName('value'))) {
          const value = node.childForFieldName('value');
          if (value) this.visit(value);
          return;
        }
        this.visitChildren(node);
        return;
      default:
        if (comprehensionTypes.has(type)) {
          this.visitComprehension(node);
          return;
        }
        this.visitChildren(node);
    }
  }

  private visitChildrenAs(node: SyntaxNode, fn: (child: SyntaxNode) => void): void {
    for (const child of node.namedChildren) if (child && child.type !== 'comment') fn(child);
  }

  private visitCall(node: SyntaxNode): void {
    const fn = node.childForFieldName('function');
    if (fn) {
      if (fn.type === 'identifier') this.load(fn, true);
      else this.visit(fn);
    }
    const args = node.childForFieldName('arguments');
    if (args) this.visit(args);
    if (fn?.type !== 'identifier' && fn?.type !== 'attribute') return;
    for (const lazy of findDjangoLazyReferences(node)) {
      this.current.references.push({
        name: lazy.name,
        start: lazy.start,
        end: lazy.start + lazy.name.length,
        scope: this.scope,
        when: 'string-ref',
        evaluated: undefined,
        block: false,
        called: false,
        beforeOwnBind: false,
        beforeClassBind: false,
        lazy: true,
      });
    }
  }

  private visitString(node: SyntaxNode): void {
    if (this.annotation) {
      const literal = readPlainString(node);
      if (literal) {
        const saved = this.annotation;
        this.annotation = { when: 'string-ref', evaluated: undefined, block: saved.block };
        for (const found of findAnnotationStringNames(literal.text, literal.start)) {
          this.reference(
            normalizeIdentifier(found.name),
            found.start,
            found.start + found.name.length,
            false,
          );
        }
        this.annotation = saved;
        return;
      }
    }
    this.visitChildren(node);
  }

  private visitType(node: SyntaxNode): void {
    switch (node.type) {
      case 'member_type': {
        // `a.b.C` in a type: only the leftmost part is loaded.
        const first = node.namedChildren[0];
        if (first) this.visitType(first);
        return;
      }
      case 'generic_type': {
        const [head, parameters] = node.namedChildren;
        if (head) this.visit(head);
        if (parameters && !(head && head.text === 'Literal')) {
          for (const child of parameters.namedChildren) if (child) this.visitType(child);
        }
        return;
      }
      case 'type':
      case 'union_type':
      case 'constrained_type':
      case 'splat_type':
        for (const child of node.namedChildren) if (child) this.visitType(child);
        return;
      default:
        this.visit(node);
    }
  }

  /** An annotation node (`type`) of a parameter, return or variable. */
  private visitAnnotation(node: SyntaxNode, variable: boolean): void {
    const saved = this.annotation;
    if (variable && isFunctionLike(this.scope)) {
      // Local variable annotations are never evaluated.
      this.annotation = { when: 'annotation', evaluated: false, block: this.futureAnnotations };
    } else if (this.futureAnnotations) {
      this.annotation = { when: 'annotation', evaluated: false, block: true };
    } else if (this.when === 'call-time') {
      // Evaluated when the enclosing function runs: an ordinary call-time use.
      this.annotation = { when: 'call-time', evaluated: undefined, block: false };
    } else {
      this.annotation = { when: 'annotation', evaluated: true, block: false };
    }
    this.visitType(node);
    this.annotation = saved;
  }

  /**
   * tree-sitter reads `type(mock).attr = value` as a 3.12 `type X = ...` statement. A real alias (a name, possibly
   * generic, on the left) does not exist in 3.11 and is skipped; otherwise this is an assignment to an attribute or
   * item of an expression starting with the builtin `type`.
   */
  private visitTypeAlias(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const target = left?.namedChildren[0];
    if (!left || !target || target.type === 'identifier' || target.type === 'generic_type') return;
    const right = node.childForFieldName('right');
    if (right) this.visitType(right);
    const after = node.text.slice(4).trimStart();
    this.reference('type', node.startIndex, node.startIndex + 4, after.startsWith('('));
    this.visitType(left);
  }

  private visitNamedExpression(node: SyntaxNode): void {
    const value = node.childForFieldName('value');
    if (value) this.visit(value);
    const name = node.childForFieldName('name');
    if (!name) return;
    // The target binds in the nearest enclosing scope that is not a comprehension.
    let target = this.scope;
    while (target.kind === 'comprehension' && target.parent) target = target.parent;
    this.bindIn(target, name.text);
  }

  private visitDecorated(node: SyntaxNode): void {
    for (const child of node.namedChildren) {
      if (child?.type !== 'decorator') continue;
      const expression = child.namedChildren.find((c) => c && c.type !== 'comment');
      if (!expression) continue;
      // Applying a decorator calls it.
      if (expression.type === 'identifier') this.load(expression, true);
      else this.visit(expression);
    }
    const definition = node.childForFieldName('definition');
    const saved = this.plainStores;
    this.plainStores = false;
    if (definition) this.visit(definition);
    this.plainStores = saved;
  }

  /** Visit defaults and annotations in the enclosing scope; return the parameter names. */
  private visitParameters(parameters: SyntaxNode | null): string[] {
    const names: string[] = [];
    if (!parameters) return names;
    for (const parameter of parameters.namedChildren) {
      if (!parameter) continue;
      switch (parameter.type) {
        case 'identifier':
          names.push(parameter.text);
          break;
        case 'default_parameter':
        case 'typed_default_parameter': {
          const value = parameter.childForFieldName('value');
          if (value && this.storesPlainly()) this.markStored(value);
          if (value) this.visit(value);
          const annotation = parameter.childForFieldName('type');
          if (annotation) this.visitAnnotation(annotation, false);
          collectPatternNames(parameter.childForFieldName('name'), names);
          break;
        }
        case 'typed_parameter': {
          const annotation = parameter.childForFieldName('type');
          if (annotation) this.visitAnnotation(annotation, false);
          for (const child of parameter.namedChildren) {
            if (child && child.type !== 'type') collectPatternNames(child, names);
          }
          break;
        }
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
        case 'tuple_pattern':
          collectPatternNames(parameter, names);
          break;
        default:
          break;
      }
    }
    return names;
  }

  private visitFunction(node: SyntaxNode): void {
    const parameterNames = this.visitParameters(node.childForFieldName('parameters'));
    const returns = node.childForFieldName('return_type');
    if (returns) this.visitAnnotation(returns, false);
    const name = node.childForFieldName('name');
    if (name) this.bind(name.text);
    const body = node.childForFieldName('body');
    this.visitFunctionBody('function', parameterNames, body);
  }

  private visitFunctionBody(kind: ScopeKind, parameterNames: string[], body: SyntaxNode | null): void {
    const savedScope = this.scope;
    const savedWhen = this.when;
    this.scope = this.enter(kind);
    this.when = 'call-time';
    for (const parameter of parameterNames) this.scope.assigned.add(this.mangle(parameter));
    if (body) this.visit(body);
    this.scope = savedScope;
    this.when = savedWhen;
  }

  private visitLambda(node: SyntaxNode): void {
    const parameterNames = this.visitParameters(node.childForFieldName('parameters'));
    this.visitFunctionBody('lambda', parameterNames, node.childForFieldName('body'));
  }

  private visitClass(node: SyntaxNode): void {
    const bases = node.childForFieldName('superclasses');
    if (bases) {
      for (const base of bases.namedChildren) {
        if (!base) continue;
        // Creating the class calls its metaclass.
        const value = base.type === 'keyword_argument' ? base.childForFieldName('value') : null;
        if (value?.type === 'identifier' && base.childForFieldName('name')?.text === 'metaclass')
          this.load(value, true);
        else this.visit(base);
      }
    }
    const savedScope = this.scope;
    const savedOwner = this.privateOwner;
    const savedPlain = this.plainStores;
    const name = node.childForFieldName('name');
    this.scope = this.enter('class');
    this.privateOwner = name ? name.text : null;
    if (bases?.namedChildren.some((b) => b && b.type !== 'comment')) this.plainStores = false;
    const body = node.childForFieldName('body');
    if (body) this.visit(body);
    this.scope = savedScope;
    this.privateOwner = savedOwner;
    this.plainStores = savedPlain;
    if (name) this.bind(name.text);
  }

  private visitComprehension(node: SyntaxNode): void {
    const clauses = node.namedChildren;
    let first = true;
    // The first iterable is evaluated in the enclosing scope.
    for (const clause of clauses) {
      if (clause?.type !== 'for_in_clause') continue;
      for (const right of clause.childrenForFieldName('right')) if (right?.isNamed) this.visit(right);
      break;
    }
    const savedScope = this.scope;
    this.scope = this.enter('comprehension');
    for (const clause of clauses) {
      if (!clause) continue;
      if (clause.type === 'for_in_clause') {
        if (!first) {
          for (const right of clause.childrenForFieldName('right')) if (right?.isNamed) this.visit(right);
        }
        first = false;
        const left = clause.childForFieldName('left');
        if (left) this.visitTarget(left);
      } else if (clause.type === 'if_clause') {
        this.visit(clause);
      }
    }
    const body = node.childForFieldName('body');
    if (body) this.visit(body);
    this.scope = savedScope;
  }

  private visitTarget(node: SyntaxNode): void {
    switch (node.type) {
      case 'identifier':
        this.bind(node.text);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
      case 'list_splat_pattern':
      case 'list_splat':
      case 'as_pattern_target':
        this.visitChildrenAs(node, (child) => this.visitTarget(child));
        return;
      default:
        // attribute and subscript targets load their object.
        this.visit(node);
    }
  }

  private visitDeleteTarget(node: SyntaxNode): void {
    switch (node.type) {
      case 'identifier':
        this.unbind(node.text);
        return;
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
        this.visitChildrenAs(node, (child) => this.visitDeleteTarget(child));
        return;
      default:
        this.visit(node);
    }
  }

  private visitAssignment(node: SyntaxNode): void {
    // `a = b = value`: value first, then the targets left to right.
    const targets: SyntaxNode[] = [];
    let current: SyntaxNode | null = node;
    let value: SyntaxNode | null = null;
    let annotation: SyntaxNode | null = null;
    while (current) {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      annotation ??= current.childForFieldName('type');
      const right = current.childForFieldName('right');
      if (right?.type === 'assignment') {
        current = right;
      } else {
        value = right;
        current = null;
      }
    }
    if (value && this.storesPlainly()) {
      const roots: SyntaxNode[] = [];
      if (targets.every((t) => findStoreRoot(t, roots))) {
        // The container itself is only stored into (`REGISTRY[k] = f` loads REGISTRY to set an item).
        for (const root of roots) {
          this.current.storeTargets.add(this.mangle(root.text));
          this.current.storedStarts.add(root.startIndex);
        }
        this.markStored(value);
      }
    }
    if (value) this.visit(value);
    if (annotation) this.visitAnnotation(annotation, true);
    for (const target of targets) {
      if (value) this.visitTarget(target);
      else if (target.type === 'identifier') {
        // `x: int` binds nothing at module level, but makes `x` local to a function or class for the compiler.
        if (this.scope.kind !== 'module') this.scope.assigned.add(this.mangle(target.text));
      } else this.visit(target);
    }
  }

  /** Whether a value evaluated here is seen by nothing but what it is stored into. */
  private storesPlainly(): boolean {
    return this.plainStores && this.when === 'import-time' && this.annotation === null;
  }

  /**
   * Record the names in `value` that are only stored: the value itself, or elements of tuples and lists and values
   * of dict displays (keys are hashed, set elements too, a splat is iterated: those count as touched).
   */
  private markStored(value: SyntaxNode): void {
    switch (value.type) {
      case 'identifier':
        this.current.storedStarts.add(value.startIndex);
        return;
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
        for (const child of value.namedChildren) if (child) this.markStored(child);
        return;
      case 'dictionary':
        for (const pair of value.namedChildren) {
          const item = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
          if (item) this.markStored(item);
        }
        return;
      default:
        return;
    }
  }

  private visitAugmentedAssignment(node: SyntaxNode): void {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (left?.type === 'identifier') this.load(left);
    if (right) this.visit(right);
    if (left) this.visitTarget(left);
  }

  private visitFor(node: SyntaxNode): void {
    const right = node.childForFieldName('right');
    if (right) this.visit(right);
    const left = node.childForFieldName('left');
    if (left) this.visitTarget(left);
    const body = node.childForFieldName('body');
    if (body) this.visit(body);
    const alternative = node.childForFieldName('alternative');
    if (alternative) this.visit(alternative);
  }

  private visitWithItem(node: SyntaxNode): void {
    const value = node.childForFieldName('value');
    if (!value) return;
    if (value.type !== 'as_pattern') {
      this.visit(value);
      return;
    }
    for (const child of value.namedChildren) {
      if (!child) continue;
      if (child.type === 'as_pattern_target') this.visitTarget(child);
      else this.visit(child);
    }
  }

  private visitExcept(node: SyntaxNode): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type !== 'as_pattern') {
        this.visit(child);
        continue;
      }
      for (const part of child.namedChildren) {
        if (!part) continue;
        if (part.type !== 'as_pattern_target') {
          this.visit(part);
          continue;
        }
        // `except E as e:` binds `e`, then deletes it when the handler ends.
        const names: string[] = [];
        collectPatternNames(part, names);
        for (const name of names) {
          this.bind(name);
          this.unbind(name);
        }
      }
    }
  }

  private visitImport(node: SyntaxNode): void {
    node.namedChildren.forEach((child, i) => {
      if (!child) return;
      if (child.type === 'wildcard_import') {
        if (this.scope.kind === 'module') {
          this.current.starImports.push(node.childForFieldName('module_name')?.text ?? '');
        }
        return;
      }
      if (child.type === 'aliased_import') {
        const alias = child.childForFieldName('alias');
        if (alias) this.bind(alias.text);
      } else if (child.type === 'dotted_name' && node.fieldNameForNamedChild(i) === 'name') {
        const first = child.namedChildren[0];
        if (first) this.bind(first.text);
      }
    });
  }

  private visitDeclaration(node: SyntaxNode, global: boolean): void {
    if (this.scope.kind === 'module') return;
    const into = global ? this.scope.globals : this.scope.nonlocals;
    for (const child of node.namedChildren) {
      if (child?.type === 'identifier') into.add(this.mangle(child.text));
    }
  }

  private visitCase(node: SyntaxNode): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'case_pattern') this.visitPattern(child);
      else this.visit(child);
    }
  }

  private visitPattern(node: SyntaxNode): void {
    switch (node.type) {
      case 'dotted_name': {
        const parts = node.namedChildren;
        const first = parts[0];
        if (!first) return;
        // `case x:` captures; `case Color.RED:` loads `Color`.
        if (parts.length === 1) this.bind(first.text);
        else this.load(first);
        return;
      }
      case 'class_pattern': {
        const [cls, ...rest] = node.namedChildren;
        const first = cls?.type === 'dotted_name' ? cls.namedChildren[0] : null;
        if (first) this.load(first);
        for (const child of rest) if (child) this.visitPattern(child);
        return;
      }
      case 'keyword_pattern':
        // The keyword itself is an attribute name, not a load.
        node.namedChildren.forEach((child, i) => {
          if (child && i > 0) this.visitPattern(child);
        });
        return;
      case 'as_pattern':
      case 'splat_pattern':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'identifier') this.bind(child.text);
          else this.visitPattern(child);
        }
        return;
      case 'dict_pattern':
        node.namedChildren.forEach((child, i) => {
          if (!child) return;
          const field = node.fieldNameForNamedChild(i);
          if (field === 'key') {
            if (child.type === 'dotted_name') {
              const first = child.namedChildren[0];
              if (first) this.load(first);
            }
          } else this.visitPattern(child);
        });
        return;
      case 'case_pattern':
      case 'union_pattern':
      case 'list_pattern':
      case 'tuple_pattern':
        for (const child of node.namedChildren) if (child) this.visitPattern(child);
        return;
      default:
        // Literals (strings, numbers, None, complex numbers) hold no names.
        return;
    }
  }
}

/** Python reads identifiers in NFKC form; ASCII needs no work. */
export function normalizeIdentifier(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text.normalize('NFKC');
  return text;
}

function isLiteralSubscript(value: SyntaxNode | null): boolean {
  if (!value) return false;
  if (value.type === 'identifier') return value.text === 'Literal';
  if (value.type === 'attribute') return value.childForFieldName('attribute')?.text === 'Literal';
  return false;
}

/**
 * Whether assigning to `target` only stores the value: a name, or an item or attribute of a name (`REGISTRY[k]`,
 * `ns.handler`), whose root goes to `roots`. Unpacking iterates the value, so it is not a plain store.
 */
function findStoreRoot(target: SyntaxNode, roots: SyntaxNode[]): boolean {
  if (target.type === 'identifier') return true;
  let node: SyntaxNode | null = target;
  while (node && (node.type === 'subscript' || node.type === 'attribute')) {
    node = node.type === 'subscript' ? node.childForFieldName('value') : node.childForFieldName('object');
  }
  if (node?.type !== 'identifier' || node === target) return false;
  roots.push(node);
  return true;
}

/** Names bound by a parameter or simple target pattern (`a`, `*args`, `(a, b)`). */
function collectPatternNames(node: SyntaxNode | null, into: string[]): void {
  if (!node) return;
  if (node.type === 'identifier') {
    into.push(node.text);
    return;
  }
  for (const child of node.namedChildren) collectPatternNames(child, into);
}

/** 1-based line of an offset, from the line starts of the root node's text. */
type LineOf = (offset: number) => number;

function buildFacts(state: StatementState, lineOf: LineOf): StatementFacts {
  const globalReferences = state.references.filter((r) => r.lazy || resolvesToGlobal(r));
  const sorted = [...globalReferences].sort((a, b) => a.start - b.start);
  const first = new Map<string, NameReference>();
  for (const reference of sorted) {
    const key = `${reference.name}\0${reference.when}`;
    const seen = first.get(key);
    // An evaluated annotation outweighs an earlier unevaluated one.
    if (!seen || (seen.evaluated === false && reference.evaluated === true)) first.set(key, reference);
  }
  const uses: Dependency[] = [...first.values()]
    .sort((a, b) => a.start - b.start)
    .map((r) => ({
      name: r.name,
      when: r.when,
      ...(r.evaluated === undefined ? {} : { evaluated: r.evaluated }),
      range: { start: r.start, end: r.end },
      line: lineOf(r.start),
    }));
  const importTimeCalls = new Set<string>();
  const rebinds = new Set<string>();
  for (const reference of sorted) {
    const atImport = reference.when === 'import-time' || reference.evaluated === true;
    if (reference.called && reference.when === 'import-time') importTimeCalls.add(reference.name);
    if (atImport && reference.beforeOwnBind && state.binds.has(reference.name)) rebinds.add(reference.name);
  }
  // A name is stored only if every import-time reference to it here is a plain stored value.
  const storedOnly = new Map<string, boolean>();
  for (const reference of sorted) {
    if (reference.when !== 'import-time' || reference.lazy) continue;
    const stored = !reference.called && state.storedStarts.has(reference.start);
    storedOnly.set(reference.name, (storedOnly.get(reference.name) ?? true) && stored);
  }
  const into = [...new Set([...state.binds, ...state.storeTargets])];
  const storedReferences = [...storedOnly].filter(([, only]) => only).map(([name]) => ({ name, into }));
  const globalWrites = new Set<string>();
  for (const scope of state.scopes) {
    if (scope.kind === 'comprehension') continue;
    for (const name of scope.assigned) if (scope.globals.has(name)) globalWrites.add(name);
  }
  return {
    start: state.node.startIndex,
    end: state.node.endIndex,
    binds: [...state.binds],
    rebinds: [...rebinds],
    deletes: [...state.deletes],
    globalWrites: [...globalWrites],
    uses,
    importTimeCalls: [...importTimeCalls],
    ...(storedReferences.length > 0 ? { storedReferences } : {}),
    ...(state.starImports.length > 0 ? { starImports: state.starImports } : {}),
  };
}

/** Facts of the last few modules, by start, row and text (analyze, then the static checks, read the same module). */
const factsCache = new Map<string, readonly StatementFacts[]>();
const FACTS_CACHE_SIZE = 4;

/**
 * Facts for each top-level statement of a parsed module (each named child of `module` that is not a comment), in
 * source order. Example: for `X = 1` then `def f(): return X + len([])`, the second statement binds `f` and uses
 * `X` and `len` at call time.
 */
export function collectStatementFacts(root: SyntaxNode): StatementFacts[] {
  const text = root.text;
  const base = root.startIndex;
  const baseRow = root.startPosition.row;
  // The facts are plain data determined by the text: a module checked again after emitting is not walked again.
  const key = root.type === 'module' ? `${base}:${baseRow}:${text}` : undefined;
  const cached = key === undefined ? undefined : factsCache.get(key);
  if (key !== undefined && cached) {
    factsCache.delete(key);
    factsCache.set(key, cached);
    return [...cached];
  }
  const states = walkStatements(root);
  const lineStarts = computeLineStarts(text);
  const lineOf: LineOf = (offset) => baseRow + positionAt(lineStarts, offset - base).line;
  const facts = states.map((state) => buildFacts(state, lineOf));
  if (key !== undefined) {
    factsCache.set(key, facts);
    for (const oldKey of factsCache.keys()) {
      if (factsCache.size <= FACTS_CACHE_SIZE) break;
      factsCache.delete(oldKey);
    }
  }
  return [...facts];
}

function walkStatements(root: SyntaxNode): StatementState[] {
  const module = newScope('module', null);
  const walker = new StatementWalker(module, findFutureAnnotations(root));
  const states: StatementState[] = [];
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    states.push(walker.walkStatement(statement));
  }
  return states;
}

/** Global names loaded per kind of scope the load sits in (`module` is code that runs in the module itself). */
export type ScopeKindUses = Readonly<Record<ScopeKind, readonly string[]>>;

/**
 * For tests against CPython's symtable: per top-level statement, the global names read by code in each kind of
 * scope (sorted), leaving out string references and annotations that only exist as text under future annotations.
 */
export function collectScopeKindUses(root: SyntaxNode): ScopeKindUses[] {
  return walkStatements(root).map((state) => {
    const byKind: Record<ScopeKind, Set<string>> = {
      module: new Set(),
      function: new Set(),
      lambda: new Set(),
      class: new Set(),
      comprehension: new Set(),
    };
    for (const reference of state.references) {
      if (reference.lazy || reference.block || reference.when === 'string-ref') continue;
      if (resolvesToGlobal(reference)) byKind[reference.scope.kind].add(reference.name);
    }
    const sortedNames = (kind: ScopeKind) => [...byKind[kind]].sort();
    return {
      module: sortedNames('module'),
      function: sortedNames('function'),
      lambda: sortedNames('lambda'),
      class: sortedNames('class'),
      comprehension: sortedNames('comprehension'),
    };
  });
}
