// parsePython's tree cache: a second parse of the same text is a copy of the first tree (same nodes, owned and
// deleted independently); `cache: false` and other texts parse afresh. Does not test tree-sitter's grammar itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearParseCache,
  parsePython,
  type SyntaxTree,
  withParsedPython,
} from '../../../src/read/parse-python.js';
import { djangoSourceDir } from '../../helpers/python.js';

afterEach(() => clearParseCache());

/** The id of the first statement (the root node's own id is per tree object, so copies differ there). */
function firstId(tree: SyntaxTree | undefined): number | undefined {
  return tree?.rootNode.firstNamedChild?.id;
}

describe('parsePython cache', () => {
  it('shares one parse between callers of the same text, each deleting its own tree', async () => {
    const text = readFileSync(join(djangoSourceDir(), 'db/models/query.py'), 'utf8');
    const first = await parsePython(text);
    const second = await parsePython(text);
    expect(second).not.toBe(first);
    // Below the root, node ids are subtree addresses: equal ids mean the second tree reuses the first parse.
    expect(firstId(second)).toBe(firstId(first));
    const expected = first.rootNode.toString();
    const statements = first.rootNode.namedChildCount;
    first.delete();
    expect(second.rootNode.toString()).toBe(expected);
    expect(second.rootNode.descendantForIndex(text.indexOf('class QuerySet'))?.type).toBe('class');
    second.delete();
    expect(await withParsedPython(text, (root) => root.namedChildCount)).toBe(statements);
  });

  it('parses afresh with cache: false and for a different text', async () => {
    const text = 'import os\n\ndef f():\n    return os.sep\n';
    const cached = await parsePython(text);
    const uncached = await parsePython(text, { cache: false });
    const other = await parsePython(`${text}\n`);
    expect(firstId(uncached)).not.toBe(firstId(cached));
    expect(uncached.rootNode.toString()).toBe(cached.rootNode.toString());
    expect(other.rootNode.endIndex).toBe(text.length + 1);
    for (const tree of [cached, uncached, other]) tree.delete();
  });

  it('forgets the least recently used texts past its limit', async () => {
    // Every tree stays alive until the end, so a fresh parse can never reuse a freed node address.
    const texts = Array.from({ length: 10 }, (_, i) => `x${i} = ${i}\n`);
    const trees = [];
    for (const text of texts) trees.push(await parsePython(text));
    const newest = await parsePython(texts[9] as string);
    const oldest = await parsePython(texts[0] as string);
    expect(firstId(newest)).toBe(firstId(trees[9]));
    expect(firstId(oldest)).not.toBe(firstId(trees[0]));
    for (const tree of [...trees, newest, oldest]) tree.delete();
  });

  it('does not cache a text with cache: false', async () => {
    const text = 'y = 2\n';
    const a = await parsePython(text, { cache: false });
    const b = await parsePython(text);
    expect(firstId(b)).not.toBe(firstId(a));
    a.delete();
    b.delete();
  });
});
