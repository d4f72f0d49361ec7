// SourceFile -> syntax tree, or the MS102 diagnostic pointing at the first ERROR/MISSING node.
// Deliberately no analysis here; callers own the returned tree and must delete() it (or use withParsedModule).

import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceFile } from '../model/source.js';
import { positionAt } from '../model/text.js';
import { findSyntaxError, parsePython, type SyntaxNode, type SyntaxTree } from './parse-python.js';

/** A clean tree (caller deletes it) or the syntax-error diagnostic (the tree was already deleted). */
export type ParsedModule =
  | { readonly ok: true; readonly tree: SyntaxTree }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/**
 * Parse a module; a tree with an ERROR or MISSING node is deleted and reported as MS102 at that node.
 *
 * @example
 * const parsed = await parseModule(sourceFromText('m.py', 'def f(:\n'));
 * // parsed.ok === false, parsed.diagnostic.code === 'MS102', location m.py:1:...
 */
export async function parseModule(source: SourceFile): Promise<ParsedModule> {
  const tree = await parsePython(normalizeLoneCarriageReturns(source.text));
  const bad = findSyntaxError(tree.rootNode);
  if (!bad) return { ok: true, tree };
  const diagnostic = describeSyntaxError(source, narrowErrorNode(bad));
  tree.delete();
  return { ok: false, diagnostic };
}

/**
 * Python ends a line at a lone `\r` (old Mac files); tree-sitter-python does not. Replacing each lone `\r` with
 * `\n` keeps every offset, so ranges still index `source.text`; only node.text inside such files shows `\n`.
 */
function normalizeLoneCarriageReturns(text: string): string {
  return /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Run `fn` on the module node of a clean parse and always free the tree; a syntax error skips `fn`. */
export async function withParsedModule<T>(
  source: SourceFile,
  fn: (root: SyntaxNode) => T,
): Promise<
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly diagnostic: Diagnostic }
> {
  const parsed = await parseModule(source);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: fn(parsed.tree.rootNode) };
  } finally {
    parsed.tree.delete();
  }
}

/**
 * tree-sitter often wraps complete statements in the ERROR node before the token it could not place
 * (`name = "x" )` is ERROR[statement, ")"]): point at the first child after those statements.
 */
function narrowErrorNode(node: SyntaxNode): SyntaxNode {
  if (!node.isError) return node;
  const children = node.children;
  let k = 0;
  while (k < children.length - 1) {
    const child = children[k];
    if (!child?.isNamed || child.hasError || !/_statement$|_definition$/.test(child.type)) break;
    k++;
  }
  return k > 0 ? (children[k] ?? node) : node;
}

function describeSyntaxError(source: SourceFile, node: SyntaxNode): Diagnostic {
  const { line, column } = positionAt(source.lineStarts, node.startIndex);
  const snippet =
    source.text
      .slice(node.startIndex, node.endIndex)
      .split(/\r\n|\r|\n/)[0]
      ?.slice(0, 40) ?? '';
  const detail = node.isMissing
    ? `expected \`${node.type}\``
    : snippet.trim() === ''
      ? 'unexpected end of input or indentation'
      : `unexpected \`${snippet.trim()}\``;
  return {
    code: 'MS102',
    severity: 'error',
    message: `syntax error: ${detail}; modsplit only splits modules that parse`,
    location: { path: source.path, line, column },
    help: 'fix the syntax error (run `python -m py_compile` on the file), then run modsplit again',
  };
}
