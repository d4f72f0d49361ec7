// Find the project's Python interpreter and its Django settings module, by looking at files only.
// Runs nothing: whether the interpreter works is found out by the caller that runs it.

import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';

export interface FoundPython {
  /** Absolute path of the interpreter. */
  readonly path: string;
  /** Where it came from, for reports. */
  readonly source: 'option' | 'venv' | 'path';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `root` and its ancestors, stopping after the first folder that holds `.git` (the repository root). */
function rootAndAncestors(root: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(root);
  for (;;) {
    dirs.push(dir);
    if (existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The interpreter to run checks with: `option` (a path, or a command looked up on PATH); else `.venv/bin/python`
 * or `venv/bin/python` in `root` or a parent folder up to the repository root; else `python3` (then `python`) on
 * PATH. Returns a loud MS610 warning diagnostic instead when none exists.
 */
export function findPython(root: string, option?: string): FoundPython | Diagnostic {
  if (option) {
    const path =
      isAbsolute(option) || option.includes('/') ? resolve(root, option) : (findOnPath(option) ?? option);
    if (isExecutableFile(path)) return { path, source: 'option' };
    return noPython(`the interpreter given (${option}) does not exist or is not executable`);
  }
  for (const dir of rootAndAncestors(root)) {
    for (const venv of ['.venv', 'venv']) {
      for (const exe of ['bin/python', 'Scripts/python.exe']) {
        const candidate = join(dir, venv, exe);
        if (isExecutableFile(candidate)) return { path: candidate, source: 'venv' };
      }
    }
  }
  for (const command of ['python3', 'python']) {
    const path = findOnPath(command);
    if (path) return { path, source: 'path' };
  }
  return noPython('no .venv/bin/python in the project and no python3 on PATH');
}

function noPython(why: string): Diagnostic {
  return {
    code: 'MS610',
    severity: 'warning',
    message: `no Python interpreter found (${why}): the import, name and re-export checks did NOT run`,
    help: 'pass --python path/to/python, or create .venv/ in the project',
  };
}

const settingsPatterns: readonly [string, RegExp][] = [
  ['manage.py', /os\.environ\.setdefault\(\s*['"]DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/],
  ['pytest.ini', /^\s*DJANGO_SETTINGS_MODULE\s*=\s*['"]?([\w.]+)/m],
  ['pyproject.toml', /^\s*DJANGO_SETTINGS_MODULE\s*=\s*['"]([\w.]+)['"]/m],
  ['setup.cfg', /^\s*DJANGO_SETTINGS_MODULE\s*=\s*['"]?([\w.]+)/m],
  ['tox.ini', /^\s*DJANGO_SETTINGS_MODULE\s*=\s*['"]?([\w.]+)/m],
];

/**
 * The Django settings module named by `manage.py` (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")`)
 * or by a pytest-django setting, looked up in `root` and its parents up to the repository root; null when none.
 */
export function findDjangoSettings(root: string): string | null {
  for (const dir of rootAndAncestors(root)) {
    for (const [file, pattern] of settingsPatterns) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const match = pattern.exec(readFileSync(path, 'utf8'));
      if (match?.[1]) return match[1];
    }
  }
  return null;
}
