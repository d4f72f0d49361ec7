// Unit checks of collectStatementFacts on small snippets: scoping corners and classification of uses.
// The Python-oracle comparison over Django lives in scope-oracle.test.ts; rule fixtures in fixtures.test.ts.

import { describe, expect, it } from 'vitest';
import { collectStatementFacts } from '../../../src/analyze/dependencies/index.js';
import { withParsedPython } from '../../../src/read/parse-python.js';

async function usesOf(source: string): Promise<string[][]> {
  return withParsedPython(source, (root) =>
    collectStatementFacts(root).map((facts) => facts.uses.map((u) => `${u.name}:${u.when}`)),
  );
}

describe('collectStatementFacts', () => {
  it('lets a comprehension in a class body see the module X, not the class X', async () => {
    const uses = await usesOf('X = 1\nclass C:\n    X = 2\n    Y = [X for _ in "a"]\n    Z = X\n');
    expect(uses[1]).toEqual(['X:import-time']);
  });

  it('classifies method bodies as call-time and defaults and decorators as import-time', async () => {
    const uses = await usesOf('@deco\ndef f(a=DEFAULT):\n    return helper(a)\n');
    expect(uses[0]).toEqual(['deco:import-time', 'DEFAULT:import-time', 'helper:call-time']);
  });

  it('reports offsets and 1-based lines of the first occurrence after non-ASCII text', async () => {
    const source = '# é😀\nx = ünï + ünï\n';
    const facts = await withParsedPython(source, (root) => collectStatementFacts(root));
    const use = facts[0]?.uses[0];
    expect(use?.line).toBe(2);
    expect(source.slice(use?.range.start, use?.range.end)).toBe('ünï');
  });
});
