// writeChangeSet and undoLastSplit on a realistic change set (Django's own modules), in a real git repository and
// in a plain folder: final bytes and modes, what git stages, `git log --follow` across the rename, undo.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkWritable,
  recoverInterruptedWrite,
  undoLastSplit,
  writeChangeSet,
} from '../../../src/write/index.js';
import { git, makeRealisticProject, snapshotTree } from './write-fixture.js';

function expectWritten(project: ReturnType<typeof makeRealisticProject>): void {
  for (const [path, bytes] of project.expected) {
    const abs = join(project.root, path);
    if (bytes === null) expect(existsSync(abs), `${path} should be gone`).toBe(false);
    else expect(readFileSync(abs).equals(bytes), `${path} bytes`).toBe(true);
  }
  for (const [path, mode] of project.expectedModes) {
    expect((statSync(join(project.root, path)).mode & 0o7777).toString(8), `${path} mode`).toBe(
      mode.toString(8),
    );
  }
}

describe('writeChangeSet in a git repository', () => {
  it('writes every file, stages the git mv and the deletion only, and history follows the rename', async () => {
    const project = makeRealisticProject({ git: true });
    const result = await writeChangeSet(project.changeSet);
    expect(result.diagnostics).toEqual([]);
    expect(result.journalId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    expectWritten(project);

    // Index: the move is staged (same blob at the new path), the deletion too; new files and edits are not.
    const status = git(project.root, 'status', '--porcelain=v1', '--untracked-files=all')
      .split('\n')
      .filter(Boolean);
    expect(status.sort()).toEqual(
      [
        ' M bin/manage.py',
        ' M shop/admin.py',
        ' M shop/constraints.py',
        'D  shop/legacy.py',
        'RM shop/models.py -> shop/models/base.py',
        '?? shop/models/__init__.py',
        '?? shop/models/ordering.py',
      ].sort(),
    );
    expect(git(project.root, 'ls-files', '-s', 'shop/models/base.py', 'shop/models.py')).toBe(
      `100644 ${git(project.root, 'rev-parse', 'HEAD:shop/models.py').trim()} 0\tshop/models/base.py\n`,
    );
    // No temp file or journal inside the worktree.
    expect(status.some((line) => line.includes('modsplit'))).toBe(false);
    expect(existsSync(join(project.root, '.git/modsplit', result.journalId as string, 'journal.json'))).toBe(
      true,
    );

    git(project.root, 'add', '-A');
    git(project.root, 'commit', '-q', '-m', 'split models');
    const log = git(project.root, 'log', '--follow', '--format=%s', '--', 'shop/models/base.py')
      .trim()
      .split('\n');
    expect(log).toEqual(['split models', 'initial shop']);
  });

  it('undoes the split byte for byte, index included, and only once', async () => {
    const project = makeRealisticProject({ git: true });
    const before = snapshotTree(project.root);
    await writeChangeSet(project.changeSet);
    expect(snapshotTree(project.root)).not.toBe(before);

    const undone = await undoLastSplit(project.root);
    expect(undone.outcome).toBe('undone');
    expect(undone.diagnostics).toEqual([]);
    expect(snapshotTree(project.root)).toBe(before);
    expect(existsSync(join(project.root, '.git/modsplit'))).toBe(false);

    const again = await undoLastSplit(project.root);
    expect(again.outcome).toBe('nothing-to-undo');
    expect(again.diagnostics.map((d) => d.code)).toEqual(['MS519']);
  });

  it('refuses to undo over a file edited since the split (MS517), and once the split is committed (MS518)', async () => {
    const project = makeRealisticProject({ git: true });
    await writeChangeSet(project.changeSet);
    writeFileSync(join(project.root, 'shop/models/ordering.py'), 'edited by hand\n', { flag: 'a' });
    const refused = await undoLastSplit(project.root);
    expect(refused.outcome).toBe('refused');
    expect(refused.diagnostics.map((d) => [d.code, d.location?.path])).toEqual([
      ['MS517', 'shop/models/ordering.py'],
    ]);

    const other = makeRealisticProject({ git: true });
    await writeChangeSet(other.changeSet);
    git(other.root, 'add', '-A');
    git(other.root, 'commit', '-q', '-m', 'split');
    const committed = await undoLastSplit(other.root);
    expect(committed.outcome).toBe('refused');
    expect(committed.diagnostics.map((d) => d.code)).toEqual(['MS518']);
    expect(existsSync(join(other.root, 'shop/models/base.py'))).toBe(true);
  });

  it('a second write of the same change set is refused before touching anything', async () => {
    const project = makeRealisticProject({ git: true });
    await writeChangeSet(project.changeSet);
    const after = snapshotTree(project.root);
    const second = await writeChangeSet(project.changeSet, { allowDirty: true });
    expect(second.journalId).toBeUndefined();
    expect(second.diagnostics.map((d) => `${d.code} ${d.location?.path}`).sort()).toEqual(
      [
        'MS504 shop/models/__init__.py',
        'MS504 shop/models/base.py',
        'MS504 shop/models/ordering.py',
        'MS505 shop/legacy.py',
        'MS505 shop/models.py',
      ].sort(),
    );
    expect(snapshotTree(project.root)).toBe(after);
  });
});

describe('writeChangeSet in a plain folder', () => {
  it('writes every file, keeps its journal in an ignored .modsplit/, and undo removes both', async () => {
    const project = makeRealisticProject({ git: false });
    const before = snapshotTree(project.root);
    const result = await writeChangeSet(project.changeSet);
    expect(result.diagnostics).toEqual([]);
    expectWritten(project);
    expect(readFileSync(join(project.root, '.modsplit/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(checkWritable(project.changeSet, {}).map((d) => d.code)).toContain('MS504');
    expect((await recoverInterruptedWrite(project.root)).outcome).toBe('nothing-to-do');

    const undone = await undoLastSplit(project.root);
    expect(undone.outcome).toBe('undone');
    expect(snapshotTree(project.root)).toBe(before);
  });

  it('keeps only the last journal: undo reverts the last split, not the one before', async () => {
    const project = makeRealisticProject({ git: false });
    await writeChangeSet(project.changeSet);
    const afterFirst = snapshotTree(project.root, { skip: ['.modsplit'] });
    const second = await writeChangeSet({
      description: 'add a module',
      root: project.root,
      diagnostics: [],
      changes: [{ kind: 'create', path: 'shop/models/extra.py', text: 'X = 1\n' }],
    });
    expect(second.diagnostics).toEqual([]);
    expect((await undoLastSplit(project.root)).outcome).toBe('undone');
    expect(snapshotTree(project.root, { skip: ['.modsplit'] })).toBe(afterFirst);
    expect((await undoLastSplit(project.root)).outcome).toBe('nothing-to-undo');
  });
});

describe('writeChangeSet with allowDirty', () => {
  it('moves an untracked file without git, and undo brings back the staged and unstaged work byte for byte', async () => {
    const project = makeRealisticProject({ git: true });
    const root = project.root;
    // Work in progress: a staged edit, an unstaged edit on top of it, an untracked helper the split renames.
    writeFileSync(join(root, 'shop/admin.py'), '# staged\n', { flag: 'a' });
    git(root, 'add', 'shop/admin.py');
    writeFileSync(join(root, 'shop/admin.py'), '# unstaged\n', { flag: 'a' });
    writeFileSync(join(root, 'shop/helpers.py'), 'def helper():\n    return 1\n');
    const before = snapshotTree(root);
    const changeSet = {
      ...project.changeSet,
      changes: [
        ...project.changeSet.changes.filter((c) => c.kind !== 'edit' || c.path !== 'shop/admin.py'),
        { kind: 'rename' as const, from: 'shop/helpers.py', to: 'shop/models/helpers.py' },
      ],
    };
    expect(checkWritable(changeSet, {}).map((d) => d.code)).toEqual(['MS508']);
    const result = await writeChangeSet(changeSet, { allowDirty: true });
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(join(root, 'shop/models/helpers.py'), 'utf8')).toBe('def helper():\n    return 1\n');
    const status = git(root, 'status', '--porcelain=v1', '--untracked-files=all');
    expect(status).toContain('?? shop/models/helpers.py\n');
    expect(status).toContain('MM shop/admin.py\n');

    expect((await undoLastSplit(root)).outcome).toBe('undone');
    expect(snapshotTree(root)).toBe(before);
  });

  it('works when the root is a subdirectory of the repository', async () => {
    const repo = makeRealisticProject({ git: true }).root;
    const root = join(repo, 'shop');
    const before = snapshotTree(repo);
    const result = await writeChangeSet({
      description: 'split from a subdirectory',
      root,
      diagnostics: [],
      changes: [
        { kind: 'rename', from: 'models.py', to: 'models/__init__.py' },
        { kind: 'create', path: 'models/extra.py', text: 'X = 1\n' },
        { kind: 'delete', path: 'legacy.py' },
      ],
    });
    expect(result.diagnostics).toEqual([]);
    expect(
      git(repo, 'status', '--porcelain=v1', '--untracked-files=all').split('\n').filter(Boolean).sort(),
    ).toEqual([
      '?? shop/models/extra.py',
      'D  shop/legacy.py',
      'R  shop/models.py -> shop/models/__init__.py',
    ]);
    expect((await undoLastSplit(root)).outcome).toBe('undone');
    expect(snapshotTree(repo)).toBe(before);
  });
});

describe('undoLastSplit and files that appeared in new directories', () => {
  it('keeps a created directory that gained files (MS520), or purges it when asked (rollback after verify)', async () => {
    const keep = makeRealisticProject({ git: true });
    await writeChangeSet(keep.changeSet);
    mkdirSync(join(keep.root, 'shop/models/__pycache__'));
    writeFileSync(
      join(keep.root, 'shop/models/__pycache__/base.cpython-311.pyc'),
      Buffer.from([0x6f, 0x0d, 0x0d, 0x0a]),
    );
    const kept = await undoLastSplit(keep.root);
    expect(kept.outcome).toBe('undone');
    expect(kept.diagnostics.map((d) => `${d.code} ${d.location?.path}`)).toEqual(['MS520 shop/models']);
    expect(existsSync(join(keep.root, 'shop/models/__pycache__/base.cpython-311.pyc'))).toBe(true);
    expect(existsSync(join(keep.root, 'shop/models.py'))).toBe(true);

    const purge = makeRealisticProject({ git: true });
    const before = snapshotTree(purge.root);
    await writeChangeSet(purge.changeSet);
    mkdirSync(join(purge.root, 'shop/models/__pycache__'));
    writeFileSync(
      join(purge.root, 'shop/models/__pycache__/base.cpython-311.pyc'),
      Buffer.from([0x6f, 0x0d, 0x0d, 0x0a]),
    );
    const purged = await undoLastSplit(purge.root, { purgeCreatedDirs: true });
    expect(purged.outcome).toBe('undone');
    expect(purged.diagnostics).toEqual([]);
    expect(snapshotTree(purge.root)).toBe(before);
  });
});
