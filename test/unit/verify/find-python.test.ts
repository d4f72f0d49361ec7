// Finding the project's interpreter and Django settings from files: venvs in the root or a parent up to the
// repository root, an explicit option, PATH; settings from manage.py or pytest-django configuration.

import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDjangoSettings, findPython } from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { pythonPath } from '../../helpers/python.js';

const roots: string[] = [];
function tree(files: Record<string, string>): string {
  const root = writeProjectTree(files);
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function addVenv(dir: string, name = '.venv'): string {
  mkdirSync(join(dir, name, 'bin'), { recursive: true });
  const python = join(dir, name, 'bin', 'python');
  symlinkSync(pythonPath(), python);
  return python;
}

describe('findPython', () => {
  it('prefers the option, then a venv in the root or a parent (not above the repository root), then PATH', () => {
    const repo = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/app/__init__.py': '' });
    const venvPython = addVenv(repo);
    expect(findPython(join(repo, 'src'), undefined)).toEqual({ path: venvPython, source: 'venv' });
    expect(findPython(join(repo, 'src'), pythonPath())).toEqual({ path: pythonPath(), source: 'option' });

    const nested = tree({ '.git/HEAD': '', 'inner/.git/HEAD': '' });
    addVenv(nested);
    const found = findPython(join(nested, 'inner'), undefined);
    // The venv above inner/'s repository root is not this project's: PATH's python3 (or none) is used instead.
    if ('code' in found) expect(found.code).toBe('MS610');
    else expect(found.source).toBe('path');
  });

  it('finds venv/ as well as .venv/, and reports a missing explicit interpreter as MS610', () => {
    const root = tree({ '.git/HEAD': '' });
    const python = addVenv(root, 'venv');
    expect(findPython(root, undefined)).toEqual({ path: python, source: 'venv' });
    const missing = findPython(root, './nope/python');
    expect('code' in missing && [missing.code, missing.severity]).toEqual(['MS610', 'warning']);
  });
});

describe('findDjangoSettings', () => {
  it('reads manage.py, then pytest-django settings, in the root or its parents', () => {
    const manage =
      'import os\nos.environ.setdefault(\n    "DJANGO_SETTINGS_MODULE", "config.settings.dev"\n)\n';
    expect(findDjangoSettings(tree({ 'manage.py': manage }))).toBe('config.settings.dev');
    const pytest = tree({
      '.git/HEAD': '',
      'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = site.settings\n',
    });
    mkdirSync(join(pytest, 'src'));
    expect(findDjangoSettings(join(pytest, 'src'))).toBe('site.settings');
    expect(findDjangoSettings(tree({ '.git/HEAD': '', 'setup.py': '' }))).toBeNull();
  });
});
