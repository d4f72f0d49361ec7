// Suggest the project's own verification commands from the files at its root (manage.py, pytest configuration).
// Suggests only; running them is runVerifyCommands, and nothing here starts a process.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function fileContains(path: string, pattern: RegExp): boolean {
  try {
    return pattern.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** True when `root` configures pytest (pytest.ini, `[tool.pytest.ini_options]`, `[tool:pytest]`, `[pytest]`, conftest.py). */
export function usesPytest(root: string): boolean {
  return (
    existsSync(join(root, 'pytest.ini')) ||
    existsSync(join(root, 'conftest.py')) ||
    fileContains(join(root, 'pyproject.toml'), /^\[tool\.pytest\.ini_options\]/m) ||
    fileContains(join(root, 'setup.cfg'), /^\[tool:pytest\]/m) ||
    fileContains(join(root, 'tox.ini'), /^\[pytest\]/m)
  );
}

/**
 * Commands worth running before and after a split, cheapest first. Django (manage.py in `root`):
 * `python manage.py check`, `python manage.py makemigrations --check --dry-run`, and the tests. Tests run with
 * per-test output so runs can be compared test by test: `python manage.py test -v 2` (unittest prints one line per
 * test only at verbosity 2), or `python -m pytest -q -rA` when pytest is configured (`-rA` lists every outcome).
 */
export function suggestVerifyCommands(root: string): string[] {
  const commands: string[] = [];
  const django = existsSync(join(root, 'manage.py'));
  if (django) {
    commands.push('python manage.py check', 'python manage.py makemigrations --check --dry-run');
  }
  if (usesPytest(root)) commands.push('python -m pytest -q -rA');
  else if (django) commands.push('python manage.py test -v 2');
  return commands;
}
