// Everything the writer verifies before it touches a file, and the in-memory result of the write (every final
// content, computed up front). Reads the tree and asks git; never writes. Knows nothing about Python.

import { readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeSet } from '../model/changes.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { lstatIfExists } from './durable-fs.js';
import { editFileBytes, encodeNewFile } from './encode-file.js';
import {
  findGitRepo,
  type GitRepo,
  type IndexEntry,
  isIndexLocked,
  readIndexEntries,
  readStatus,
} from './git-repo.js';
import { findLockHolder, isInterrupted, listJournals, locateJournalHome } from './journal.js';
import { lockHeldError, writeError } from './write-diagnostics.js';

export interface WriteOptions {
  /** Write even when a touched file has uncommitted (staged, unstaged or untracked) changes in git. */
  readonly allowDirty?: boolean;
}

/** A path as it is before the write. */
export interface OriginalFile {
  readonly bytes: Buffer;
  readonly stats: Stats;
}

/** One final content to move into place from a temp file next to it. */
export interface PlannedContent {
  readonly path: string;
  readonly bytes: Buffer;
  /** Mode and owner to keep (edits and renames keep the original's); undefined for a new file. */
  readonly from?: string;
}

export interface PlannedMove {
  readonly from: string;
  readonly to: string;
  /** Tracked by git, so it moves with `git mv`. */
  readonly tracked: boolean;
}

export interface PlannedDelete {
  readonly path: string;
  readonly tracked: boolean;
}

/** The write, decided and computed in memory; `writeChangeSet` only carries it out. */
export interface WritePlan {
  /** Real path of the root. */
  readonly root: string;
  readonly repo: GitRepo | undefined;
  readonly journalHome: string;
  readonly deletes: readonly PlannedDelete[];
  readonly moves: readonly PlannedMove[];
  readonly contents: readonly PlannedContent[];
  /** Directories to create, parents first. */
  readonly createdDirs: readonly string[];
  /** Every path the write touches, in change-set order, with what is there now (undefined: nothing). */
  readonly touched: ReadonlyMap<string, OriginalFile | undefined>;
  /** What each touched path holds after the write (null: absent). */
  readonly finals: ReadonlyMap<string, Buffer | null>;
  /** Index entries of the touched paths before the write (toplevel-relative paths). */
  readonly indexEntries: readonly IndexEntry[];
}

/**
 * Refuse (MS5xx) what the writer must not do: an interrupted previous write (reported alone, first), unsafe
 * or symlinked paths, creating over an existing file, changing a missing one, uncommitted changes in git
 * (unless `allowDirty`), a locked index, edits that do not apply.
 *
 * Example: a change set that creates `shop/models/__init__.py` next to an existing `shop/models.py` passes;
 * the same change set after someone created `shop/models/__init__.py` by hand gets MS504.
 */
export function checkWritable(changeSet: ChangeSet, options: WriteOptions = {}): Diagnostic[] {
  return prepareWritePlan(changeSet, options).diagnostics;
}

/** Path rules: relative, POSIX, inside the root, not in `.git`/`.modsplit`. Returns why not, or undefined. */
export function findPathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'contains a backslash (paths use `/`)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return 'goes up with `..`';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or `.` segment';
  if (segments.some((s) => s === '.git')) return 'is inside `.git`';
  if (segments[0] === '.modsplit') return 'is inside `.modsplit` (the write journal)';
  return undefined;
}

type Role = 'create' | 'edit' | 'delete' | 'rename-from' | 'rename-to';

function mustExist(role: Role): boolean {
  return role === 'edit' || role === 'delete' || role === 'rename-from';
}

