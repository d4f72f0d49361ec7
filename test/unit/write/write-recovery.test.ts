// Recovery and locking corner cases: a live writer's lock (MS510), a stale lock left by a dead process, an
// unreadable journal (MS521), and a git index locked while an interrupted write waits to be rolled back (MS509).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** The pid of a process that has exited (a finished child), for a stale lock. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(result.stdout);
}

describe('the writer lock', () => {
  it('refuses to write or recover while a live process holds it (MS510)', async () => {
    const project = makeRealisticProject({ git: false });
    const before = snapshotTree(project.root);
    mkdirSync(join(project.root, '.modsplit'));
    // The test runner's parent process is alive for the whole test.
    writeFileSync(join(project.root, '.modsplit/lock'), `${process.ppid}\n`);
    expect(checkWritable(project.changeSet, {}).map((d) => d.code)).toEqual(['MS510']);
    expect((await writeChangeSet(project.changeSet)).diagnostics.map((d) => d.code)).toEqual(['MS510']);
    rmSync(join(project.root, '.modsplit'), { recursive: true });
    expect(snapshotTree(project.root)).toBe(before);
  });

  it('takes over a lock left by a dead process', async () => {
    const project = makeRealisticProject({ git: true });
    mkdirSync(join(project.root, '.git/modsplit'));
    writeFileSync(join(project.root, '.git/modsplit/lock'), `${deadPid()}\n`);
    expect(checkWritable(project.changeSet, {})).toEqual([]);
    const result = await writeChangeSet(project.changeSet);
    expect(result.diagnostics).toEqual([]);
    expect(readdirSync(join(project.root, '.git/modsplit'))).toEqual([result.journalId]);
  });
});

describe('the journal home', () => {
  it('reports a journal that cannot be created (MS513) and writes nothing', async () => {
    const project = makeRealisticProject({ git: false });
    writeFileSync(join(project.root, '.modsplit'), 'a file where the journal directory goes\n');
    const before = snapshotTree(project.root);
    expect(checkWritable(project.changeSet, {})).toEqual([]);
    const result = await writeChangeSet(project.changeSet);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MS513']);
    expect(result.diagnostics[0]?.message).toMatch(/cannot create the write journal/);
    expect(snapshotTree(project.root)).toBe(before);
  });
});

describe('recoverInterruptedWrite', () => {
  it('reports an unreadable journal instead of guessing (MS521), and checks report it as interrupted', async () => {
    const project = makeRealisticProject({ git: false });
    mkdirSync(join(project.root, '.modsplit/20250101T000000000Z-abcdef'), { recursive: true });
    writeFileSync(
      join(project.root, '.modsplit/20250101T000000000Z-abcdef/journal.json'),
      '{"version": 1, "sta',
    );
    const recovery = await recoverInterruptedWrite(project.root);
    expect(recovery.outcome).toBe('blocked');
    expect(recovery.diagnostics.map((d) => d.code)).toEqual(['MS521']);
    expect(checkWritable(project.changeSet, {}).map((d) => d.code)).toEqual(['MS501']);
    expect((await undoLastSplit(project.root)).diagnostics.map((d) => d.code)).toEqual(['MS501']);
  });

  it('waits for a locked git index (MS509), then rolls back once it is free', async () => {
    const project = makeRealisticProject({ git: true });
    const before = snapshotTree(project.root);
    const changeSetFile = join(makeTempDir('changeset'), 'change-set.json');
    writeFileSync(changeSetFile, JSON.stringify(project.changeSet));
    // Step 14 is after the `git mv` (journal x2, mkdir, 6 temps, commit mark, git rm, unlink, git mv).
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/unit/write/write-child.ts', 'write', changeSetFile],
      {
        cwd: repoRoot,
        env: { ...process.env, MODSPLIT_CRASH_AT_STEP: '14' },
      },
    );
    expect(run.signal).toBe('SIGKILL');
    writeFileSync(join(project.root, '.git/index.lock'), '');
    const blocked = await recoverInterruptedWrite(project.root);
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.diagnostics.map((d) => d.code)).toEqual(['MS509']);
    rmSync(join(project.root, '.git/index.lock'));
    const recovered = await recoverInterruptedWrite(project.root);
    expect(recovered.outcome).toBe('rolled-back');
    expect(snapshotTree(project.root)).toBe(before);
  });
});
