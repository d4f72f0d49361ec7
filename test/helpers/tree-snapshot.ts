// A byte-level picture of a folder (every file's bytes and mode, and the git index when there is one), to prove
// that a refused or rolled-back command left the tree exactly as it was.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface TreeSnapshot {
  readonly files: Readonly<Record<string, string>>;
  readonly gitIndex: string | null;
  readonly gitStatus: string | null;
}

/** Hash and mode of every file below `root`, skipping `.git` internals and Python bytecode caches. */
export function snapshotTree(root: string): TreeSnapshot {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === '__pycache__') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        files[`${relative(root, path)}/`] = 'dir';
      } else {
        const mode = (statSync(path).mode & 0o7777).toString(8);
        files[relative(root, path)] =
          `${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
      }
    }
  };
  walk(root);
  const git = existsSync(join(root, '.git'));
  const run = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  return {
    files,
    gitIndex: git ? run('ls-files', '-s') : null,
    gitStatus: git ? run('status', '--porcelain', '--untracked-files=all') : null,
  };
}
