// Every case under test/fixtures/split: the whole tree after the split and the diagnostics, byte for byte, plus
// the invariants (emitted files parse, each unit lands exactly once, a second run is refused and changes nothing).

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureCases, runSplitFixture } from '../../helpers/fixture-tree.js';
import { repoRoot } from '../../helpers/python.js';

const dir = join(repoRoot, 'test/fixtures/split');

describe('split fixtures', () => {
  for (const name of listFixtureCases(dir)) {
    it(name, async () => {
      const result = await runSplitFixture(join(dir, name));
      try {
        expect(result.mismatch, result.mismatch).toBe('');
        expect(result.invariants, result.invariants).toBe('');
      } finally {
        rmSync(result.workDir, { recursive: true, force: true });
      }
    });
  }
});
