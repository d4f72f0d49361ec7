// readLineLength on project roots written by the test: the precedence (ruff, black, flake8, 88), unusable values
// (MS153, skipped), and ruff's own resolution as the oracle (`ruff check --show-settings`) for every ruff config.
// It does not wrap anything; test/unit/emit/line-length.test.ts checks the generated lines.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLineLength } from '../../../src/read/line-length.js';
import { repoRoot } from '../../helpers/python.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-line-length-'));
  temps.push(root);
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app/m.py'), 'x = 1\n');
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

function read(files: Record<string, string>) {
  const found = readLineLength(project(files));
  return {
    lineLength: found.lineLength,
    source: found.source,
    diagnostics: found.diagnostics.map((d) => `${d.code} ${d.location?.path}:${d.location?.line}`),
  };
}

/** ruff's E501 limit for `app/m.py` and the file it took it from, as ruff itself resolves its configuration. */
function ruffLimit(root: string): { limit: number; path: string } {
  // HOME and XDG_CONFIG_HOME point into the project, so no user-level ruff config takes part.
  const settled = spawnSync(
    join(repoRoot, '.venv/bin/ruff'),
    ['check', '--no-cache', '--show-settings', 'app/m.py'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: root, HOME: root } },
  );
  expect(settled.status, settled.stderr).toBe(0);
  const value = (key: string) => Number(new RegExp(`^${key} = (\\d+)$`, 'm').exec(settled.stdout)?.[1]);
  const path = /^Settings path: "(.*)"$/m.exec(settled.stdout)?.[1] ?? '';
  return {
    limit: Math.min(value('linter\\.line_length'), value('linter\\.pycodestyle\\.max_line_length')),
    path: path.slice(root.length + 1),
  };
}

describe('readLineLength', () => {
  it('is 88 when the project sets nothing', () => {
    expect(read({})).toEqual({ lineLength: 88, source: undefined, diagnostics: [] });
    expect(read({ 'pyproject.toml': '[project]\nname = "x"\n' }).lineLength).toBe(88);
  });

  it('takes ruff first, then black, then flake8', () => {
    const ruff = '[tool.ruff]\nline-length = 120\n';
    const black = '[tool.black]\nline-length = 100\n';
    const flake8 = '[flake8]\nmax-line-length = 79\n';
    expect(read({ 'pyproject.toml': ruff + black, 'setup.cfg': flake8 })).toMatchObject({
      lineLength: 120,
      source: 'pyproject.toml [tool.ruff] line-length',
    });
    expect(read({ 'pyproject.toml': black, 'setup.cfg': flake8 })).toMatchObject({
      lineLength: 100,
      source: 'pyproject.toml [tool.black] line-length',
    });
    expect(read({ 'setup.cfg': flake8 })).toMatchObject({
      lineLength: 79,
      source: 'setup.cfg [flake8] max-line-length',
    });
    // A ruff table without line-length does not stop the fallbacks.
    expect(read({ 'pyproject.toml': `[tool.ruff.lint]\nselect = ["E"]\n${black}` }).lineLength).toBe(100);
  });

  it('reads flake8 from setup.cfg, tox.ini and .flake8 in that order, in either key spelling', () => {
    expect(
      read({
        'setup.cfg': '[metadata]\nname = x\n',
        'tox.ini': '[tox]\nenvlist = py311\n\n[flake8]\n# E501 limit\nmax_line_length: 99\n',
        '.flake8': '[flake8]\nmax-line-length = 70\n',
      }),
    ).toMatchObject({ lineLength: 99, source: 'tox.ini [flake8] max-line-length' });
    expect(read({ '.flake8': '[flake8]\nmax-line-length = 70\n' }).lineLength).toBe(70);
  });

  it('skips an unusable value with MS153 and uses the next setting', () => {
    expect(
      read({
        'pyproject.toml': '[tool.ruff]\nline-length = "120"\n\n[tool.black]\nline-length = 0\n',
        'setup.cfg': '[flake8]\nmax-line-length = 100  # comment\n',
      }),
    ).toEqual({
      lineLength: 88,
      source: undefined,
      diagnostics: ['MS153 pyproject.toml:2', 'MS153 pyproject.toml:5', 'MS153 setup.cfg:2'],
    });
    expect(
      read({ 'ruff.toml': 'line-length = [\n', 'pyproject.toml': '[tool.black]\nline-length = 100\n' }),
    ).toEqual({
      lineLength: 100,
      source: 'pyproject.toml [tool.black] line-length',
      diagnostics: ['MS153 ruff.toml:2'],
    });
  });

  const ruffConfigs: Record<string, Record<string, string>> = {
    'pyproject line-length': { 'pyproject.toml': '[tool.ruff]\nline-length = 120\n' },
    'shorter E501 limit': {
      'pyproject.toml':
        '[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint.pycodestyle]\nmax-line-length = 90\n',
    },
    'longer E501 limit': {
      'pyproject.toml':
        '[tool.ruff]\nline-length = 80\n\n[tool.ruff.lint.pycodestyle]\nmax-line-length = 110\n',
    },
    'E501 limit alone': { 'pyproject.toml': '[tool.ruff.lint.pycodestyle]\nmax-line-length = 72\n' },
    'ruff.toml over pyproject': {
      'ruff.toml': 'line-length = 77\n',
      'pyproject.toml': '[tool.ruff]\nline-length = 120\n',
    },
    '.ruff.toml over ruff.toml': { '.ruff.toml': 'line-length = 66\n', 'ruff.toml': 'line-length = 77\n' },
    'ruff.toml lint section': {
      'ruff.toml': 'line-length = 100\n\n[lint.pycodestyle]\nmax-line-length = 95\n',
    },
  };

  for (const [name, files] of Object.entries(ruffConfigs)) {
    it(`agrees with ruff's own resolution: ${name}`, () => {
      const root = project(files);
      const ours = readLineLength(root);
      const ruff = ruffLimit(root);
      expect(ours.diagnostics).toEqual([]);
      expect(ours.lineLength).toBe(ruff.limit);
      expect(ours.source?.split(' ')[0]).toBe(ruff.path);
    });
  }
});
