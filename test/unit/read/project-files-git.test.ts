// The git paths of listProjectFiles and findFilesContainingWord on real repositories: one `ls-files -t` (tracked,
// untracked, deleted, skip-worktree, unmerged, a root below the top) and `git grep` over the listed files, checked
// against reading every listed file. Not the walk without git beyond that comparison.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findFilesContainingWord,
  isTrackedByGit,
  listProjectFiles,
  wordPattern,
} from '../../../src/read/project-files.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    'git',
    ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args],
    { cwd, stdio: 'ignore' },
  );
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A repository with every kind of index entry and work-tree state the listing has to tell apart. */
function makeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-project-files-'));
  temps.push(root);
  git(root, 'init', '-q');
  write(root, {
    '.gitignore': 'ignored/\n',
    'app/models.py': 'class Invoice: pass\n',
    'app/views.py': 'from app import models\n',
    'app/deleted.py': 'from app import models\n',
    'app/sparse.py': 'import app.models\n',
    'app/conflict.py': 'x = 1\n',
    'app/notes.txt': 'models\n',
    'app/sp ace.py': 'from app.models import Invoice\n',
    'venv1/pyvenv.cfg': '',
    'venv1/lib.py': 'import app.models\n',
    'ignored/tracked.py': 'import app.models\n',
  });
  git(root, 'add', '-A');
  git(root, 'add', '-f', 'ignored/tracked.py');
  git(root, 'commit', '-qm', 'init');
  // An unmerged path: both branches change app/conflict.py.
  git(root, 'checkout', '-qb', 'other');
  write(root, { 'app/conflict.py': 'x = 2  # models\n' });
  git(root, 'commit', '-qam', 'other');
  git(root, 'checkout', '-q', 'main');
  write(root, { 'app/conflict.py': 'x = 3  # models\n' });
  git(root, 'commit', '-qam', 'main');
  try {
    git(root, 'merge', '-q', 'other');
  } catch {
    // The conflict is the point.
  }
  rmSync(join(root, 'app/deleted.py'));
  git(root, 'update-index', '--skip-worktree', 'app/sparse.py');
  write(root, {
    'app/untracked.py': 'from app import models\n',
    'ignored/untracked.py': 'import app.models\n',
  });
  return root;
}

describe('listProjectFiles in a git work tree', () => {
  it('lists tracked, skip-worktree, unmerged and untracked .py files, not deleted, ignored or virtualenv ones', async () => {
    const root = makeRepo();
    expect(await isTrackedByGit(root)).toBe(true);
    expect(await listProjectFiles(root)).toEqual([
      'app/conflict.py',
      'app/models.py',
      'app/sp ace.py',
      'app/sparse.py',
      'app/untracked.py',
      'app/views.py',
      'ignored/tracked.py',
    ]);
  });

  it('from a folder below the top, lists that folder only, relative to it', async () => {
    const root = makeRepo();
    expect(await listProjectFiles(join(root, 'app'))).toEqual([
      'conflict.py',
      'models.py',
      'sp ace.py',
      'sparse.py',
      'untracked.py',
      'views.py',
    ]);
  });

  it('an ignored folder is not tracked by git (the walk lists it instead), nor is .git', async () => {
    const root = makeRepo();
    write(root, { 'ignored/only/x.py': 'x = 1\n' });
    expect(await isTrackedByGit(join(root, 'ignored/only'))).toBe(false);
    expect(await isTrackedByGit(join(root, '.git'))).toBe(false);
  });
});

describe('findFilesContainingWord in a git work tree', () => {
  for (const below of ['', 'app']) {
    it(`finds the listed files that read as containing the word${below ? ' (root below the top)' : ''}`, async () => {
      const root = join(makeRepo(), below);
      // views.py matches but is not in the list. (A tracked file under an ignored folder is left out: `git grep
      // --untracked` skips it.)
      const files = (await listProjectFiles(root)).filter(
        (f) => !f.endsWith('views.py') && !f.startsWith('ignored/'),
      );
      const found = await findFilesContainingWord(root, files, 'models');
      expect(found.method).toBe('git-grep');
      const pattern = new RegExp(wordPattern('models').source); // without the g flag's lastIndex
      expect(found.files).toEqual(
        files.filter((f) => existsSync(join(root, f)) && pattern.test(readFileSync(join(root, f), 'utf8'))),
      );
      const at = below ? '' : 'app/';
      expect(found.files).toEqual([
        `${at}conflict.py`,
        `${at}sp ace.py`,
        `${at}sparse.py`,
        `${at}untracked.py`,
      ]);
    });
  }

  it('outside git every file is read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'modsplit-project-files-nogit-'));
    temps.push(root);
    write(root, { 'a.py': 'import models\n', 'b.py': 'x = 1\n' });
    const found = await findFilesContainingWord(root, ['a.py', 'b.py'], 'models');
    expect(found.method).toBe('read');
    expect(found.files).toEqual(['a.py']);
  });
});
