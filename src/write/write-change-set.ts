// Writes a change set all or nothing: every final content is computed in memory, written to temp files next to
// the targets, then moved into place step by step under a journal that can undo each step. Renames of tracked
// files use `git mv` (history follows); edits and new files are left unstaged, as a developer would leave them.

import { mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ChangeSet } from '../model/changes.js';
import { type Diagnostic, hasErrors } from '../model/diagnostics.js';
import { prepareWritePlan, type WriteOptions, type WritePlan } from './check-writable.js';
import { fsyncDirectory, sha256, writeNewFileSynced } from './durable-fs.js';
import { createStepCounter, type StepCounter } from './fault-hooks.js';
import { readHead, runGit } from './git-repo.js';
import {
  acquireWriterLock,
  ensureJournalHome,
  type Journal,
  type JournalFile,
  newJournalId,
  removeJournalHomeIfEmpty,
  saveJournal,
} from './journal.js';
import { FINISH_RESTORE_HELP, finishCommittedJournal, restoreTree } from './restore-journal.js';
import { lockHeldError, writeError } from './write-diagnostics.js';

export interface WriteResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Id of the kept journal (what `undoLastSplit` reverts); absent when nothing was written. */
  readonly journalId?: string;
}

/** Temp file of `path` for the write `id`: a hidden sibling, so the final rename stays on one file system. */
export function tempPathFor(path: string, id: string): string {
  const dir = dirname(path);
  const name = `.${basename(path)}.${id}.modsplit-tmp`;
  return dir === '.' ? name : `${dir}/${name}`;
}

/**
 * Write `changeSet` to disk, all or nothing. Runs `checkWritable` first and writes nothing when it reports an
 * error. On any failure (disk full, permission denied, a git command failing) everything is rolled back byte for
 * byte and MS513 explains why; the journal is kept afterwards so `undoLastSplit` can revert the split.
 *
 * Git: a tracked file is renamed with `git mv` (the move is staged, the new text written over it is not), a tracked
 * file is deleted from the index and the disk (`git rm`), edits and created files are not staged.
 *
 * Example: rename `shop/models.py` to `shop/models/__init__.py` with new text, create `shop/models/billing.py`.
 */
export async function writeChangeSet(changeSet: ChangeSet, options: WriteOptions = {}): Promise<WriteResult> {
  const { diagnostics, plan } = prepareWritePlan(changeSet, options);
  if (plan === undefined || hasErrors(diagnostics)) return { diagnostics };
  if (changeSet.changes.length === 0) return { diagnostics };
  return carryOutWritePlan(plan, changeSet.description, diagnostics);
}

function carryOutWritePlan(plan: WritePlan, description: string, diagnostics: Diagnostic[]): WriteResult {
  const { root, repo, journalHome } = plan;
  let lock: ReturnType<typeof acquireWriterLock>;
  try {
    ensureJournalHome(journalHome, repo !== undefined);
    lock = acquireWriterLock(journalHome);
  } catch (error) {
    if (typeof (error as { code?: unknown })?.code !== 'string') throw error;
    return {
      diagnostics: [
        ...diagnostics,
        writeError(
          'MS513',
          `cannot create the write journal in ${journalHome}: ${(error as Error).message}`,
          {
            help: 'Fix the cause (free disk space, fix permissions), then run again; nothing was written.',
          },
        ),
      ],
    };
  }
  if ('heldBy' in lock) {
    return {
      diagnostics: [...diagnostics, lockHeldError(lock.heldBy)],
    };
  }
  const steps = createStepCounter();
  const id = newJournalId();
  const journalDir = join(journalHome, id);
  const journal = describeJournal(plan, id, description);
  let journalSaved = false;
  try {
    steps.step('journal:create');
    mkdirSync(join(journalDir, 'originals'), { recursive: true });
    for (const file of journal.files) {
      const original = plan.touched.get(file.path);
      if (original && file.original)
        writeNewFileSynced(join(journalDir, 'originals', file.original.blob), original.bytes);
    }
    fsyncDirectory(join(journalDir, 'originals'));

    steps.step('journal:preparing');
    saveJournal(journalDir, journal);
    journalSaved = true;
    for (const dir of plan.createdDirs) {
      steps.step(`mkdir:${dir}`);
      mkdirSync(join(root, dir));
    }
    for (const content of plan.contents) {
      steps.step(`temp:${content.path}`);
      const like = content.from !== undefined ? plan.touched.get(content.from) : undefined;
      writeNewFileSynced(
        join(root, tempPathFor(content.path, id)),
        content.bytes,
        like ? { mode: like.stats.mode & 0o7777, uid: like.stats.uid, gid: like.stats.gid } : {},
      );
    }

    steps.step('journal:committing');
    saveJournal(journalDir, { ...journal, state: 'committing' });
    for (const del of plan.deletes) {
      if (repo && del.tracked) {
        steps.step(`git-rm:${del.path}`);
        runGit(repo, ['rm', '--cached', '-q', '-f', '--', repo.prefix + del.path]);
      }
      steps.step(`unlink:${del.path}`);
      unlinkSync(join(root, del.path));
    }
    for (const move of plan.moves) {
      if (repo && move.tracked) {
        steps.step(`git-mv:${move.from}`);
        runGit(repo, ['mv', '--', repo.prefix + move.from, repo.prefix + move.to]);
      } else {
        steps.step(`rename:${move.from}`);
        renameSync(join(root, move.from), join(root, move.to));
      }
    }
    for (const content of plan.contents) {
      steps.step(`replace:${content.path}`);
      renameSync(join(root, tempPathFor(content.path, id)), join(root, content.path));
    }
    for (const dir of new Set(
      [...plan.contents.map((c) => c.path), ...plan.deletes.map((d) => d.path)].map(dirname),
    )) {
      fsyncDirectory(join(root, dir));
    }

    steps.step('journal:committed');
    const committed: Journal = { ...journal, state: 'committed' };
    saveJournal(journalDir, committed);
    finishCommittedJournal(journalHome, journalDir, committed, steps);
    return { diagnostics, journalId: id };
  } catch (error) {
    return {
      diagnostics: [...diagnostics, ...rollBack(plan, journal, journalDir, journalSaved, steps, error)],
    };
  } finally {
    lock.release();
    removeJournalHomeIfEmpty(journalHome);
  }
}

