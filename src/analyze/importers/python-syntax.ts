// Small readers of tree-sitter Python nodes shared by the importer collectors: dotted names, callee chains, plain
// string literals, `if TYPE_CHECKING:` guards. They read nodes and slice the text; they never edit anything.

import type { TextRange } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';

export function textOf(node: SyntaxNode, text: string): string {
  return text.slice(node.startIndex, node.endIndex);
}

export function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** `a.b.c` of a `dotted_name` (or a lone identifier) as `['a', 'b', 'c']`, whatever whitespace sits between. */
export function dottedNameParts(node: SyntaxNode, text: string): string[] {
  if (node.type === 'identifier') return [textOf(node, text)];
  return node.namedChildren.filter((c) => c?.type === 'identifier').map((c) => textOf(c as SyntaxNode, text));
}

/**
 * The names of a call's callee: `mock.patch.object(...)` -> `['mock', 'patch', 'object']`, `patch(...)` ->
 * `['patch']`, `self.mocker.patch(...)` -> `['self', 'mocker', 'patch']`. Other callee shapes end the chain early
 * (`get()().patch` -> `['patch']`).
 */
export function calleeChain(callee: SyntaxNode, text: string): string[] {
  if (callee.type === 'identifier') return [textOf(callee, text)];
  if (callee.type === 'attribute') {
    const object = callee.childForFieldName('object');
    const attribute = callee.childForFieldName('attribute');
    const head = object ? calleeChain(object, text) : [];
    return attribute ? [...head, textOf(attribute, text)] : head;
  }
  return [];
}

/** Positional arguments of an `argument_list`, comments and keyword arguments left out. */
export function positionalArguments(argumentList: SyntaxNode): SyntaxNode[] {
  return argumentList.namedChildren.filter(
    (c): c is SyntaxNode =>
      !!c &&
      c.type !== 'comment' &&
      c.type !== 'keyword_argument' &&
      c.type !== 'list_splat' &&
      c.type !== 'dictionary_splat',
  );
}

/**
 * When `node` is the `index`-th positional argument of a call, that call's callee chain (see {@link calleeChain}).
 */
export function calleeOfArgument(node: SyntaxNode, index: number, text: string): string[] | undefined {
  const list = node.parent;
  if (list?.type !== 'argument_list') return undefined;
  if (!sameNode(positionalArguments(list)[index], node)) return undefined;
  const call = list.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  return callee ? calleeChain(callee, text) : undefined;
}

/** Callee chains that patch a dotted target given as their first argument (`mock.patch("a.b")`, `patch.dict`). */
export function isPatchTargetCallee(chain: readonly string[]): boolean {
  const last = chain[chain.length - 1];
  const previous = chain[chain.length - 2];
  if (last === 'patch') return true;
  if (previous === 'patch' && (last === 'dict' || last === 'multiple')) return true;
  return isMonkeypatchAttrCallee(chain);
}

/** `monkeypatch.setattr` / `monkeypatch.delattr` (also `self.monkeypatch.setattr`). */
export function isMonkeypatchAttrCallee(chain: readonly string[]): boolean {
  const last = chain[chain.length - 1];
  const previous = chain[chain.length - 2];
  return (last === 'setattr' || last === 'delattr') && previous === 'monkeypatch';
}

/** `patch.object`, `mock.patch.object`, `mocker.patch.object`, `unittest.mock.patch.object`. */
export function isPatchObjectCallee(chain: readonly string[]): boolean {
  return chain[chain.length - 1] === 'object' && chain[chain.length - 2] === 'patch';
}

export interface PlainString {
  readonly value: string;
  /** Range of the contents, inside the quotes. */
  readonly range: TextRange;
}

/**
 * The contents of a plain string literal: not an f-string, not bytes, no interpolation, no escape sequence (so the
 * source text is the value), and not one piece of an implicit concatenation (`"a" "b"`, whose value is the join).
 */
export function plainStringContents(node: SyntaxNode, text: string): PlainString | undefined {
  if (node.type !== 'string' || node.parent?.type === 'concatenated_string') return undefined;
  const start = node.firstChild;
  const end = node.lastChild;
  if (start?.type !== 'string_start' || end?.type !== 'string_end') return undefined;
  if (/[fFbBtT]/.test(textOf(start, text))) return undefined;
  for (const child of node.namedChildren) {
    if (child?.type === 'interpolation') return undefined;
    if (child?.type === 'string_content' && child.namedChildCount > 0) return undefined;
  }
  const range = { start: start.endIndex, end: end.startIndex };
  const value = text.slice(range.start, range.end);
  if (value.includes('\\')) return undefined;
  return { value, range };
}

function isTypeCheckingCondition(condition: SyntaxNode | null, text: string): boolean {
  if (!condition) return false;
  if (condition.type === 'identifier') return textOf(condition, text) === 'TYPE_CHECKING';
  if (condition.type === 'attribute') {
    const attribute = condition.childForFieldName('attribute');
    return !!attribute && textOf(attribute, text) === 'TYPE_CHECKING';
  }
  return false;
}

export interface StatementPlacement {
  /** Inside a function or method body (also a class nested in one). */
  readonly inFunction: boolean;
  /** In the body of `if TYPE_CHECKING:` (or `elif typing.TYPE_CHECKING:`), at any depth. */
  readonly typeCheckingOnly: boolean;
}

export function placementOf(node: SyntaxNode, text: string): StatementPlacement {
  let inFunction = false;
  let typeCheckingOnly = false;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'function_definition') inFunction = true;
    if (
      (parent.type === 'if_statement' || parent.type === 'elif_clause') &&
      sameNode(parent.childForFieldName('consequence'), child) &&
      isTypeCheckingCondition(parent.childForFieldName('condition'), text)
    ) {
      typeCheckingOnly = true;
    }
  }
  return { inFunction, typeCheckingOnly };
}
