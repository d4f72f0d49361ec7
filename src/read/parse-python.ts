// Parse Python with tree-sitter compiled to wasm (no native build). One parser per process, created lazily.
// Callers own the returned tree and must `delete()` it (wasm memory is not garbage-collected). The stages that parse
// the same text (analyze, emit, static checks all parse the module) share one parse through a small cache of trees.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Language, type Node, Parser, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  const runtimeWasm = require.resolve('web-tree-sitter/tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtimeWasm });
  const grammarPath = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(await readFile(grammarPath));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared parser; the first call loads the wasm runtime and grammar (~30 ms). */
export function getPythonParser(): Promise<Parser> {
  parserPromise ??= createParser();
  return parserPromise;
}

/** At most this many trees, of texts totalling at most this many characters (~25 MB of wasm memory). */
const CACHE_MAX_TREES = 8;
const CACHE_MAX_CHARS = 1_000_000;

/**
 * Recently parsed texts and their trees, least recently used first. The cache owns these trees and never hands
 * them out: callers get `copy()`, which shares the immutable nodes (O(1)) and is theirs to delete.
 */
const treeCache = new Map<string, Tree>();
let cachedChars = 0;

function rememberTree(text: string, tree: Tree): void {
  if (text.length > CACHE_MAX_CHARS) return;
  treeCache.set(text, tree.copy());
  cachedChars += text.length;
  for (const [oldText, oldTree] of treeCache) {
    if (treeCache.size <= CACHE_MAX_TREES && cachedChars <= CACHE_MAX_CHARS) break;
    treeCache.delete(oldText);
    cachedChars -= oldText.length;
    oldTree.delete();
  }
}

export interface ParsePythonOptions {
  /** Share parses of the same text (default true); false parses afresh and keeps nothing (a scan's one-off texts). */
  readonly cache?: boolean;
}

/**
 * Parse `text` (a JS string, so node offsets are UTF-16 code units). The tree must be deleted by the caller.
 * The callback form avoids the size limits older bindings had on large strings. Parsing the same text again
 * returns a copy of the cached tree (identical nodes and offsets) instead of parsing it again.
 */
export async function parsePython(text: string, options: ParsePythonOptions = {}): Promise<Tree> {
  const useCache = options.cache !== false;
  const cached = useCache ? treeCache.get(text) : undefined;
  if (cached) {
    treeCache.delete(text);
    treeCache.set(text, cached);
    return cached.copy();
  }
  const parser = await getPythonParser();
  const tree = parser.parse((index) => (index < text.length ? text.slice(index, index + 16384) : ''));
  if (!tree) throw new Error('tree-sitter returned no tree');
  if (useCache) rememberTree(text, tree);
  return tree;
}

/** Delete every cached tree (tests of memory use; a long-lived process that is done with its texts). */
export function clearParseCache(): void {
  for (const tree of treeCache.values()) tree.delete();
  treeCache.clear();
  cachedChars = 0;
}

/** Run `fn` on a parsed tree (see {@link parsePython}) and always free it. */
export async function withParsedPython<T>(
  text: string,
  fn: (root: Node) => T,
  options: ParsePythonOptions = {},
): Promise<T> {
  const tree = await parsePython(text, options);
  try {
    return fn(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** First ERROR or MISSING node in document order, or null when the tree is clean. */
export function findSyntaxError(root: Node): Node | null {
  if (!root.hasError) return null;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return node;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return null;
      }
    }
  } finally {
    cursor.delete();
  }
}
