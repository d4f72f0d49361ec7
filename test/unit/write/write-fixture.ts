// Shared setup for the write-stage tests: a realistic project built from Django's own source (a big models module
// split into a package, edited importers with a BOM, CRLF and an executable bit, a deleted file), optionally in a
// real git repository, plus a byte-exact snapshot of a tree (files, modes, dirs, git index and status).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChangeSet } from '../../../src/model/changes.js';
import { computeLineStarts } from '../../../src/model/text.js';
import { djangoSourceDir } from '../../helpers/python.js';

// Tests may run inside a git hook; the temp repositories must not see the outer repository's variables.
for (const name of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY'])
  delete process.env[name];

export const gitTestEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_OPTIONAL_LOCKS: '0',
};

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: gitTestEnv, encoding: 'utf8' });
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `modsplit-${prefix}-`));
}

function writeTreeFile(root: string, path: string, bytes: string | Buffer, mode = 0o644): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
  chmodSync(join(root, path), mode);
}

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** The expected result of the realistic change set, path -> bytes (null: absent), with modes that must hold. */
export interface RealisticProject {
  readonly root: string;
  readonly changeSet: ChangeSet;
  readonly expected: ReadonlyMap<string, Buffer | null>;
  readonly expectedModes: ReadonlyMap<string, number>;
}

/**
 * Build the project in a new temp dir and the change set a split of `shop/models.py` would produce:
 * rename it into `shop/models/base.py` (minus its ordering helpers, which move to a new `ordering.py`), add
 * `shop/models/__init__.py` (BOM), edit three importers (CRLF + executable, BOM + non-ASCII, big admin module),
 * delete `shop/legacy.py`. With `git`, everything is committed first.
 */
