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

/** Where an argument sits in a call: its callee chain, the call's `argument_list`, and its slot. */
export interface ArgumentSlot {
  readonly chain: readonly string[];
  readonly argumentList: SyntaxNode;
  /** Index among the positional arguments, or undefined for a keyword argument. */
  readonly position?: number;
  /** The keyword (`target` of `target="a.b"`), or undefined for a positional argument. */
  readonly keyword?: string;
}

/** The call `node` is a direct argument of (positionally, or as the value of `keyword=node`), if any. */
export function argumentSlotOf(node: SyntaxNode, text: string): ArgumentSlot | undefined {
  let keyword: string | undefined;
  let argument = node;
  const parent = node.parent;
  if (parent?.type === 'keyword_argument') {
    if (!sameNode(parent.childForFieldName('value'), node)) return undefined;
    const name = parent.childForFieldName('name');
    if (!name) return undefined;
    keyword = textOf(name, text);
    argument = parent;
  }
  const list = argument.parent;
  if (list?.type !== 'argument_list') return undefined;
  const call = list.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee) return undefined;
  const chain = calleeChain(callee, text);
  if (keyword !== undefined) return { chain, argumentList: list, keyword };
  const position = positionalArguments(list).findIndex((a) => sameNode(a, node));
  return position < 0 ? undefined : { chain, argumentList: list, position };
}

/** The value of `keyword=...` in an `argument_list`, if given. */
export function keywordArgument(
  argumentList: SyntaxNode,
  keyword: string,
  text: string,
): SyntaxNode | undefined {
  for (const child of argumentList.namedChildren) {
    if (child?.type !== 'keyword_argument') continue;
    const name = child.childForFieldName('name');
    if (name && textOf(name, text) === keyword) return child.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** What a patching call does with its dotted-string target. */
export type PatchCallKind = 'patch' | 'dict' | 'multiple' | 'setattr';

/** The kind of a patch-target callee chain (see {@link isPatchTargetCallee}), or undefined for other calls. */
export function patchCallKindOf(chain: readonly string[]): PatchCallKind | undefined {
  if (!isPatchTargetCallee(chain)) return undefined;
  const last = chain[chain.length - 1];
  if (chain[chain.length - 2] === 'patch' && last === 'dict') return 'dict';
  if (chain[chain.length - 2] === 'patch' && last === 'multiple') return 'multiple';
  return isMonkeypatchAttrCallee(chain) ? 'setattr' : 'patch';
}

/**
 * When `node` is the dotted target of a patching call, the call's kind and argument list. The target is the first
 * positional argument or its keyword: `target=` (`patch`, `mocker.patch`, `patch.multiple`, `monkeypatch.setattr`),
 * `in_dict=` (`patch.dict`). `monkeypatch.setattr` takes a dotted string only in its two-argument form
 * (`setattr("a.b.name", value)`); with a third argument (or `value=`) the first one is the object itself.
 *
 * ```python
 * mock.patch(target="app.models.helper")          # kind patch
 * patch.dict(in_dict="app.models.REGISTRY", x=1)  # kind dict
 * monkeypatch.setattr("app.models.helper", fake)  # kind setattr
 * ```
 */
export function patchTargetCallOf(
  node: SyntaxNode,
  text: string,
): { readonly kind: PatchCallKind; readonly argumentList: SyntaxNode } | undefined {
  const slot = argumentSlotOf(node, text);
  if (!slot) return undefined;
  const kind = patchCallKindOf(slot.chain);
  if (!kind) return undefined;
  const keyword = kind === 'dict' ? 'in_dict' : 'target';
  if (slot.position !== 0 && slot.keyword !== keyword) return undefined;
  if (kind === 'setattr' && slot.chain[slot.chain.length - 1] === 'setattr') {
    const positional = positionalArguments(slot.argumentList).length;
    if (positional > 2 || keywordArgument(slot.argumentList, 'value', text)) return undefined;
  }
  return { kind, argumentList: slot.argumentList };
}

/**
 * When `node` is the object of an attribute-patching call, the string literal naming the attribute:
 * `patch.object(target, attribute)`, `monkeypatch.setattr(target, name, value)` / `delattr(target, name)`,
 * pytest-mock's `mocker.spy(obj, name)`, positionally or by keyword (`patch.object(target=m, attribute="x")`).
 */
export function patchedAttributeOf(node: SyntaxNode, text: string): SyntaxNode | undefined {
  const slot = argumentSlotOf(node, text);
  if (!slot) return undefined;
  let keywords: readonly [string, string];
  if (isPatchObjectCallee(slot.chain)) keywords = ['target', 'attribute'];
  else if (isMonkeypatchAttrCallee(slot.chain)) keywords = ['target', 'name'];
  else if (isSpyCallee(slot.chain)) keywords = ['obj', 'name'];
  else return undefined;
  if (slot.position !== 0 && slot.keyword !== keywords[0]) return undefined;
  const second = slot.position === 0 ? positionalArguments(slot.argumentList)[1] : undefined;
  return second ?? keywordArgument(slot.argumentList, keywords[1], text);
}

/** pytest-mock's `mocker.spy(obj, name)` (also `self.mocker.spy`): a patch of `obj.name` that wraps it. */
export function isSpyCallee(chain: readonly string[]): boolean {
  return chain[chain.length - 1] === 'spy' && chain[chain.length - 2] === 'mocker';
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
