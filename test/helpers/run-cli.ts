// Run the compiled CLI (dist/, built by `pretest`) as a user would, and copy projects to temp folders for it.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './python.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Copy a folder of the repository (e.g. `examples/teamhub`) to a fresh temp folder; optionally make it a git repo. */
export function copyProject(relativePath: string, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'modsplit-cli-'));
  const target = join(dir, 'project');
  cpSync(join(repoRoot, relativePath), target, {
    recursive: true,
    filter: (p) => !p.includes('__pycache__') && !p.endsWith('db.sqlite3'),
  });
  if (options.git) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: target, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'initial');
  }
  return target;
}
