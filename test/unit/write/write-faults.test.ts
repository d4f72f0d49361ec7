// Failures in the middle of a write: an injected disk-full (ENOSPC) or permission-denied (EACCES) error at every
// step in turn (MODSPLIT_FAIL_AT_STEP, we run as root so chmod cannot deny us), and a real ENAMETOOLONG from the
// OS. Each must be rolled back to a byte-identical tree, git index included, with MS513.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverInterruptedWrite, writeChangeSet } from '../../../src/write/index.js';
import { makeRealisticProject, snapshotTree } from './write-fixture.js';

afterEach(() => {
  delete process.env.MODSPLIT_FAIL_AT_STEP;
});

describe.each([
  { git: true, code: 'ENOSPC' },
  { git: true, code: 'EACCES' },
  { git: false, code: 'ENOSPC' },
  { git: false, code: 'EACCES' },
])('an injected $code at each step (git: $git)', ({ git, code }) => {
  it('rolls back to the exact tree before the write', async () => {
    let failures = 0;
    for (let step = 1; step < 100; step++) {
      const project = makeRealisticProject({ git });
      const before = snapshotTree(project.root);
      process.env.MODSPLIT_FAIL_AT_STEP = `${step}:${code}`;
      const result = await writeChangeSet(project.changeSet);
      delete process.env.MODSPLIT_FAIL_AT_STEP;
      if (result.journalId !== undefined) {
        // Past the last step: the write went through untouched by the fault.
        expect(result.diagnostics).toEqual([]);
        break;
      }
      failures++;
      expect(
        result.diagnostics.map((d) => d.code),
        `step ${step}`,
      ).toEqual(['MS513']);
      expect(result.diagnostics[0]?.message).toContain(`${code}: injected fault at step`);
      expect(snapshotTree(project.root), `tree after a failure at step ${step}`).toBe(before);
      expect((await recoverInterruptedWrite(project.root)).outcome).toBe('nothing-to-do');
      expect(existsSync(join(project.root, git ? '.git/modsplit' : '.modsplit'))).toBe(false);
    }
    // journal x2, one new directory, six temp files, commit mark, git rm (git only), unlink, git mv or rename,
    // six replacements, committed, done.
    expect(failures).toBe(git ? 21 : 20);
  });
});

describe('a real OS failure while preparing', () => {
  it('removes the temp files and directories it made when a name is too long (ENAMETOOLONG)', async () => {
    const project = makeRealisticProject({ git: true });
    const before = snapshotTree(project.root);
    const longName = `${'x'.repeat(240)}.py`;
    const result = await writeChangeSet({
      ...project.changeSet,
      changes: [
        ...project.changeSet.changes,
        { kind: 'create', path: `shop/models/deep/${longName}`, text: 'x = 1\n' },
      ],
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MS513']);
    expect(result.diagnostics[0]?.message).toContain('ENAMETOOLONG');
    expect(snapshotTree(project.root)).toBe(before);
  });
});
