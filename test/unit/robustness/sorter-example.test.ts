// Import sorters vs a split (SPLIT-SEMANTICS §3): split the bundled example with its plan through the CLI, then run
// `ruff check --select I --fix` (with the example's own ruff config) on the new package, and hold the project to the
// same `manage.py check`, `makemigrations --check` and test results as before sorting. Corpus modules and random
// plans get the same treatment in django-corpus-split.test.ts and random-plans.test.ts.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonPath } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { OTHER_ISORT_STYLE, sortImportsWithRuff } from './package-check.js';

const MODULE = 'apps/integrations/models.py';
const PACKAGE = 'apps/integrations/models';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function manage(root: string, ...args: string[]): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.DJANGO_SETTINGS_MODULE;
  const run = spawnSync(pythonPath(), ['manage.py', ...args], { cwd: root, env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/** The project's state as its own commands see it: check, migrations, and each failing test id. */
function projectState(root: string): {
  check: number | null;
  migrations: number | null;
  failing: string[];
  ran: number;
} {
  const check = manage(root, 'check');
  const migrations = manage(root, 'makemigrations', '--check', '--dry-run');
  const tests = manage(root, 'test', '--noinput');
  const failing = [...tests.output.matchAll(/^(?:ERROR|FAIL): (\w+) \(([\w.]+)\)/gm)].map(
    (m) => `${m[2]}.${m[1]}`,
  );
  const ran = Number(/^Ran (\d+) tests?/m.exec(tests.output)?.[1] ?? 0);
  return { check: check.status, migrations: migrations.status, failing: [...new Set(failing)].sort(), ran };
}

function packageTexts(root: string): Record<string, string> {
  const dir = join(root, PACKAGE);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('import sorting after a split (examples/teamhub)', () => {
  it('ruff --select I --fix (default and another style) on the new package changes no check, migration or test result', () => {
    const root = copyProject('examples/teamhub');
    temps.push(dirname(root));
    const split = runCli(['split', MODULE, '--plan', 'modsplit-plan.toml', '--python', pythonPath()], root);
    expect(split.status, split.stderr).toBe(0);
    const afterSplit = projectState(root);
    expect(afterSplit.check).toBe(0);
    expect(afterSplit.migrations).toBe(0);
    expect(afterSplit.ran).toBeGreaterThan(10);

    const before = packageTexts(root);
    expect(sortImportsWithRuff(join(root, PACKAGE))).toBeLessThanOrEqual(1);
    const after = packageTexts(root);
    const resorted = Object.keys(after).filter((f) => after[f] !== before[f]);
    console.log(
      `teamhub: ${afterSplit.ran} tests, ${afterSplit.failing.length} failing after the split` +
        ` (${afterSplit.failing.join(', ') || 'none'}); ruff re-sorted ${resorted.join(', ') || 'nothing'}`,
    );

    const afterSort = projectState(root);
    expect(afterSort).toEqual(afterSplit);

    // modsplit writes imports in ruff's default order, so the pass above may change nothing: sort again in another
    // project's style (one name per line, no type order, plain and from-imports mixed), which must move lines.
    const sortedOnce = packageTexts(root);
    expect(sortImportsWithRuff(join(root, PACKAGE), OTHER_ISORT_STYLE)).toBeLessThanOrEqual(1);
    const restyled = packageTexts(root);
    const moved = Object.keys(restyled).filter((f) => restyled[f] !== sortedOnce[f]);
    console.log(`teamhub: ruff in another isort style re-sorted ${moved.join(', ') || 'nothing'}`);
    expect(moved.length).toBeGreaterThan(0);
    expect(projectState(root)).toEqual(afterSplit);
  }, 300_000);
});
