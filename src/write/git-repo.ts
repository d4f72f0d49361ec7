// The few git facts and commands the writer needs (repository location, index entries, status, mv, rm),
// run synchronously with `git` from PATH. Pathspecs are literal; paths are relative to the worktree top.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface GitRepo {
  /** Absolute real path of the worktree top. */
  readonly toplevel: string;
  /** Absolute path of this worktree's git directory (`.git`, or `.git/worktrees/<name>`). */
  readonly gitDir: string;
  /** Absolute path of the index file. */
  readonly indexPath: string;
  /** The change set's root relative to `toplevel`, POSIX, with a trailing `/` (or `''` when they are the same). */
  readonly prefix: string;
}

/** A git command exited non-zero; what the user needs is its stderr. */
export class GitCommandError extends Error {
  readonly code = 'EGIT';
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim()}`);
  }
}

const gitEnv = { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

function spawnGit(
  cwd: string,
  args: readonly string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    env: gitEnv,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) return { status: null, stdout: '', stderr: String(result.error.message) };
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Run git in the worktree top; throws GitCommandError on failure. */
export function runGit(repo: GitRepo, args: readonly string[], input?: string): string {
  const result = spawnGit(repo.toplevel, args, input);
  if (result.status !== 0) throw new GitCommandError(args, result.stderr);
  return result.stdout;
}

/** The git worktree that contains `root` (a real path), or undefined outside git or when git is missing. */
export function findGitRepo(root: string): GitRepo | undefined {
  const result = spawnGit(root, [
    'rev-parse',
    '--show-toplevel',
    '--absolute-git-dir',
    '--git-path',
    'index',
  ]);
  if (result.status !== 0) return undefined;
  const [toplevel, gitDir, index] = result.stdout.split('\n');
  if (!toplevel || !gitDir || !index) return undefined;
  const rel = relative(toplevel, root);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const prefix = rel === '' ? '' : `${rel.split(sep).join('/')}/`;
  return { toplevel, gitDir, indexPath: isAbsolute(index) ? index : join(root, index), prefix };
}

/** True while another git process holds the index lock. */
export function isIndexLocked(repo: GitRepo): boolean {
  return existsSync(`${repo.indexPath}.lock`);
}

/** `git rev-parse HEAD`, or null in a repository without commits. */
export function readHead(repo: GitRepo): string | null {
  const result = spawnGit(repo.toplevel, ['rev-parse', '-q', '--verify', 'HEAD']);
  return result.status === 0 ? result.stdout.trim() : null;
}

/** One index entry as `git ls-files -s` prints it: `<mode> <sha> <stage>\t<path>` (path relative to toplevel). */
export interface IndexEntry {
  readonly mode: string;
  readonly sha: string;
  readonly stage: string;
  readonly path: string;
}

/** Index entries of `paths` (toplevel-relative), in git's order. */
export function readIndexEntries(repo: GitRepo, paths: readonly string[]): IndexEntry[] {
  if (paths.length === 0) return [];
  const out = runGit(repo, ['ls-files', '-s', '-z', '--', ...paths]);
  const entries: IndexEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, sha, stage] = record.slice(0, tab).split(' ');
    if (!mode || !sha || !stage) throw new Error(`unexpected ls-files record: ${record}`);
    entries.push({ mode, sha, stage, path: record.slice(tab + 1) });
  }
  return entries;
}

/** Make the index entries of `paths` exactly `entries` (drop what is there, add the recorded ones back). */
export function restoreIndexEntries(
  repo: GitRepo,
  paths: readonly string[],
  entries: readonly IndexEntry[],
): void {
  const zero = '0'.repeat(40);
  const lines = paths.map((p) => `0 ${zero}\t${p}\0`);
  for (const e of entries) lines.push(`${e.mode} ${e.sha} ${e.stage}\t${e.path}\0`);
  runGit(repo, ['update-index', '-z', '--index-info'], lines.join(''));
}

/** `git status --porcelain` records (`XY path`) for `paths`, untracked files included, ignored files not. */
export function readStatus(
  repo: GitRepo,
  paths: readonly string[],
): { readonly xy: string; readonly path: string }[] {
  if (paths.length === 0) return [];
  const out = runGit(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  const records = out.split('\0');
  const result: { xy: string; path: string }[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    if (record.length < 4) continue;
    const xy = record.slice(0, 2);
    result.push({ xy, path: record.slice(3) });
    // A rename or copy record is followed by its source path.
    if (xy[0] === 'R' || xy[0] === 'C') i++;
  }
  return result;
}
