// A new submodule whose import is there only for other files gets an `__all__`: pyflakes and ruff F401 find
// nothing in the split of the guarded-import-for-siblings-gets-all fixture (and do find the imports once the
// generated lines are removed), `ruff --fix` changes nothing; quotes and wrapping follow the module and options.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyChangeSet, runSplit, type SplitFixtureArgs } from '../../helpers/fixture-tree.js';
import { pythonPath, repoRoot } from '../../helpers/python.js';

const fixture = join(repoRoot, 'test/fixtures/split/guarded-import-for-siblings-gets-all');
const ruff = join(repoRoot, '.venv/bin/ruff');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modsplit-submodule-all-'));
  temps.push(dir);
  return dir;
}

/** pyflakes messages on `files` (relative to `root`), without the root. */
function pyflakes(root: string, files: readonly string[]): string[] {
  const result = spawnSync(pythonPath(), ['-m', 'pyflakes', ...files], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter((l) => l !== '');
}

/** `ruff check --select F401` findings in `dir` (no user or project config), one a line; `fix` applies them. */
function ruffF401(root: string, dir: string, fix = false): string[] {
  const result = spawnSync(
    ruff,
    [
      'check',
      '--isolated',
      '--no-cache',
      '--select',
      'F401',
      '--output-format',
      'concise',
      ...(fix ? ['--fix'] : []),
      dir,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  expect(result.status === 0 || result.status === 1, result.stderr).toBe(true);
  return result.stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l));
}

async function splitFixture(): Promise<string> {
  const root = tempDir();
  cpSync(join(fixture, 'input'), root, { recursive: true });
  const args = JSON.parse(readFileSync(join(fixture, 'args.json'), 'utf8')) as SplitFixtureArgs;
  const run = await runSplit(root, args);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!run.changeSet) throw new Error('the fixture did not split');
  applyChangeSet(root, run.changeSet);
  return root;
}

/** Write `files` into a new temp project and split `module` with `plan`. */
async function splitProject(
  files: Readonly<Record<string, string>>,
  args: SplitFixtureArgs,
): Promise<(file: string) => string> {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = await runSplit(root, args);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!run.changeSet) throw new Error('did not split');
  applyChangeSet(root, run.changeSet);
  return (file) => readFileSync(join(root, file), 'utf8');
}

const SUBMODULES = ['compression.py', 'connection.py', 'environment.py', 'params.py'].map(
  (f) => `shop/backend/${f}`,
);

describe('generated __all__ in submodules', () => {
  it('leaves pyflakes and ruff F401 nothing to report, where both report the imports without it', async () => {
    const root = await splitFixture();
    expect(pyflakes(root, SUBMODULES)).toEqual([]);
    expect(ruffF401(root, 'shop/backend')).toEqual([]);
    const before = SUBMODULES.map((f) => readFileSync(join(root, f), 'utf8'));
    expect(before.filter((t) => t.includes('__all__')).length).toBe(2);

    // The control: the same files without the generated statements.
    const control = tempDir();
    cpSync(root, control, { recursive: true });
    for (const file of ['environment.py', 'params.py']) {
      const path = join(control, 'shop/backend', file);
      const text = readFileSync(path, 'utf8');
      const stripped = text.replace(/\n__all__ = \[[^\]]*\]\n/, '\n');
      expect(stripped).not.toBe(text);
      writeFileSync(path, stripped);
    }
    expect(pyflakes(control, SUBMODULES)).toEqual([
      "shop/backend/environment.py:7:5: 'sqlite3 as Database' imported but unused",
      "shop/backend/params.py:8:5: 'decimal.Decimal as Number' imported but unused",
    ]);
    expect(
      ruffF401(control, 'shop/backend').map((l) => l.replace(/:\d+:\d+:.*`(\S+)` imported.*/, ' $1')),
    ).toEqual(['shop/backend/environment.py sqlite3', 'shop/backend/params.py decimal.Decimal']);
  });

  it('survives `ruff check --select F401 --fix` unchanged, and the package still imports and works', async () => {
    const root = await splitFixture();
    const before = SUBMODULES.map((f) => readFileSync(join(root, f), 'utf8'));
    expect(ruffF401(root, 'shop/backend', true)).toEqual([]);
    expect(SUBMODULES.map((f) => readFileSync(join(root, f), 'utf8'))).toEqual(before);
    const result = spawnSync(
      pythonPath(),
      [
        '-c',
        [
          'import shop.backend as b',
          'from shop.backend.environment import *',
          'w = b.DatabaseWrapper()',
          'print(w.client().driver_name, type(w.param(3).value).__name__, sorted(n for n in dir() if n[0] != "_"))',
        ].join('\n'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(
      "sqlite3 Decimal ['DEFAULT_ENVIRONMENT_ENCODING', 'Database', 'b', 'configure_environment_for_driver', 'w']",
    );
  });

  const MODULE = [
    'try:',
    '    import json as codec',
    'except ImportError as exc:',
    "    raise SystemExit('no json: %s' % exc)",
    '',
    "LIMIT = 'x'",
    '',
    '',
    'def helper():',
    '    return LIMIT',
    '',
    '',
    'class User:',
    '    def dump(self):',
    '        return codec.dumps(helper())',
    '',
  ].join('\n');
  const ARGS: SplitFixtureArgs = {
    module: 'app/core.py',
    plan: { 'codecs.py': ['codec', 'LIMIT', 'helper'], 'users.py': ['User'] },
  };

  it("uses the module's quotes, one line when it fits, one name a line past the line length", async () => {
    const project = { 'app/__init__.py': '', 'app/core.py': MODULE };
    const fits = await splitProject(project, ARGS);
    expect(fits('app/core/codecs.py')).toContain(
      "    raise SystemExit('no json: %s' % exc)\n\n__all__ = ['codec', 'LIMIT', 'helper']\n\nLIMIT",
    );
    const wrapped = await splitProject(project, { ...ARGS, emit: { lineLength: 30 } });
    expect(wrapped('app/core/codecs.py')).toContain(
      "\n__all__ = [\n    'codec',\n    'LIMIT',\n    'helper',\n]\n\nLIMIT",
    );
    expect(fits('app/core/users.py')).not.toContain('__all__');
  });

  it('adds none where the file itself reads the import', async () => {
    const reads = MODULE.replace('    return LIMIT', '    return codec.dumps(LIMIT)');
    const file = await splitProject({ 'app/__init__.py': '', 'app/core.py': reads }, ARGS);
    expect(file('app/core/codecs.py')).not.toContain('__all__');
  });
});