export function makeRealisticProject(options: { git: boolean }): RealisticProject {
  const root = makeTempDir(options.git ? 'git' : 'plain');
  const django = djangoSourceDir();
  const models = readFileSync(join(django, 'db/models/base.py'), 'utf8');
  const admin = readFileSync(join(django, 'contrib/admin/options.py'), 'utf8');
  const constraints = readFileSync(join(django, 'db/models/constraints.py'), 'utf8');
  const legacy = readFileSync(join(django, 'db/models/deletion.py'));
  const manage =
    '#!/usr/bin/env python\r\nimport os\r\nimport sys\r\n\r\nif __name__ == "__main__":\r\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\r\n';

  writeTreeFile(root, 'shop/models.py', models);
  writeTreeFile(root, 'shop/admin.py', admin);
  writeTreeFile(root, 'shop/constraints.py', Buffer.concat([bom, Buffer.from(constraints)]));
  writeTreeFile(root, 'shop/legacy.py', legacy);
  writeTreeFile(root, 'shop/__init__.py', '');
  writeTreeFile(root, 'bin/manage.py', manage, 0o755);
  writeTreeFile(root, 'README.md', 'shop\n');

  // Split point: the module-level ordering helpers at the end of django/db/models/base.py.
  const splitAt = models.search(/^def method_set_order\(/m);
  if (splitAt < 0) throw new Error('django/db/models/base.py changed: no method_set_order');
  const kept = models.slice(0, splitAt);
  const moved = `from django.db import models\n\n\n${models.slice(splitAt)}`;
  const init =
    '# Re-exports keep `shop.models.X` working.\nfrom .base import *  # noqa: F403\nfrom .ordering import *  # noqa: F403\n# ünïcode after the split\n';

  // Edits at line boundaries found from the text itself.
  const adminLines = computeLineStarts(admin);
  const adminLine3 = { start: adminLines[2] as number, end: adminLines[3] as number };
  const adminInsert = adminLines[20] as number;
  let nonAscii = 0;
  while (nonAscii < constraints.length && constraints.charCodeAt(nonAscii) < 0x80) nonAscii++;
  if (nonAscii === constraints.length)
    throw new Error('django/db/models/constraints.py has no non-ASCII character any more');
  const constraintsLines = computeLineStarts(constraints);
  const afterNonAscii = constraintsLines.find((s) => s > nonAscii) as number;
  const manageLines = computeLineStarts(manage);
  const manageInsert = manageLines[3] as number;

  const changeSet: ChangeSet = {
    description: 'split shop/models.py into shop/models/',
    root,
    diagnostics: [],
    changes: [
      { kind: 'rename', from: 'shop/models.py', to: 'shop/models/base.py', text: kept },
      { kind: 'create', path: 'shop/models/ordering.py', text: moved },
      { kind: 'create', path: 'shop/models/__init__.py', text: init, bom: true },
      {
        kind: 'edit',
        path: 'shop/admin.py',
        edits: [
          {
            range: { start: adminInsert, end: adminInsert },
            newText: 'from shop.models.base import Model  # split\n',
          },
          { range: adminLine3, newText: '' },
        ],
      },
      {
        kind: 'edit',
        path: 'shop/constraints.py',
        edits: [{ range: { start: afterNonAscii, end: afterNonAscii }, newText: '# après la scission\n' }],
      },
      {
        kind: 'edit',
        path: 'bin/manage.py',
        edits: [{ range: { start: manageInsert, end: manageInsert }, newText: 'import shop.models\r\n' }],
      },
      { kind: 'delete', path: 'shop/legacy.py' },
    ],
  };

  const expected = new Map<string, Buffer | null>([
    ['shop/models.py', null],
    ['shop/legacy.py', null],
    ['shop/models/base.py', Buffer.from(kept)],
    ['shop/models/ordering.py', Buffer.from(moved)],
    ['shop/models/__init__.py', Buffer.concat([bom, Buffer.from(init)])],
    [
      'shop/admin.py',
      Buffer.from(
        admin.slice(0, adminLine3.start) +
          admin.slice(adminLine3.end, adminInsert) +
          'from shop.models.base import Model  # split\n' +
          admin.slice(adminInsert),
      ),
    ],
    [
      'shop/constraints.py',
      Buffer.concat([
        bom,
        Buffer.from(
          `${constraints.slice(0, afterNonAscii)}# après la scission\n${constraints.slice(afterNonAscii)}`,
        ),
      ]),
    ],
    [
      'bin/manage.py',
      Buffer.from(`${manage.slice(0, manageInsert)}import shop.models\r\n${manage.slice(manageInsert)}`),
    ],
  ]);
  const expectedModes = new Map([
    ['bin/manage.py', 0o755],
    ['shop/models/base.py', 0o644],
    ['shop/admin.py', 0o644],
  ]);

  if (options.git) {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'initial shop');
  }
  return { root, changeSet, expected, expectedModes };
}

/**
 * Every entry under `root` except `.git`: type, permission bits, and a hash of the bytes; then, in a repository,
 * `git ls-files -s` and `git status --porcelain`. Equal snapshots mean byte-identical trees and indexes.
 */
export function snapshotTree(root: string, options: { skip?: readonly string[] } = {}): string {
  const skip = new Set(['.git', ...(options.skip ?? [])]);
  const lines: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (skip.has(path)) continue;
      const stats = lstatSync(join(root, path));
      const mode = (stats.mode & 0o7777).toString(8);
      if (stats.isDirectory()) {
        lines.push(`dir  ${mode} ${path}/`);
        walk(path);
      } else if (stats.isSymbolicLink()) lines.push(`link ${path} -> ${readlinkSync(join(root, path))}`);
      else {
        const hash = createHash('sha256')
          .update(readFileSync(join(root, path)))
          .digest('hex')
          .slice(0, 16);
        lines.push(`file ${mode} ${hash} ${stats.size} ${path}`);
      }
    }
  };
  walk('');
  let isRepo = true;
  try {
    lstatSync(join(root, '.git'));
  } catch {
    isRepo = false;
  }
  if (isRepo) {
    lines.push('--- git ls-files -s', git(root, 'ls-files', '-s'));
    lines.push('--- git status --porcelain', git(root, 'status', '--porcelain=v1', '--untracked-files=all'));
  }
  return lines.join('\n');
}
