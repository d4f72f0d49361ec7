// Crash safety: a child process writes (or undoes) the realistic change set and SIGKILLs itself before each step in
// turn (MODSPLIT_CRASH_AT_STEP); recoverInterruptedWrite must then leave the tree byte-identical to before (files,
// modes, `git ls-files -s`, `git status`), or, once every file was in place, exactly the finished split.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkWritable,
  recoverInterruptedWrite,
  undoLastSplit,
  writeChangeSet,
} from '../../../src/write/index.js';
import { repoRoot } from '../../helpers/python.js';
import { makeRealisticProject, makeTempDir, snapshotTree } from './write-fixture.js';

const child = join(repoRoot, 'test/unit/write/write-child.ts');

function runChild(args: string[], crashAt: number): { killed: boolean; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, MODSPLIT_CRASH_AT_STEP: String(crashAt) };
  delete env.MODSPLIT_FAIL_AT_STEP;
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  if (result.signal !== 'SIGKILL' && result.status !== 0) {
    throw new Error(`child failed (${result.status}): ${result.stderr}`);
  }
  return { killed: result.signal === 'SIGKILL', stdout: result.stdout };
}

function journalHome(git: boolean): string {
  return git ? '.git/modsplit' : '.modsplit';
}

describe.each([{ git: true }, { git: false }])('a write killed at each step (git: $git)', ({ git }) => {
  it('is rolled back, or completed once every file was in place', async () => {
    // The finished split, for the crashes that happen after the last file moved into place.
    const reference = makeRealisticProject({ git });
    expect((await writeChangeSet(reference.changeSet)).diagnostics).toEqual([]);
    const finished = snapshotTree(reference.root, { skip: [journalHome(git)] });

    const outcomes: string[] = [];
    for (let step = 1; step < 100; step++) {
      const project = makeRealisticProject({ git });
      const before = snapshotTree(project.root);
      const changeSetFile = join(makeTempDir('changeset'), 'change-set.json');
      writeFileSync(changeSetFile, JSON.stringify(project.changeSet));
      const run = runChild(['write', changeSetFile], step);
      if (!run.killed) {
        expect(JSON.parse(run.stdout).diagnostics).toEqual([]);
        break;
      }
      // Before recovery, the interrupted write is what the checks report, first and alone.
      const pending = checkWritable(project.changeSet, {}).map((d) => d.code);
      if (step > 1) expect(pending, `step ${step}`).toEqual(['MS501']);

      const recovery = await recoverInterruptedWrite(project.root);
      outcomes.push(recovery.outcome);
      if (recovery.outcome === 'completed') {
        expect(recovery.diagnostics.map((d) => d.code)).toEqual(['MS516']);
        expect(snapshotTree(project.root, { skip: [journalHome(git)] }), `step ${step}`).toBe(finished);
        // A completed split is undoable like any other.
        expect((await undoLastSplit(project.root)).outcome).toBe('undone');
      } else if (recovery.outcome === 'rolled-back') {
        expect(recovery.diagnostics.map((d) => d.code)).toEqual(['MS515']);
      } else expect(recovery.outcome, `step ${step}`).toBe('nothing-to-do');
      expect(snapshotTree(project.root), `tree after a crash at step ${step}`).toBe(before);
      expect(checkWritable(project.changeSet, {})).toEqual([]);
    }
    // Step 1 dies before the journal exists; the last step ("journal:done") dies after the commit.
    expect(outcomes[0]).toBe('nothing-to-do');
    expect(outcomes.at(-1)).toBe('completed');
    expect(outcomes.filter((o) => o === 'rolled-back').length).toBe(outcomes.length - 2);
    expect(outcomes.length).toBe(git ? 21 : 20);
  });
});

describe('an undo killed at each step', () => {
  it('is finished by recovery, so the tree ends byte-identical to before the split', async () => {
    const outcomes: string[] = [];
    for (let step = 1; step < 100; step++) {
      const project = makeRealisticProject({ git: true });
      const before = snapshotTree(project.root);
      expect((await writeChangeSet(project.changeSet)).diagnostics).toEqual([]);
      const split = snapshotTree(project.root);
      const run = runChild(['undo', project.root], step);
      if (!run.killed) {
        expect(JSON.parse(run.stdout).outcome).toBe('undone');
        expect(snapshotTree(project.root)).toBe(before);
        break;
      }
      const recovery = await recoverInterruptedWrite(project.root);
      outcomes.push(recovery.outcome);
      if (recovery.outcome === 'nothing-to-do') {
        // Killed before the undo marked its journal: the split is intact and still undoable.
        expect(snapshotTree(project.root)).toBe(split);
        expect((await undoLastSplit(project.root)).outcome).toBe('undone');
      }
      expect(snapshotTree(project.root), `tree after an undo killed at step ${step}`).toBe(before);
    }
    expect(outcomes[0]).toBe('nothing-to-do');
    expect(outcomes.slice(1).every((o) => o === 'rolled-back')).toBe(true);
    expect(outcomes.length).toBeGreaterThan(8);
  });
});
