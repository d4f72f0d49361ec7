// Putting a tree back from a journal: crash recovery (`recoverInterruptedWrite`) and `undoLastSplit`. Restoring
// makes every touched path match the journal's "before" state, so running it twice (after a crash) is harmless.

import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { lstatIfExists, replaceFileAtomically, sha256 } from './durable-fs.js';
import { createStepCounter, type StepCounter } from './fault-hooks.js';
import {
  findGitRepo,
  type GitRepo,
  isIndexLocked,
  readHead,
  readIndexEntries,
  restoreIndexEntries,
} from './git-repo.js';
import {
  acquireWriterLock,
  findLockHolder,
  isInterrupted,
  type Journal,
  type JournalListing,
  listJournals,
  locateJournalHome,
  readOriginalBlob,
  removeJournalHomeIfEmpty,
  saveJournal,
} from './journal.js';
import { lockHeldError, writeDiagnostic, writeError } from './write-diagnostics.js';

export interface RecoveryResult {
  /**
   * - `nothing-to-do`: no interrupted write.
   * - `rolled-back`: an interrupted write (or undo) was restored to the tree from before the split.
   * - `completed`: the write had finished moving files; its cleanup was completed.
   * - `blocked`: recovery could not run (index lock, another writer, unreadable journal, or it failed); see diagnostics.
   */
  readonly outcome: 'nothing-to-do' | 'rolled-back' | 'completed' | 'blocked';
  readonly journalId?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface UndoOptions {
  /**
   * Delete the directories the split created even when other files appeared in them since (instead of keeping them
   * with MS520). For the automatic rollback right after a failed verification, where such files can only come from
   * running the project (bytecode caches); never for an undo the user asked for later.
   */
  readonly purgeCreatedDirs?: boolean;
}

export interface UndoResult {
  readonly outcome: 'undone' | 'nothing-to-undo' | 'refused' | 'failed';
  readonly journalId?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The help of MS514: how a user finishes a restore that failed (recovery runs before split, plan, analyze and undo). */
export const FINISH_RESTORE_HELP =
  'Fix the cause named in the message, then run `modsplit undo` (or any split, plan or analyze): each run first ' +
  'finishes the restore from the kept journal.';

function restoreTempPath(path: string, id: string): string {
  return join(dirname(path), `.${basename(path)}.${id}.modsplit-restore`);
}

/**
 * Make the tree match the journal's "before" state: original bytes, modes, owners and times of every touched file,
 * no file where there was none, no temp file, no directory the write created, the index entries of touched paths.
 * Files already right are left alone. Throws when the disk refuses; returns warnings (MS520).
 */
export function restoreTree(
  journal: Journal,
  journalDir: string,
  repo: GitRepo | undefined,
  steps: StepCounter,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const root = journal.root;
  for (const file of [...journal.files].reverse()) {
    const abs = join(root, file.path);
    const current = lstatIfExists(abs);
    const original = file.original;
    if (original === null) {
      if (current === undefined) continue;
      steps.step(`restore:unlink:${file.path}`);
      unlinkSync(abs);
      continue;
    }
    const bytes = readOriginalBlob(journalDir, original);
    if (
      current?.isFile() &&
      (current.mode & 0o7777) === original.mode &&
      sha256(readFileSync(abs)) === original.sha256
    ) {
      continue;
    }
    steps.step(`restore:write:${file.path}`);
    // `git rm` or a move may have removed the parent; the original lived there, so it comes back.
    mkdirSync(dirname(abs), { recursive: true });
    const temp = restoreTempPath(abs, journal.id);
    rmSync(temp, { force: true });
    replaceFileAtomically(abs, bytes, temp, { mode: original.mode, uid: original.uid, gid: original.gid });
    utimesSync(abs, original.atimeMs / 1000, original.mtimeMs / 1000);
  }
  for (const temp of journal.temps) {
    const abs = join(root, temp);
    if (lstatIfExists(abs) === undefined) continue;
    steps.step(`restore:temp:${temp}`);
    unlinkSync(abs);
  }
  for (const dir of [...journal.createdDirs].reverse()) {
    const abs = join(root, dir);
    if (!lstatIfExists(abs)?.isDirectory()) continue;
    steps.step(`restore:rmdir:${dir}`);
    if (journal.purgeCreatedDirs) {
      rmSync(abs, { recursive: true, force: true });
      continue;
    }
    try {
      rmdirSync(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      warnings.push(
        writeDiagnostic(
          'MS520',
          'warning',
          `\`${dir}\` was created by the write but now holds other files, so it was kept`,
          {
            path: dir,
            help: 'Inspect the directory and delete it if those files are not yours.',
          },
        ),
      );
    }
  }
  if (journal.git && repo) {
    const now = readIndexEntries(repo, journal.git.paths);
    if (JSON.stringify(now) !== JSON.stringify(journal.git.entries)) {
      steps.step('restore:git-index');
      restoreIndexEntries(repo, journal.git.paths, journal.git.entries);
    }
  }
  return warnings;
}

/** Finish a write whose files are all in place: drop leftover temps, mark it done, keep only this journal. */
export function finishCommittedJournal(
  home: string,
  journalDir: string,
  journal: Journal,
  steps: StepCounter,
): void {
  for (const temp of journal.temps) rmSync(join(journal.root, temp), { force: true });
  steps.step('journal:done');
  saveJournal(journalDir, { ...journal, state: 'done' });
  for (const older of listJournals(home)) {
    if (older.id === journal.id || isInterrupted(older)) continue;
    steps.step(`journal:prune:${older.id}`);
    rmSync(older.dir, { recursive: true, force: true });
  }
}

interface Located {
  readonly root: string;
  readonly repo: GitRepo | undefined;
  readonly home: string;
}

function locate(root: string): Located | Diagnostic {
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    return writeError('MS502', `the root \`${root}\` is not an existing directory`, {
      help: 'Pass the project directory that contains the module as the root.',
    });
  }
  const repo = findGitRepo(real);
  return { root: real, repo, home: locateJournalHome(real, repo?.gitDir) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isExpectedFailure(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string';
}

/**
 * Detect a write (or undo) left unfinished by a killed process and repair the tree: roll it back byte for byte,
 * or, when the journal says every file was already in place, complete its cleanup. Every modsplit command calls
 * this first. Returns `nothing-to-do` quickly when there is no journal.
 *
 * Example: `modsplit split shop/models.py` killed between moving `shop/models.py` and writing
 * `shop/models/billing.py`; the next command restores `shop/models.py` and removes `shop/models/`.
 */
export async function recoverInterruptedWrite(root: string): Promise<RecoveryResult> {
  const where = locate(root);
  if (!('home' in where)) return { outcome: 'blocked', diagnostics: [where] };
  if (!existsSync(where.home)) return { outcome: 'nothing-to-do', diagnostics: [] };
  const interrupted = listJournals(where.home).filter(isInterrupted);
  if (interrupted.length === 0) {
    // A writer killed before its first journal step leaves only a stale lock (and, outside git, the home).
    if (findLockHolder(where.home) === undefined) {
      rmSync(join(where.home, 'lock'), { force: true });
      removeJournalHomeIfEmpty(where.home);
    }
    return { outcome: 'nothing-to-do', diagnostics: [] };
  }
  const lock = acquireWriterLock(where.home);
  if ('heldBy' in lock) {
    return {
      outcome: 'blocked',
      diagnostics: [lockHeldError(lock.heldBy)],
    };
  }
  const diagnostics: Diagnostic[] = [];
  let outcome: RecoveryResult['outcome'] = 'rolled-back';
  let journalId: string | undefined;
  try {
    for (const listing of interrupted) {
      journalId = listing.id;
      const result = recoverOne(where, listing);
      diagnostics.push(...result.diagnostics);
      if (result.outcome === 'blocked') {
        outcome = 'blocked';
        break;
      }
      if (result.outcome === 'completed') outcome = 'completed';
    }
  } finally {
    lock.release();
    removeJournalHomeIfEmpty(where.home);
  }
  return { outcome, ...(journalId !== undefined ? { journalId } : {}), diagnostics };
}

function recoverOne(
  where: Located,
  listing: JournalListing,
): { outcome: RecoveryResult['outcome']; diagnostics: Diagnostic[] } {
  const steps = createStepCounter();
  if (listing.corrupt !== undefined) {
    return {
      outcome: 'blocked',
      diagnostics: [
        writeError('MS521', `the write journal ${listing.dir} cannot be read: ${listing.corrupt}`, {
          help: 'Check the files it lists against git, then delete that journal directory.',
        }),
      ],
    };
  }
  const journal = listing.journal;
  if (journal === undefined) {
    // Died before journal.json was saved: nothing outside the journal directory was touched yet.
    steps.step('recover:drop-empty-journal');
    rmSync(listing.dir, { recursive: true, force: true });
    return {
      outcome: 'rolled-back',
      diagnostics: [
        writeDiagnostic(
          'MS515',
          'warning',
          'an interrupted write was rolled back; it had not changed any file yet',
          {
            help: 'Run the split again if you still want it.',
          },
        ),
      ],
    };
  }
  const repo = journal.root === where.root ? where.repo : findGitRepo(journal.root);
  if (journal.state === 'committed') {
    try {
      finishCommittedJournal(where.home, listing.dir, journal, steps);
    } catch (error) {
      if (!isExpectedFailure(error)) throw error;
      return {
        outcome: 'blocked',
        diagnostics: [
          writeError(
            'MS514',
            `finishing the interrupted write from ${listing.dir} failed: ${errorText(error)}`,
            { help: FINISH_RESTORE_HELP },
          ),
        ],
      };
    }
    return {
      outcome: 'completed',
      diagnostics: [
        writeDiagnostic(
          'MS516',
          'info',
          `the interrupted split "${journal.description}" had written every file; its cleanup was completed`,
          {
            help: 'Review the split with git diff, or undo it with `modsplit undo`.',
          },
        ),
      ],
    };
  }
  if (journal.git && repo && isIndexLocked(repo)) {
    return {
      outcome: 'blocked',
      diagnostics: [
        writeError(
          'MS509',
          `the git index is locked (${repo.indexPath}.lock exists), so the interrupted write cannot be rolled back yet`,
          {
            help: 'Wait for the other git command to finish, or delete the lock if no git process is running.',
          },
        ),
      ],
    };
  }
  try {
    const warnings = restoreTree(journal, listing.dir, repo, steps);
    steps.step('recover:drop-journal');
    rmSync(listing.dir, { recursive: true, force: true });
    const what =
      journal.state === 'undoing'
        ? 'an interrupted undo was finished'
        : 'an interrupted write was rolled back';
    return {
      outcome: 'rolled-back',
      diagnostics: [
        writeDiagnostic(
          'MS515',
          'warning',
          `${what}: "${journal.description}"; the tree is as it was before that split`,
          {
            help:
              journal.state === 'undoing' ? 'Nothing to do.' : 'Run the split again if you still want it.',
          },
        ),
        ...warnings,
      ],
    };
  } catch (error) {
    if (!isExpectedFailure(error)) throw error;
    return {
      outcome: 'blocked',
      diagnostics: [
        writeError('MS514', `restoring the tree from ${listing.dir} failed: ${errorText(error)}`, {
          help: FINISH_RESTORE_HELP,
        }),
      ],
    };
  }
}

/**
 * Revert the last completed split from its kept journal: original files, modes and index entries come back, new
 * files and directories go. Refuses (MS517) when a file the split wrote changed since, and (MS518) once HEAD
 * moved (the split was committed: use `git revert`).
 */
export async function undoLastSplit(root: string, options: UndoOptions = {}): Promise<UndoResult> {
  const where = locate(root);
  if (!('home' in where)) return { outcome: 'failed', diagnostics: [where] };
  const listings = listJournals(where.home);
  if (listings.some(isInterrupted)) {
    return {
      outcome: 'refused',
      diagnostics: [
        writeError('MS501', 'a previous modsplit write was interrupted; recover it before undoing', {
          help: 'Run any modsplit command (`modsplit undo` included): each one recovers an interrupted write first.',
        }),
      ],
    };
  }
  const last = listings.at(-1);
  if (last?.journal === undefined) {
    return {
      outcome: 'nothing-to-undo',
      diagnostics: [
        writeDiagnostic('MS519', 'info', 'there is no completed split to undo in this tree', {
          help: 'Use git to revert older changes.',
        }),
      ],
    };
  }
  const journal = last.journal;
  const repo = journal.root === where.root ? where.repo : findGitRepo(journal.root);
  const lock = acquireWriterLock(where.home);
  if ('heldBy' in lock) {
    return {
      outcome: 'refused',
      diagnostics: [lockHeldError(lock.heldBy)],
    };
  }
  try {
    if (journal.git && repo && readHead(repo) !== journal.git.head) {
      return {
        outcome: 'refused',
        journalId: journal.id,
        diagnostics: [
          writeError('MS518', `HEAD moved since the split "${journal.description}" was written`, {
            help: 'Use `git revert` on the commit that contains the split.',
          }),
        ],
      };
    }
    const changed = journal.files.filter((file) => {
      const stats = lstatIfExists(join(journal.root, file.path));
      if (file.final === null) return stats !== undefined;
      return !stats?.isFile() || sha256(readFileSync(join(journal.root, file.path))) !== file.final.sha256;
    });
    if (changed.length > 0) {
      return {
        outcome: 'refused',
        journalId: journal.id,
        diagnostics: changed.map((file) =>
          writeError(
            'MS517',
            `\`${file.path}\` changed since the split wrote it, so undo would lose that change`,
            {
              path: file.path,
              help: 'Revert your later edits to this file first, or undo the split by hand with git.',
            },
          ),
        ),
      };
    }
    if (journal.git && repo && isIndexLocked(repo)) {
      return {
        outcome: 'refused',
        journalId: journal.id,
        diagnostics: [
          writeError('MS509', `the git index is locked (${repo.indexPath}.lock exists)`, {
            help: 'Wait for the other git command to finish, or delete the lock if no git process is running.',
          }),
        ],
      };
    }
    const steps = createStepCounter();
    try {
      steps.step('journal:undoing');
      const undoing: Journal = {
        ...journal,
        state: 'undoing',
        purgeCreatedDirs: options.purgeCreatedDirs === true,
      };
      saveJournal(last.dir, undoing);
      const warnings = restoreTree(undoing, last.dir, repo, steps);
      steps.step('journal:remove');
      rmSync(last.dir, { recursive: true, force: true });
      return { outcome: 'undone', journalId: journal.id, diagnostics: warnings };
    } catch (error) {
      if (!isExpectedFailure(error)) throw error;
      return {
        outcome: 'failed',
        journalId: journal.id,
        diagnostics: [
          writeError(
            'MS514',
            `undoing the split failed: ${errorText(error)}; the journal is kept in ${last.dir}`,
            { help: FINISH_RESTORE_HELP },
          ),
        ],
      };
    }
  } finally {
    lock.release();
    if (!existsSync(last.dir)) removeJournalHomeIfEmpty(where.home);
  }
}
