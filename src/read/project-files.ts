// Which files make up the project around a module: its root, its Python files (honouring .gitignore), and a fast
// text prefilter for the files that mention a name. Lists and greps; it does not parse Python.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { decodeProjectText } from './source-file.js';

const ROOT_MARKERS = ['.git', 'pyproject.toml', 'setup.cfg', 'manage.py'];

/** Folder names never scanned, wherever they sit: tool caches, builds, installed packages and virtualenvs. */
const EXCLUDED_DIR_NAMES = new Set([
  '.git',
  'node_modules',
  '.tox',
  '.nox',
  'build',
  'dist',
  '__pycache__',
  'site-packages',
  '.mypy_cache',
  '.venv',
  'venv',
  'env',
]);

/**
 * The nearest folder at or above the module's folder holding `.git`, `pyproject.toml`, `setup.cfg` or `manage.py`;
 * the module's own folder when there is none. Example: `/p/src/app/models.py` with `/p/pyproject.toml` gives `/p`.
 */
export function findProjectRoot(moduleAbsPath: string): string {
  const start = dirname(moduleAbsPath);
  for (let dir = start; ; dir = dirname(dir)) {
    if (ROOT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export interface ListProjectFilesOptions {
  /** Extra gitignore-style patterns, relative to the root (`tests/fixtures/`, `/*`, `!/src/`). */
  readonly exclude?: readonly string[];
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout });
    });
  });
}

/**
 * Whether `root` is inside a git work tree and not itself ignored by it (a virtualenv's site-packages inside a repo
 * is ignored, so git knows nothing of its files and the walk must be used instead). One process answers both:
 * `git check-ignore -q .` exits 1 exactly when the folder is in a work tree and not ignored (0 when ignored, 128
 * outside a work tree, e.g. no repository or inside `.git`).
 */
export function isTrackedByGit(root: string): Promise<boolean> {
  // Asked by the listing and again by the text search: a folder does not enter or leave a work tree meanwhile.
  let known = trackedByGit.get(root);
  if (!known) {
    known = run('git', ['check-ignore', '-q', '.'], root).then((ignored) => ignored.code === 1);
    trackedByGit.set(root, known);
  }
  return known;
}

const trackedByGit = new Map<string, Promise<boolean>>();

function splitNul(text: string): string[] {
  return text.split('\0').filter((entry) => entry !== '');
}

function hasExcludedDir(relPath: string): boolean {
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (EXCLUDED_DIR_NAMES.has(parts[i] as string)) return true;
  return false;
}

/** Memoized "is this folder (relative to root) a virtualenv, or inside one". */
function createVirtualenvCheck(root: string): (relDir: string) => boolean {
  const cache = new Map<string, boolean>();
  const check = (relDir: string): boolean => {
    if (relDir === '' || relDir === '.') return false;
    const cached = cache.get(relDir);
    if (cached !== undefined) return cached;
    const result = existsSync(join(root, relDir, 'pyvenv.cfg')) || check(posix.dirname(relDir));
    cache.set(relDir, result);
    return result;
  };
  return check;
}

/**
 * Tracked and untracked (not ignored) files, minus those deleted from the work tree, from one `git ls-files -t`:
 * each record is tagged, `R` for a deletion (`--deleted`), `H`/`S`/`M` for index entries, `?` for untracked files.
 */
async function listWithGit(root: string): Promise<string[] | undefined> {
  const listed = await run(
    'git',
    ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--deleted'],
    root,
  );
  if (listed.code !== 0) return undefined;
  const files = new Set<string>();
  const gone = new Set<string>();
  for (const record of splitNul(listed.stdout)) {
    const path = record.slice(2);
    if (record.startsWith('R ')) gone.add(path);
    else if (path.endsWith('.py')) files.add(path);
  }
  return [...files].filter((path) => !gone.has(path));
}

/** Walk the tree without git, applying every `.gitignore` met on the way (each relative to its own folder). */
async function listByWalking(root: string): Promise<string[]> {
  const out: string[] = [];
  interface Rules {
    readonly base: string;
    readonly matcher: Ignore;
  }
  const isIgnored = (rules: readonly Rules[], relPath: string, isDir: boolean): boolean => {
    let ignored = false;
    for (const { base, matcher } of rules) {
      const local = base === '' ? relPath : relPath.slice(base.length + 1);
      const result = matcher.test(isDir ? `${local}/` : local);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  };
  const visit = async (relDir: string, inherited: readonly Rules[]): Promise<void> => {
    const absDir = join(root, relDir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(absDir, { withFileTypes: true });
    } catch {
      return;
    }
    if (relDir !== '' && entries.some((e) => e.name === 'pyvenv.cfg')) return;
    let rules = inherited;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = await readFile(join(absDir, '.gitignore'), 'utf8').catch(() => '');
      rules = [...inherited, { base: relDir, matcher: ignore().add(text) }];
    }
    const subdirs: Promise<void>[] = [];
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (EXCLUDED_DIR_NAMES.has(entry.name) || isIgnored(rules, rel, true)) continue;
        subdirs.push(visit(rel, rules));
      } else if (entry.isFile() && entry.name.endsWith('.py') && !isIgnored(rules, rel, false)) {
        out.push(rel);
      }
    }
    await Promise.all(subdirs);
  };
  await visit('', []);
  return out;
}

