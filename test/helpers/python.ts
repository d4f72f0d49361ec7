// Python as the test oracle: the project's venv interpreter (made by scripts/setup-python.sh via `pretest`).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The venv's python; tests fail loudly (not skip) when it is missing, since CI always provides it. */
export function pythonPath(): string {
  const venv = join(repoRoot, '.venv', 'bin', 'python');
  if (!existsSync(venv)) throw new Error(`no ${venv}: run scripts/setup-python.sh (npm test does it)`);
  return venv;
}

/** Run a Python script with optional stdin; returns stdout, throws with stderr on failure. */
export function runPython(script: string, input = '', cwd?: string): string {
  const result = spawnSync(pythonPath(), ['-c', script], {
    input,
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`python failed (${result.status}):\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  }
  return result.stdout;
}

let djangoDir: string | undefined;
/** Folder of the installed Django package (the real-world corpus), e.g. .venv/lib/python3.11/site-packages/django. */
export function djangoSourceDir(): string {
  djangoDir ??= execFileSync(
    pythonPath(),
    ['-c', 'import django, os; print(os.path.dirname(django.__file__))'],
    {
      encoding: 'utf8',
    },
  ).trim();
  return djangoDir;
}

/** Paths of Django's `count` largest `.py` files (not `__init__.py`), largest first. */
export function largestDjangoModules(count: number): string[] {
  const found: { path: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (entry.endsWith('.py') && entry !== '__init__.py') found.push({ path, size: stat.size });
    }
  };
  walk(djangoSourceDir());
  return found
    .sort((a, b) => b.size - a.size)
    .slice(0, count)
    .map((f) => f.path);
}
