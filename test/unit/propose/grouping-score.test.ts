// Grouping quality against maintainers' own splits of real modules: for each corpus case, modsplit's plan (with the
// maintainers' number of files) must agree with their files better than equal chunks in source order (ARI).

import { describe, expect, it } from 'vitest';
import { computeAdjustedRandIndex, listCorpusCases, scoreCase } from '../../../scripts/grouping-score.js';

describe('adjusted Rand index', () => {
  it('is 1 for the same partition under other labels, about 0 or below for unrelated ones', () => {
    expect(computeAdjustedRandIndex(['a', 'a', 'b', 'b', 'c'], ['x', 'x', 'y', 'y', 'z'])).toBe(1);
    expect(computeAdjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeLessThan(0);
    // Known value: one item moved between two groups of three.
    expect(
      computeAdjustedRandIndex(['a', 'a', 'a', 'b', 'b', 'b'], ['a', 'a', 'b', 'b', 'b', 'b']),
    ).toBeCloseTo(0.3243, 3);
  });
});

describe('grouping quality on maintainer splits', () => {
  const cases = listCorpusCases();
  it('has cases to score', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const caseDir of cases) {
    it(`beats equal chunks in source order on ${caseDir.split('/').pop()}`, async () => {
      const score = await scoreCase(caseDir);
      expect(score.names).toBeGreaterThanOrEqual(10);
      expect(score.modsplit).toBeGreaterThan(score.baseline);
    });
  }
});