/**
 * The project's `.py` files as sorted POSIX paths relative to `root`. In a git work tree this is
 * `git ls-files --cached --others --exclude-standard` (tracked plus untracked, minus ignored and deleted files);
 * elsewhere a walk that honours every `.gitignore`. Virtualenvs (folders holding `pyvenv.cfg`), `node_modules`,
 * `.git`, `.tox`, `.nox`, `build`, `dist`, `__pycache__`, `site-packages`, `.mypy_cache`, `.venv`, `venv` and `env`
 * are always left out, and so is whatever `options.exclude` matches.
 */
export async function listProjectFiles(
  root: string,
  options: ListProjectFilesOptions = {},
): Promise<string[]> {
  // The listing starts alongside the work-tree test (one round of processes instead of two); outside git it fails
  // and is not used.
  const listing = listWithGit(root);
  const fromGit = (await isTrackedByGit(root)) ? await listing : undefined;
  let files = fromGit ?? (await listByWalking(root));
  const inVirtualenv = createVirtualenvCheck(root);
  files = files.filter((path) => !hasExcludedDir(path) && !inVirtualenv(posix.dirname(path)));
  if (options.exclude && options.exclude.length > 0) {
    const matcher = ignore().add([...options.exclude]);
    files = files.filter((path) => !matcher.ignores(path));
  }
  return files.sort();
}

/**
 * Read a project file as text without a UTF-8 BOM (offsets then match the model's `SourceFile.text`), decoded by
 * its PEP 263 coding cookie (`# -*- coding: latin-1 -*-`) as Python reads it; see `decodeProjectText`.
 */
export async function readProjectFile(root: string, relPath: string): Promise<string> {
  return decodeProjectText(await readFile(join(root, relPath)));
}

/** Same as {@link readProjectFile}, synchronously. */
export function readProjectFileSync(root: string, relPath: string): string {
  return decodeProjectText(readFileSync(join(root, relPath)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching `word` as a whole word, in the sense of `git grep -w` (ASCII word characters). */
export function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(word)}(?![A-Za-z0-9_])`, 'g');
}

export interface CandidateSearch {
  /** Files (from the given list) that contain the word; their texts when they were read to find out. */
  readonly files: readonly string[];
  readonly texts: ReadonlyMap<string, string>;
  /** Files that could not be read (only in the non-git path; git grep skips them silently). */
  readonly unreadable: readonly string[];
  readonly method: 'git-grep' | 'read';
}

const GIT_GREP_BATCH = 2000;

/** `git grep -l -w -F` over `files` (batched under the argument limit); undefined when a run fails. */
async function grepInBatches(
  root: string,
  files: readonly string[],
  word: string,
): Promise<string[] | undefined> {
  const found: string[] = [];
  for (let i = 0; i < files.length; i += GIT_GREP_BATCH) {
    const batch = files.slice(i, i + GIT_GREP_BATCH);
    const args = [
      '--literal-pathspecs',
      'grep',
      '-z',
      '-l',
      '-w',
      '-F',
      '--untracked',
      '-e',
      word,
      '--',
      ...batch,
    ];
    const result = await run('git', args, root);
    if (result.code === 0) found.push(...splitNul(result.stdout));
    else if (result.code !== 1) return undefined;
  }
  return found;
}

/**
 * The files among `files` that contain `word` as a whole word. In a git work tree this is `git grep -l -w -F`
 * (tracked and untracked files, batched to stay under the argument limit); elsewhere every file is read and tested
 * with a regex, and the texts are kept so they are not read twice.
 */
export async function findFilesContainingWord(
  root: string,
  files: readonly string[],
  word: string,
): Promise<CandidateSearch> {
  if (await isTrackedByGit(root)) {
    const found = await grepInBatches(root, files, word);
    if (found) {
      const wanted = new Set(files);
      return {
        files: found.filter((f) => wanted.has(f)).sort(),
        texts: new Map(),
        unreadable: [],
        method: 'git-grep',
      };
    }
  }
  const pattern = wordPattern(word);
  const texts = new Map<string, string>();
  const unreadable: string[] = [];
  const matched: string[] = [];
  // Synchronous reads: small files, no file-descriptor storm, and measurably faster than thousands of promises.
  for (const file of files) {
    let text: string;
    try {
      text = readProjectFileSync(root, file);
    } catch {
      unreadable.push(file);
      continue;
    }
    pattern.lastIndex = 0;
    if (pattern.test(text)) {
      matched.push(file);
      texts.set(file, text);
    }
  }
  return { files: matched.sort(), texts, unreadable: unreadable.sort(), method: 'read' };
}
