// checkWritable: every refusal (MS50x) on a real tree, in a real git repository where git matters, and that a
// refused write leaves the tree untouched.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeSet, FileChange } from '../../../src/model/changes.js';
import { checkWritable, findPathProblem, writeChangeSet } from '../../../src/write/index.js';
import { git, makeTempDir, snapshotTree } from './write-fixture.js';

function makeTree(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const root = makeTempDir('check');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  if (options.git) {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'init');
  }
  return root;
}

function changeSetOf(root: string, ...changes: FileChange[]): ChangeSet {
  return { description: 'test', root, changes, diagnostics: [] };
}

function codes(root: string, changes: FileChange[], allowDirty = false): string[] {
  return checkWritable(changeSetOf(root, ...changes), { allowDirty }).map(
    (d) => `${d.code} ${d.location?.path ?? ''}`,
  );
}

const shop = { 'shop/models.py': 'class A:\n    pass\n', 'shop/admin.py': 'from shop.models import A\n' };

describe('findPathProblem', () => {
  it('accepts relative POSIX paths inside the root and names what is wrong with the others', () => {
    expect(findPathProblem('shop/models/__init__.py')).toBeUndefined();
    expect(findPathProblem('.github/x.py')).toBeUndefined();
    expect(findPathProblem('../x.py')).toMatch(/`\.\.`/);
    expect(findPathProblem('shop/../../x.py')).toMatch(/`\.\.`/);
    expect(findPathProblem('/etc/passwd')).toMatch(/absolute/);
    expect(findPathProblem('C:/x.py')).toMatch(/absolute/);
    expect(findPathProblem('shop\\x.py')).toMatch(/backslash/);
    expect(findPathProblem('shop//x.py')).toMatch(/empty/);
    expect(findPathProblem('./x.py')).toMatch(/`\.`/);
    expect(findPathProblem('.git/config')).toMatch(/\.git/);
    expect(findPathProblem('vendor/lib/.git/HEAD')).toMatch(/\.git/);
    expect(findPathProblem('.modsplit/x/journal.json')).toMatch(/journal/);
    expect(findPathProblem('')).toMatch(/empty/);
  });
});

