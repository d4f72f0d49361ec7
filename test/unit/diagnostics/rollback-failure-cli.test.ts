// MS514 through the CLI, at each place it is raised: a split whose write and rollback both fail, recovery of a
// killed split that cannot restore or cannot finish, and an undo that fails. Faults come from the test hooks in
// src/write/fault-hooks.ts (we run as root, so chmod cannot deny us). Each time the message names the kept journal,
// and a later `modsplit plan` (recovery runs before every split, plan and analyze) leaves the tree as it was.

import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliRun, copyProject, runCli } from '../../helpers/run-cli.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';

/** 13 write steps with git: see the fixture's README. */
const FIXTURE = 'test/fixtures/diagnostics/shop-project/input';
const SPLIT = ['split', 'shop/models.py', '--into', 'billing.py=Invoice', '--into', 'customers.py=Customer'];
const STEP_SECOND_REPLACE = 10;
const STEP_DONE = 13;
const HELP =
  '= help: Fix the cause named in the message, then run `modsplit undo` (or any split, plan or analyze)';

/** `modsplit plan` on a module that survives any half-written state (shop/models.py may have been moved). */
const planViews = (root: string, env: Record<string, string> = {}): CliRun =>
  runCli(['plan', 'shop/views.py'], root, env);

function journalHome(root: string): string {
  return join(realpathSync(root), '.git/modsplit');
}

/** The one journal directory left in the tree, and its recorded state. */
function keptJournal(root: string): { dir: string; state: string } {
  const ids = readdirSync(journalHome(root)).filter((name) => name !== 'lock');
  expect(ids).toHaveLength(1);
  const dir = join(journalHome(root), ids[0] as string);
  return { dir, state: JSON.parse(readFileSync(join(dir, 'journal.json'), 'utf8')).state };
}

