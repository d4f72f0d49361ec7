// The write journal: enough on disk to undo a write byte for byte (original bytes, modes and owners of every
// touched file, created directories, temp files, git index entries), plus the writer lock. Lives in
// `.git/modsplit/` in a git repository, else `.modsplit/` under the root (with a `.gitignore` of `*`).
// It records state, not a log of steps: restoring is "make every touched path look like before", so it is idempotent.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, lstatIfExists, replaceFileAtomically } from './durable-fs.js';
import type { IndexEntry } from './git-repo.js';

/**
 * - `preparing`: temp files and new directories are being made; nothing the user owns has changed yet.
 * - `committing`: files are being moved into place; an interruption here is rolled back.
 * - `committed`: every file is in place; an interruption here is completed (cleanup), not rolled back.
 * - `done`: kept so `undoLastSplit` can revert it.
 * - `undoing`: an undo is restoring the original tree; an interruption here is completed (restore again).
 */
export type JournalState = 'preparing' | 'committing' | 'committed' | 'done' | 'undoing';

export interface JournalOriginal {
  /** File name under `originals/` holding the original bytes. */
  readonly blob: string;
  readonly sha256: string;
  /** Permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly atimeMs: number;
}

export interface JournalFile {
  /** Relative to the root, POSIX. */
  readonly path: string;
  /** What was there before the write; null when the path did not exist. */
  readonly original: JournalOriginal | null;
  /** What the write leaves there; null when the path ends up absent. */
  readonly final: { readonly sha256: string } | null;
}

export interface JournalGit {
  /** HEAD when the write started (null without commits); undo refuses once it moved. */
  readonly head: string | null;
  /** Touched paths relative to the worktree top, and their index entries before the write. */
  readonly paths: readonly string[];
  readonly entries: readonly IndexEntry[];
}

export interface Journal {
  readonly version: 1;
  readonly id: string;
  readonly state: JournalState;
  /** Absolute real path of the change set's root. */
  readonly root: string;
  readonly description: string;
  readonly createdAt: string;
  readonly files: readonly JournalFile[];
  /** Directories the write creates, relative to the root, parents first. */
  readonly createdDirs: readonly string[];
  /** Temp files the write may create, relative to the root. */
  readonly temps: readonly string[];
  readonly git: JournalGit | null;
  /** Set by an undo that deletes created directories with whatever appeared in them (see UndoOptions). */
  readonly purgeCreatedDirs?: boolean;
}

export const journalFileName = 'journal.json';

/** Where journals of `root` live: `<gitDir>/modsplit` in a repository, else `<root>/.modsplit`. */
export function locateJournalHome(root: string, gitDir: string | undefined): string {
  return gitDir ? join(gitDir, 'modsplit') : join(root, '.modsplit');
}

/** Make the journal home (and, outside git, its `.gitignore` so a later `git init` does not pick it up). */
export function ensureJournalHome(home: string, insideGitDir: boolean): void {
  mkdirSync(home, { recursive: true });
  const ignore = join(home, '.gitignore');
  if (!insideGitDir && !existsSync(ignore)) {
    replaceFileAtomically(
      ignore,
      Buffer.from('# modsplit write journals (undo data); not project files\n*\n'),
      `${ignore}.tmp`,
    );
  }
}

/** Remove the journal home when nothing but its `.gitignore` is left in it (no journal, no lock). */
export function removeJournalHomeIfEmpty(home: string): void {
  if (!existsSync(home)) return;
  const rest = readdirSync(home).filter((n) => n !== '.gitignore');
  if (rest.length === 0) rmSync(home, { recursive: true, force: true });
}

export function newJournalId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function saveJournal(dir: string, journal: Journal): void {
  const path = join(dir, journalFileName);
  replaceFileAtomically(path, Buffer.from(`${JSON.stringify(journal, null, 1)}\n`), `${path}.tmp`);
}

export interface JournalListing {
  readonly id: string;
  readonly dir: string;
  /** Undefined when `journal.json` is missing (the writer died before saving it) or unreadable. */
  readonly journal?: Journal;
  /** Set when `journal.json` exists but cannot be parsed. */
  readonly corrupt?: string;
}

/** Journals under `home`, oldest first (ids sort by creation time). */
export function listJournals(home: string): JournalListing[] {
  if (!lstatIfExists(home)?.isDirectory()) return [];
  const listings: JournalListing[] = [];
  for (const entry of readdirSync(home, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(home, entry.name);
    const path = join(dir, journalFileName);
    if (!existsSync(path)) {
      listings.push({ id: entry.name, dir });
      continue;
    }
    try {
      const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
      if (journal.version !== 1) throw new Error(`unknown journal version ${String(journal.version)}`);
      listings.push({ id: entry.name, dir, journal });
    } catch (error) {
      listings.push({ id: entry.name, dir, corrupt: (error as Error).message });
    }
  }
  return listings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A journal whose write (or undo) did not finish: the tree may be half written. */
export function isInterrupted(listing: JournalListing): boolean {
  return listing.journal === undefined || listing.journal.state !== 'done';
}

export function readOriginalBlob(dir: string, original: JournalOriginal): Buffer {
  return readFileSync(join(dir, 'originals', original.blob));
}

/** Held while one process writes, recovers or undoes, so two modsplit runs never roll back each other. */
export interface WriterLock {
  release(): void;
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock at `<home>/lock`, or report the pid that holds it. A lock left by a dead process is taken over. */
export function acquireWriterLock(home: string): WriterLock | { readonly heldBy: number } {
  const path = join(home, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      fsyncDirectory(home);
      return {
        release() {
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && isProcessAlive(pid)) return { heldBy: pid };
      unlinkSync(path);
    }
  }
  return { heldBy: -1 };
}

/** Who holds the writer lock, if a live process does. */
export function findLockHolder(home: string): number | undefined {
  const path = join(home, 'lock');
  if (!existsSync(path)) return undefined;
  const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
  return Number.isInteger(pid) && isProcessAlive(pid) ? pid : undefined;
}
