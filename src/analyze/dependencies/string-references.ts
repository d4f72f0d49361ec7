// Names written inside Python string literals: string annotations (`"Optional[Invoice]"`) and Django's lazy model
// references (`ForeignKey("Invoice")`). Lexical only: no evaluation, and no check that the name exists.

import { PYTHON_KEYWORDS } from '../../model/python-names.js';
import type { SyntaxNode } from '../../read/parse-python.js';

/** Django relation fields whose first positional argument (or `to=`) may be a lazy `"app_label.Model"` string;
 *  `GenericRelation` takes one too, and `through=` of a ManyToManyField names the intermediate model. */
const djangoRelationFields = new Set([
  'ForeignKey',
  'OneToOneField',
  'ManyToManyField',
  'ForeignObject',
  'GenericRelation',
]);

/** A name found inside a string, with its offset in the source text. */
export interface StringName {
  readonly name: string;
  readonly start: number;
}

/**
 * The plain text of a string literal (no f-string interpolation, no concatenation) and where it starts,
 * or null for f-strings and byte strings. `"a.B"` gives `{ text: 'a.B', start: <offset of a> }`.
 */
export function readPlainString(node: SyntaxNode): { text: string; start: number } | null {
  if (node.type !== 'string') return null;
  const children = node.namedChildren;
  const first = children[0];
  const last = children[children.length - 1];
  if (!first || !last || first.type !== 'string_start' || last.type !== 'string_end') return null;
  const prefix = first.text.toLowerCase();
  if (prefix.includes('f') || prefix.includes('b')) return null;
  for (const child of children) if (child?.type === 'interpolation') return null;
  const whole = node.text;
  const text = whole.slice(first.endIndex - node.startIndex, last.startIndex - node.startIndex);
  return { text, start: first.endIndex };
}

/**
 * Identifiers an annotation string refers to, skipping attribute parts (`"a.B"` uses `a`), keywords and numbers.
 * Quoted strings inside are forward references too (`"List['Node']"` names `List` and `Node`), except the
 * arguments of `Literal[...]` (`"Literal['x']"` names `Literal` only).
 */
export function findAnnotationStringNames(text: string, start: number): StringName[] {
  const names: StringName[] = [];
  const pattern = /(['"])((?:\\.|(?!\1).)*)\1|[0-9][\w.]*|[\p{ID_Start}_][\p{ID_Continue}]*|\S/gu;
  /** For each open `[`: whether it opened `Literal[`. */
  const brackets: boolean[] = [];
  let previous = '';
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    const at = match.index as number;
    if (match[1]) {
      if (!brackets[brackets.length - 1])
        names.push(...findAnnotationStringNames(match[2] as string, start + at + 1));
    } else if (token === '[') {
      brackets.push(previous === 'Literal');
    } else if (token === ']') {
      brackets.pop();
    } else if (/^[\p{ID_Start}_]/u.test(token) && previous !== '.' && !PYTHON_KEYWORDS.has(token)) {
      names.push({ name: token, start: start + at });
    }
    previous = token;
  }
  return names;
}

/** The called name of a Django relation field (`models.ForeignKey`, bare `ForeignKey`), or null. */
function isDjangoRelationCall(call: SyntaxNode): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') return djangoRelationFields.has(fn.text);
  if (fn.type === 'attribute') {
    const attribute = fn.childForFieldName('attribute');
    return attribute !== null && djangoRelationFields.has(attribute.text);
  }
  return false;
}

/** The model part of a lazy reference string: `"Invoice"` and `"shop.Invoice"` give `Invoice`; `"self"` gives null. */
function readModelReference(node: SyntaxNode | null): StringName | null {
  const literal = node ? readPlainString(node) : null;
  if (!literal) return null;
  const parts = literal.text.split('.');
  if (parts.length > 2) return null;
  const name = parts[parts.length - 1] as string;
  if (name === 'self' || !/^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(name)) return null;
  return { name, start: literal.start + literal.text.length - name.length };
}

/**
 * The models a Django relation call names lazily, in source order: `ForeignKey("Invoice")`,
 * `OneToOneField(to="shop.Invoice")` give `Invoice`; `ManyToManyField("Tag", through="Tagging")` gives both.
 * `"self"` and non-string targets give nothing.
 */
export function findDjangoLazyReferences(call: SyntaxNode): StringName[] {
  if (!isDjangoRelationCall(call)) return [];
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return [];
  const found: StringName[] = [];
  let positional = 0;
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    let reference: StringName | null = null;
    if (arg.type === 'keyword_argument') {
      const keyword = arg.childForFieldName('name')?.text;
      if (keyword === 'to' || keyword === 'through')
        reference = readModelReference(arg.childForFieldName('value'));
    } else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
      if (positional === 0) reference = readModelReference(arg);
      positional++;
    }
    if (reference) found.push(reference);
  }
  return found;
}