describe('MS514: rollback did not finish', () => {
  it('split: the write and its rollback both fail (exit 1); the journal is named, and the next run restores', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    const run = runCli(SPLIT, root, {
      MODSPLIT_FAIL_AT_STEP: `${STEP_SECOND_REPLACE}:ENOSPC`,
      MODSPLIT_FAIL_ROLLBACK_AT_STEP: '2:ENOSPC',
    });
    expect(run.stderr).toContain(
      'error[MS514]: writing failed (ENOSPC: injected fault at step "replace:shop/models/billing.py"',
    );
    expect(run.stderr).toContain('and so did restoring the tree: ENOSPC: injected fault at step "restore:');
    const kept = keptJournal(root);
    expect(run.stderr).toContain(`; the journal is kept in ${kept.dir}\n`);
    expect(kept.state).toBe('committing');
    expect(run.stderr).toContain(HELP);
    expect(run.status).toBe(1);
    // Half restored: the git mv of shop/models.py is not undone yet.
    expect(existsSync(join(root, 'shop/models.py'))).toBe(false);
    expect(snapshotTree(root)).not.toEqual(before);

    const next = planViews(root);
    expect(next.stderr).toContain(
      'warning[MS515]: an interrupted write was rolled back: "split shop/models.py',
    );
    expect(next.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
    expect(existsSync(kept.dir)).toBe(false);
  });

  it('recovery of a killed split cannot restore (exit 2), then a later run does', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    const killed = runCli(SPLIT, root, { MODSPLIT_CRASH_AT_STEP: String(STEP_SECOND_REPLACE) });
    expect(killed.status).toBeNull();
    const kept = keptJournal(root);
    expect(kept.state).toBe('committing');
    expect(existsSync(join(root, 'shop/models.py'))).toBe(false);

    const blocked = planViews(root, { MODSPLIT_FAIL_AT_STEP: '1:EACCES' });
    expect(blocked.stderr).toContain(
      `error[MS514]: restoring the tree from ${kept.dir} failed: EACCES: injected fault at step "restore:`,
    );
    expect(blocked.stderr).toContain(HELP);
    expect(blocked.status).toBe(2);
    expect(blocked.stdout).toBe('');
    expect(existsSync(kept.dir)).toBe(true);

    const next = planViews(root);
    expect(next.stderr).toContain('warning[MS515]: an interrupted write was rolled back');
    expect(next.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('recovery of a split killed after every file was in place cannot finish (exit 2), then a later run does', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    const killed = runCli(SPLIT, root, { MODSPLIT_CRASH_AT_STEP: String(STEP_DONE) });
    expect(killed.status).toBeNull();
    const kept = keptJournal(root);
    expect(kept.state).toBe('committed');

    const blocked = planViews(root, { MODSPLIT_FAIL_AT_STEP: '1:EIO' });
    expect(blocked.stderr).toContain(
      `error[MS514]: finishing the interrupted write from ${kept.dir} failed: EIO: injected fault at step "journal:done"`,
    );
    expect(blocked.stderr).toContain(HELP);
    expect(blocked.status).toBe(2);

    const next = planViews(root);
    expect(next.stderr).toContain('info[MS516]: the interrupted split');
    expect(next.status).toBe(0);
    expect(readdirSync(join(root, 'shop/models')).sort()).toEqual([
      '__init__.py',
      'billing.py',
      'customers.py',
    ]);
    // The completed split is an ordinary one: undo brings back the tree from before it.
    const undo = runCli(['undo'], root);
    expect(undo.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('undo fails half way (exit 1); the journal is named, and the next run finishes the undo', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    expect(runCli(SPLIT, root).status).toBe(0);
    const split = keptJournal(root);

    // Step 1 marks the journal as undoing, step 2 is the first file restored.
    const undo = runCli(['undo'], root, { MODSPLIT_FAIL_AT_STEP: '2:ENOSPC' });
    expect(undo.stderr).toContain(
      'error[MS514]: undoing the split failed: ENOSPC: injected fault at step "restore:',
    );
    expect(undo.stderr).toContain(`; the journal is kept in ${split.dir}\n`);
    expect(undo.stderr).toContain(HELP);
    expect(undo.status).toBe(1);
    expect(keptJournal(root)).toEqual({ dir: split.dir, state: 'undoing' });

    const next = planViews(root);
    expect(next.stderr).toContain('warning[MS515]: an interrupted undo was finished');
    expect(next.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('after a killed split, the next command recovers before anything else', () => {
  it('the same split command rolls the interrupted one back, then splits (no "already a package")', () => {
    const root = copyProject(FIXTURE, { git: true });
    const killed = runCli(SPLIT, root, { MODSPLIT_CRASH_AT_STEP: String(STEP_SECOND_REPLACE) });
    expect(killed.status).toBeNull();
    expect(existsSync(join(root, 'shop/models/__init__.py'))).toBe(true);

    const again = runCli(SPLIT, root);
    expect(again.stderr).toContain('warning[MS515]: an interrupted write was rolled back');
    expect(again.stderr).not.toContain('MS160');
    expect(again.status).toBe(0);
    expect(readdirSync(join(root, 'shop/models')).sort()).toEqual([
      '__init__.py',
      'billing.py',
      'customers.py',
    ]);
  });

  it('`modsplit undo` rolls the interrupted split back and stops there (exit 0, tree as before)', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    expect(runCli(SPLIT, root, { MODSPLIT_CRASH_AT_STEP: String(STEP_SECOND_REPLACE) }).status).toBeNull();
    const kept = keptJournal(root);

    const undo = runCli(['undo', '--format', 'json'], root);
    expect(undo.status).toBe(0);
    const report = JSON.parse(undo.stdout);
    expect(report.outcome).toBe('recovered');
    expect(report.journalId).toBe(kept.dir.split('/').at(-1));
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['MS515']);
    expect(snapshotTree(root)).toEqual(before);

    // Nothing older is undone by a second call either: no completed split is recorded.
    const second = runCli(['undo'], root);
    expect(second.stderr).toContain('nothing to undo');
    expect(snapshotTree(root)).toEqual(before);
  });
});