function rollBack(
  plan: WritePlan,
  journal: Journal,
  journalDir: string,
  journalSaved: boolean,
  steps: StepCounter,
  error: unknown,
): Diagnostic[] {
  const cause = error instanceof Error ? error.message : String(error);
  try {
    // Restoring is not subject to the write's injected fault, only to its own (MODSPLIT_FAIL_ROLLBACK_AT_STEP).
    const rollbackSteps = createStepCounter({
      MODSPLIT_FAIL_AT_STEP: process.env.MODSPLIT_FAIL_ROLLBACK_AT_STEP,
    });
    const warnings = journalSaved ? restoreTree(journal, journalDir, plan.repo, rollbackSteps) : [];
    rmSync(journalDir, { recursive: true, force: true });
    if (typeof (error as { code?: unknown })?.code !== 'string') throw error;
    return [
      writeError(
        'MS513',
        `writing the change set failed at step ${steps.count} (${steps.lastLabel}): ${cause}`,
        {
          help: 'Fix the cause (free disk space, fix permissions), then run again; the tree was restored as it was.',
        },
      ),
      ...warnings,
    ];
  } catch (rollbackError) {
    if (rollbackError === error) throw error;
    const why = rollbackError instanceof Error ? rollbackError.message : String(rollbackError);
    return [
      writeError(
        'MS514',
        `writing failed (${cause}) and so did restoring the tree: ${why}; the journal is kept in ${journalDir}`,
        { help: FINISH_RESTORE_HELP },
      ),
    ];
  }
}

function describeJournal(plan: WritePlan, id: string, description: string): Journal {
  const files: JournalFile[] = [];
  let blob = 0;
  for (const [path, original] of plan.touched) {
    const final = plan.finals.get(path) ?? null;
    files.push({
      path,
      original: original
        ? {
            blob: String(blob++),
            sha256: sha256(original.bytes),
            mode: original.stats.mode & 0o7777,
            uid: original.stats.uid,
            gid: original.stats.gid,
            mtimeMs: original.stats.mtimeMs,
            atimeMs: original.stats.atimeMs,
          }
        : null,
      final: final === null ? null : { sha256: sha256(final) },
    });
  }
  const repo = plan.repo;
  return {
    version: 1,
    id,
    state: 'preparing',
    root: plan.root,
    description,
    createdAt: new Date().toISOString(),
    files,
    createdDirs: plan.createdDirs,
    temps: plan.contents.map((c) => tempPathFor(c.path, id)),
    git: repo
      ? {
          head: readHead(repo),
          paths: [...plan.touched.keys()].map((p) => repo.prefix + p),
          entries: plan.indexEntries,
        }
      : null,
  };
}
