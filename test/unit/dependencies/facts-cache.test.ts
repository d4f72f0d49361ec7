// collectStatementFacts remembers the facts of recent module texts: a second tree of the same text (emit and the
// static checks re-read the module) gets the same facts without a walk; other texts and offsets are walked afresh.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatementFacts } from '../../../src/analyze/dependencies/index.js';
import { parsePython, withParsedPython } from '../../../src/read/parse-python.js';
import { djangoSourceDir } from '../../helpers/python.js';

async function factsOf(text: string) {
  // cache: false gives two independent trees, so only the facts cache can make the results share objects.
  const tree = await parsePython(text, { cache: false });
  try {
    return collectStatementFacts(tree.rootNode);
  } finally {
    tree.delete();
  }
}

describe('collectStatementFacts cache', () => {
  it('returns the same facts for a second tree of the same module, in a fresh array', async () => {
    const text = readFileSync(join(djangoSourceDir(), 'db/models/query.py'), 'utf8');
    const first = await factsOf(text);
    const second = await factsOf(text);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(second[0]).toBe(first[0]);
    second.pop();
    expect((await factsOf(text)).length).toBe(first.length);
  });

  it('walks a different text afresh, with its own lines and offsets', async () => {
    const text = 'import os\n\ndef f():\n    return os.sep\n';
    const plain = await factsOf(text);
    const shifted = await factsOf(`\n\n${text}`);
    expect(shifted[1]).not.toBe(plain[1]);
    expect(shifted[1]?.uses[0]?.line).toBe((plain[1]?.uses[0]?.line ?? 0) + 2);
    expect(shifted[1]?.start).toBe((plain[1]?.start ?? 0) + 2);
  });

  it('does not cache facts of a subtree (only whole modules)', async () => {
    const text = 'class A:\n    def f(self):\n        return B\n';
    const [a, b] = await withParsedPython(text, (root) => {
      const body = root.firstNamedChild?.childForFieldName('body');
      return body ? [collectStatementFacts(body), collectStatementFacts(body)] : [];
    });
    expect(b?.[0]).not.toBe(a?.[0]);
    expect(b).toEqual(a);
  });
});
