// Generated import lines wrap at the project's line length: the line-length-ruff-{120,60} split fixtures (compared
// byte for byte by split-fixtures.test.ts) pass `ruff check` with their own config (E501, I001, F401), and the
// length read from the config, not 88, decides. Columns are counted as ruff counts them (CJK characters take two).

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineWidth } from '../../../src/emit/emit-context.js';
import { readLineLength } from '../../../src/read/line-length.js';
import { applyChangeSet, listTree, runSplit, type SplitFixtureArgs } from '../../helpers/fixture-tree.js';
import { repoRoot } from '../../helpers/python.js';

const fixtures = join(repoRoot, 'test/fixtures/split');
const ruff = join(repoRoot, '.venv/bin/ruff');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function copy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'modsplit-line-length-'));
  temps.push(dir);
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** `ruff check` in `root` with the project's config (and no user-level one); its findings, one per line. */
function ruffFindings(root: string, ...extra: string[]): string[] {
  const result = spawnSync(ruff, ['check', '--no-cache', '--output-format', 'concise', ...extra, '.'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: root, HOME: root },
  });
  expect(result.status === 0 || result.status === 1, result.stderr).toBe(true);
  return result.stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l));
}

/** Split the fixture's input with `lineLength` (undefined: read from the project, as the CLI does). */
async function split(name: string, lineLength?: number): Promise<string> {
  const caseDir = join(fixtures, name);
  const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as SplitFixtureArgs;
  const root = copy(join(caseDir, 'input'));
  const run = await runSplit(root, lineLength === undefined ? args : { ...args, emit: { lineLength } });
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (run.changeSet) applyChangeSet(root, run.changeSet);
  return root;
}

const read = (root: string, file: string) => readFileSync(join(root, 'app/models', file), 'utf8');

describe('generated imports wrap at the configured line length', () => {
  for (const [name, limit] of [
    ['line-length-ruff-120', 120],
    ['line-length-ruff-60', 60],
  ] as const) {
    it(`${name}: the project's config is read, and ruff with it finds nothing in the output`, async () => {
      const expected = join(fixtures, name, 'expected');
      expect(readLineLength(expected).lineLength).toBe(limit);
      // The input itself is clean, so any finding would be on a generated line.
      expect(ruffFindings(copy(join(fixtures, name, 'input')))).toEqual([]);
      expect(ruffFindings(copy(expected))).toEqual([]);
      for (const file of listTree(expected).filter((f) => f.endsWith('.py'))) {
        for (const line of readFileSync(join(expected, file), 'utf8').split('\n'))
          expect(lineWidth(line), `${file}: ${line}`).toBeLessThanOrEqual(limit);
      }
    });
  }

  it('at 120, a line the default would wrap stays whole, and only that file differs from the default', async () => {
    const configured = await split('line-length-ruff-120');
    const byDefault = await split('line-length-ruff-120', 88);
    const jira = read(configured, 'jira.py').split('\n')[3] as string;
    expect(jira.startsWith('from .helpers import build_repository_url, ')).toBe(true);
    expect(lineWidth(jira)).toBeGreaterThan(88);
    expect(read(byDefault, 'jira.py')).toContain('from .helpers import (\n    build_repository_url,\n');
    for (const file of ['__init__.py', 'github.py', 'helpers.py'])
      expect(read(configured, file), file).toBe(read(byDefault, file));
    // The default output is right for a project at 88 (ruff told 88 finds nothing either).
    expect(ruffFindings(byDefault, '--line-length', '88')).toEqual([]);
  });

  it('at 60, imports that fit in 88 are wrapped, in the submodules and in __init__.py', async () => {
    const configured = await split('line-length-ruff-60');
    const byDefault = await split('line-length-ruff-60', 88);
    // Wrapped at 88 instead, ruff with the project's 60 flags the submodule and the __init__.py imports.
    const kinds = ruffFindings(byDefault).map((l) => l.replace(/:\d+:\d+: (\w+) .*$/, ' $1'));
    expect([...new Set(kinds)].sort()).toEqual([
      'app/models/__init__.py E501',
      'app/models/__init__.py I001',
      'app/models/snapshots.py E501',
      'app/models/snapshots.py I001',
    ]);
    expect(ruffFindings(configured)).toEqual([]);
  });

  it('counts columns as ruff does: a line short in code units but wide in columns is wrapped', async () => {
    const root = await split('line-length-ruff-120');
    const github = read(root, 'github.py');
    const names = /from \.helpers import \(\n((?: {4}.*,\n)+)\)/.exec(github)?.[1] ?? '';
    const one = `from .helpers import ${names
      .trim()
      .split(/,\n\s*/)
      .join(', ')
      .replace(/,$/, '')}`;
    expect(one.length).toBeLessThanOrEqual(120);
    expect(lineWidth(one)).toBeGreaterThan(120);
    // ruff agrees that the one-line form would be too long.
    const probe = copy(join(fixtures, 'line-length-ruff-120', 'input'));
    writeFileSync(join(probe, 'app/probe.py'), `${one}\n`);
    expect(ruffFindings(probe, '--select', 'E501')).toEqual([
      expect.stringMatching(
        new RegExp(`^app/probe\\.py:1:\\d+: E501 Line too long \\(${lineWidth(one)} > 120\\)$`),
      ),
    ]);
  });
});