describe('checkWritable', () => {
  it('passes a valid split of a committed module', () => {
    const root = makeTree(shop, { git: true });
    expect(
      codes(root, [
        { kind: 'rename', from: 'shop/models.py', to: 'shop/models/__init__.py' },
        { kind: 'create', path: 'shop/models/a.py', text: 'class A:\n    pass\n' },
        { kind: 'edit', path: 'shop/admin.py', edits: [{ range: { start: 0, end: 0 }, newText: '# x\n' }] },
      ]),
    ).toEqual([]);
  });

  it('refuses paths that escape the root (MS502)', () => {
    const root = makeTree(shop);
    expect(
      codes(root, [
        { kind: 'create', path: '../escape.py', text: '' },
        { kind: 'create', path: join(root, 'abs.py'), text: '' },
        { kind: 'delete', path: '.git/index' },
      ]),
    ).toEqual(['MS502 ../escape.py', `MS502 ${join(root, 'abs.py')}`, 'MS502 .git/index']);
    expect(checkWritable(changeSetOf(join(root, 'missing-root')), {}).map((d) => d.code)).toEqual(['MS502']);
  });

  it('refuses to go through a symbolic link, for a parent directory or the file itself (MS503)', () => {
    const root = makeTree(shop);
    const outside = makeTempDir('outside');
    symlinkSync(outside, join(root, 'shop/models'));
    symlinkSync(join(root, 'shop/admin.py'), join(root, 'shop/admin_link.py'));
    expect(
      codes(root, [
        { kind: 'create', path: 'shop/models/a.py', text: '' },
        { kind: 'delete', path: 'shop/admin_link.py' },
      ]),
    ).toEqual(['MS503 shop/models/a.py', 'MS503 shop/admin_link.py']);
  });

  it('refuses to create over an existing file or directory, and to rename onto one (MS504)', () => {
    const root = makeTree({ ...shop, 'shop/models/__init__.py': '' });
    expect(
      codes(root, [
        { kind: 'create', path: 'shop/admin.py', text: '' },
        { kind: 'rename', from: 'shop/models.py', to: 'shop/models/__init__.py' },
      ]),
    ).toEqual(['MS504 shop/admin.py', 'MS504 shop/models/__init__.py']);
    expect(codes(root, [{ kind: 'create', path: 'shop/models', text: '' }])).toEqual(['MS504 shop/models']);
  });

  it('refuses to edit, delete or rename what is missing or not a regular file (MS505)', () => {
    const root = makeTree(shop);
    mkdirSync(join(root, 'shop/pkg'));
    expect(
      codes(root, [
        { kind: 'edit', path: 'shop/views.py', edits: [] },
        { kind: 'delete', path: 'shop/pkg' },
        { kind: 'rename', from: 'shop/gone.py', to: 'shop/new.py' },
      ]),
    ).toEqual(['MS505 shop/views.py', 'MS505 shop/pkg', 'MS505 shop/gone.py']);
  });

  it('refuses a file where a directory must be created (MS506)', () => {
    const root = makeTree({ ...shop, 'shop/models': 'not a directory\n' });
    expect(codes(root, [{ kind: 'create', path: 'shop/models/a.py', text: '' }])).toEqual([
      'MS506 shop/models/a.py',
    ]);
  });

  it('refuses a path changed twice, or used as a file and a directory (MS507)', () => {
    const root = makeTree(shop);
    expect(
      codes(root, [
        { kind: 'edit', path: 'shop/admin.py', edits: [] },
        { kind: 'delete', path: 'shop/admin.py' },
      ]),
    ).toEqual(['MS507 shop/admin.py']);
    expect(
      codes(root, [
        { kind: 'create', path: 'shop/x', text: '' },
        { kind: 'create', path: 'shop/x/y.py', text: '' },
      ]),
    ).toEqual(['MS507 shop/x/y.py']);
  });

  it('refuses staged, unstaged and untracked changes in touched files unless allowDirty (MS508)', () => {
    const root = makeTree({ ...shop, 'shop/views.py': 'x = 1\n', 'shop/forms.py': 'y = 1\n' }, { git: true });
    writeFileSync(join(root, 'shop/admin.py'), 'changed\n');
    writeFileSync(join(root, 'shop/views.py'), 'staged\n');
    git(root, 'add', 'shop/views.py');
    writeFileSync(join(root, 'shop/new.py'), 'untracked\n');
    chmodSync(join(root, 'shop/forms.py'), 0o755);
    const changes: FileChange[] = [
      { kind: 'edit', path: 'shop/admin.py', edits: [] },
      { kind: 'delete', path: 'shop/views.py' },
      { kind: 'rename', from: 'shop/new.py', to: 'shop/newer.py' },
      { kind: 'edit', path: 'shop/forms.py', edits: [] },
      { kind: 'edit', path: 'shop/models.py', edits: [] },
    ];
    expect(codes(root, changes)).toEqual([
      'MS508 shop/admin.py',
      'MS508 shop/views.py',
      'MS508 shop/new.py',
      'MS508 shop/forms.py',
    ]);
    expect(codes(root, changes, true)).toEqual([]);
    // A file git ignores is not the user's work in progress.
    writeFileSync(join(root, '.gitignore'), 'generated.py\n');
    writeFileSync(join(root, 'generated.py'), 'z = 1\n');
    expect(codes(root, [{ kind: 'delete', path: 'generated.py' }])).toEqual([]);
  });

  it('checks git paths relative to the repository when the root is a subdirectory', () => {
    const repo = makeTree({ 'src/shop/models.py': 'a = 1\n', 'src/shop/admin.py': 'b = 1\n' }, { git: true });
    writeFileSync(join(repo, 'src/shop/admin.py'), 'b = 2\n');
    const root = join(repo, 'src');
    expect(
      codes(root, [
        { kind: 'edit', path: 'shop/admin.py', edits: [] },
        { kind: 'edit', path: 'shop/models.py', edits: [] },
      ]),
    ).toEqual(['MS508 shop/admin.py']);
  });

  it('refuses while the git index is locked (MS509)', () => {
    const root = makeTree(shop, { git: true });
    writeFileSync(join(root, '.git/index.lock'), '');
    expect(codes(root, [{ kind: 'create', path: 'shop/a.py', text: '' }])).toEqual(['MS509 ']);
  });

  it('refuses edits that do not apply (MS511) and files that do not decode (MS512), writing nothing', async () => {
    const root = makeTree({
      ...shop,
      // latin-1 bytes without a coding cookie: Python reads the file as UTF-8 and fails.
      'shop/latin.py': Buffer.from('x = "\xe9"\n', 'latin1'),
    });
    const before = snapshotTree(root);
    const changes: FileChange[] = [
      { kind: 'create', path: 'shop/models/a.py', text: 'x = 1\n' },
      { kind: 'edit', path: 'shop/admin.py', edits: [{ range: { start: 20, end: 400 }, newText: '' }] },
      { kind: 'edit', path: 'shop/latin.py', edits: [{ range: { start: 0, end: 0 }, newText: '#\n' }] },
      {
        kind: 'edit',
        path: 'shop/models.py',
        edits: [
          { range: { start: 0, end: 5 }, newText: '' },
          { range: { start: 3, end: 8 }, newText: '' },
        ],
      },
    ];
    expect(codes(root, changes)).toEqual([
      'MS511 shop/admin.py',
      'MS512 shop/latin.py',
      'MS511 shop/models.py',
    ]);
    const result = await writeChangeSet(changeSetOf(root, ...changes));
    expect(result.journalId).toBeUndefined();
    expect(snapshotTree(root)).toBe(before);
  });
});