export function prepareWritePlan(
  changeSet: ChangeSet,
  options: WriteOptions,
): { diagnostics: Diagnostic[]; plan?: WritePlan } {
  const diagnostics: Diagnostic[] = [];
  let root: string;
  try {
    root = realpathSync(changeSet.root);
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch {
    diagnostics.push(
      writeError('MS502', `the root \`${changeSet.root}\` is not an existing directory`, {
        help: 'Pass the project directory that contains the module as the root.',
      }),
    );
    return { diagnostics };
  }
  const repo = findGitRepo(root);
  const journalHome = locateJournalHome(root, repo?.gitDir);

  // An interrupted write comes first: the tree may be half written, so nothing else is meaningful.
  const interrupted = listJournals(journalHome).filter(isInterrupted);
  const holder = findLockHolder(journalHome);
  if (holder !== undefined) {
    diagnostics.push(lockHeldError(holder));
    return { diagnostics };
  }
  if (interrupted.length > 0) {
    diagnostics.push(
      writeError(
        'MS501',
        `a previous modsplit write was interrupted; its journal is ${interrupted.map((j) => j.dir).join(', ')}`,
        {
          help: 'Run any modsplit command (`modsplit undo` included): each one recovers an interrupted write first.',
        },
      ),
    );
    return { diagnostics };
  }

  // Roles per path; one path, one role.
  const roles = new Map<string, Role>();
  const order: string[] = [];
  const addPath = (path: string, role: Role): void => {
    const problem = findPathProblem(path);
    if (problem !== undefined) {
      diagnostics.push(
        writeError('MS502', `the path \`${path}\` ${problem}`, {
          path,
          help: 'Keep every path of the change set relative to the root and inside it.',
        }),
      );
      return;
    }
    const previous = roles.get(path);
    if (previous !== undefined) {
      diagnostics.push(
        writeError('MS507', `\`${path}\` is changed twice in the change set (${previous}, then ${role})`, {
          path,
          help: 'Report the change set (`--format json`) as a bug.',
        }),
      );
      return;
    }
    roles.set(path, role);
    order.push(path);
  };
  for (const change of changeSet.changes) {
    if (change.kind === 'rename') {
      addPath(change.from, 'rename-from');
      addPath(change.to, 'rename-to');
    } else addPath(change.path, change.kind);
  }
  // A path that is a file of the change set and a directory of another one.
  for (const path of order) {
    for (let dir = dirname(path); dir !== '.'; dir = dirname(dir)) {
      if (roles.has(dir)) {
        diagnostics.push(
          writeError('MS507', `\`${dir}\` is a file of the change set and the directory of \`${path}\``, {
            path,
            help: 'Report the change set (`--format json`) as a bug.',
          }),
        );
      }
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  // Walk each path from the root: no symlinks, directories where needed, existence as the role requires.
  const originals = new Map<string, OriginalFile | undefined>();
  const createdDirs = new Set<string>();
  for (const path of order) {
    const role = roles.get(path) as Role;
    const segments = path.split('/');
    let stats: Stats | undefined;
    let problem = false;
    for (let i = 0; i < segments.length; i++) {
      const sub = segments.slice(0, i + 1).join('/');
      stats = lstatIfExists(join(root, sub));
      if (stats === undefined) {
        if (i < segments.length - 1 && !mustExist(role)) {
          for (let j = i; j < segments.length - 1; j++) createdDirs.add(segments.slice(0, j + 1).join('/'));
        }
        break;
      }
      if (stats.isSymbolicLink()) {
        diagnostics.push(
          writeError('MS503', `\`${sub}\` is a symbolic link, and \`${path}\` goes through it`, {
            path,
            help: 'Run modsplit on the real location, or replace the link with the directory it points to.',
          }),
        );
        problem = true;
        break;
      }
      if (i < segments.length - 1 && !stats.isDirectory()) {
        diagnostics.push(
          writeError('MS506', `\`${sub}\` is a file, but \`${path}\` needs it to be a directory`, {
            path,
            help: 'Rename or remove the file that is in the way, or pick another package name.',
          }),
        );
        problem = true;
        break;
      }
    }
    if (problem) continue;
    const exists = stats !== undefined;
    if (mustExist(role)) {
      if (!exists || !stats?.isFile()) {
        diagnostics.push(
          writeError(
            'MS505',
            `\`${path}\` ${exists ? 'is not a regular file' : 'does not exist'}, so it cannot be ${roleVerb(role)}`,
            {
              path,
              help: 'Run the split again on the current tree.',
            },
          ),
        );
        continue;
      }
      originals.set(path, { bytes: readFileSync(join(root, path)), stats });
    } else {
      if (exists) {
        diagnostics.push(
          writeError(
            'MS504',
            `\`${path}\` already exists, and the change set ${role === 'create' ? 'creates' : 'moves a file to'} it`,
            {
              path,
              help: 'Move or delete the existing file, or choose other submodule names in the plan.',
            },
          ),
        );
        continue;
      }
      originals.set(path, undefined);
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  // Git: the index must be free and the touched files committed.
  let indexEntries: IndexEntry[] = [];
  if (repo) {
    if (isIndexLocked(repo)) {
      diagnostics.push(
        writeError('MS509', `the git index is locked (${repo.indexPath}.lock exists)`, {
          help: 'Wait for the other git command to finish, or delete the lock if no git process is running.',
        }),
      );
      return { diagnostics };
    }
    const gitPaths = order.map((p) => repo.prefix + p);
    if (!options.allowDirty) {
      // Reported in change-set order; status paths are relative to the worktree top.
      const status = new Map(readStatus(repo, gitPaths).map((r) => [r.path, r.xy]));
      for (const path of order) {
        const xy = status.get(repo.prefix + path);
        if (xy === undefined) continue;
        const what = xy === '??' ? 'is untracked' : `has uncommitted changes (\`${xy}\`)`;
        diagnostics.push(
          writeError('MS508', `\`${path}\` ${what}, and the change set touches it`, {
            path,
            help: 'Commit or stash those changes first, or pass --allow-dirty to write anyway.',
          }),
        );
      }
      if (diagnostics.length > 0) return { diagnostics };
    }
    indexEntries = readIndexEntries(repo, gitPaths);
  }
  const tracked = new Set(indexEntries.map((e) => e.path.slice(repo?.prefix.length ?? 0)));

  // Every final content, in memory, before anything is written.
  const contents: PlannedContent[] = [];
  const moves: PlannedMove[] = [];
  const deletes: PlannedDelete[] = [];
  const finals = new Map<string, Buffer | null>();
  for (const change of changeSet.changes) {
    switch (change.kind) {
      case 'create': {
        const encoded = encodeNewFile(change.path, change.text, change);
        if (!encoded.ok) {
          diagnostics.push(encoded.diagnostic);
          break;
        }
        contents.push({ path: change.path, bytes: encoded.bytes });
        finals.set(change.path, encoded.bytes);
        break;
      }
      case 'edit': {
        const original = originals.get(change.path) as OriginalFile;
        const edited = editFileBytes(change.path, original.bytes, change.edits);
        if (!edited.ok) {
          diagnostics.push(edited.diagnostic);
          break;
        }
        contents.push({ path: change.path, bytes: edited.bytes, from: change.path });
        finals.set(change.path, edited.bytes);
        break;
      }
      case 'rename': {
        const original = originals.get(change.from) as OriginalFile;
        moves.push({ from: change.from, to: change.to, tracked: tracked.has(change.from) });
        finals.set(change.from, null);
        if (change.text === undefined) finals.set(change.to, original.bytes);
        else {
          const encoded = encodeNewFile(change.to, change.text, change);
          if (!encoded.ok) {
            diagnostics.push(encoded.diagnostic);
            break;
          }
          contents.push({ path: change.to, bytes: encoded.bytes, from: change.from });
          finals.set(change.to, encoded.bytes);
        }
        break;
      }
      case 'delete':
        deletes.push({ path: change.path, tracked: tracked.has(change.path) });
        finals.set(change.path, null);
        break;
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  const dirs = [...createdDirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return {
    diagnostics,
    plan: {
      root,
      repo,
      journalHome,
      deletes,
      moves,
      contents,
      createdDirs: dirs,
      touched: originals,
      finals,
      indexEntries,
    },
  };
}

function roleVerb(role: Role): string {
  return role === 'edit' ? 'edited' : role === 'delete' ? 'deleted' : 'renamed';
}
