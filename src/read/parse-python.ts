// Parse Python with tree-sitter compiled to wasm (no native build). One parser per process, created lazily.
// Callers own the returned tree and must `delete()` it (wasm memory is not garbage-collected).

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

/**
 * Parse `text` (a JS string, so node offsets are UTF-16 code units). The tree must be deleted by the caller.
 * The callback form avoids the size limits older bindings had on large strings.
 */
export async function parsePython(text: string): Promise<Tree> {
  const parser = await getPythonParser();
  const tree = parser.parse((index) => (index < text.length ? text.slice(index, index + 16384) : ''));
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Run `fn` on a freshly parsed tree and always free it. */
export async function withParsedPython<T>(text: string, fn: (root: Node) => T): Promise<T> {
  const tree = await parsePython(text);
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
