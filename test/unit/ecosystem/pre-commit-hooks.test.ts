// The hooks of .pre-commit-hooks.yaml run the way pre-commit runs them: the declared `entry` and args, on the staged
// files of a real temporary git repository filtered by `files`/`exclude`, through the compiled CLI. Installing the
// hooks with the real pre-commit from a clone of this repository is pre-commit-install.test.ts.

import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';

interface Hook {
  readonly id: string;
  readonly entry: string;
  readonly language: string;
  readonly files?: string;
  readonly exclude?: string;
  readonly pass_filenames?: boolean;
  readonly [key: string]: string | boolean | undefined;
}

/** The hooks file is a list of flat maps of scalars; anything else is a shape this reader (and pre-commit) rejects. */
function readHooks(text: string): Hook[] {
  const hooks: Record<string, string | boolean>[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const match = /^(- | {2})([a-z_]+): (.+)$/.exec(raw);
    if (!match) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    const [, lead, key, value] = match as unknown as [string, string, string, string];
    if (lead === '- ') hooks.push({});
    const hook = hooks[hooks.length - 1];
    if (!hook) throw new Error('a key before the first hook');
    hook[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return hooks as unknown as Hook[];
}

const HOOKS = readHooks(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** What pre-commit does for one hook: select staged files by `files`/`exclude`, then run `entry` + args (+ files). */
function runHook(id: string, cwd: string, args: readonly string[] = []) {
  const hook = HOOKS.find((h) => h.id === id);
  if (!hook) throw new Error(`no hook ${id}`);
  const staged = git(cwd, 'diff', '--cached', '--name-only', '--diff-filter=ACMR')
    .split('\n')
    .filter((f) => f !== '');
  // pre-commit uses Python's re.search; these patterns mean the same in JavaScript.
  const selected = staged.filter(
    (f) => new RegExp(hook.files ?? '').test(f) && !(hook.exclude && new RegExp(hook.exclude).test(f)),
  );
  if (selected.length === 0) return { skipped: true, status: 0, stdout: '', stderr: '', files: selected };
  const [command, ...entryArgs] = hook.entry.split(/\s+/);
  expect(command).toBe('modsplit');
  const files = hook.pass_filenames === false ? [] : selected;
  return { skipped: false, files: selected, ...runCli([...entryArgs, ...args, ...files], cwd) };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the two hooks as pre-commit expects them', () => {
    expect(HOOKS.map((h) => [h.id, h.entry, h.language, h.files, h.pass_filenames])).toEqual([
      ['modsplit-check', 'modsplit check', 'node', '\\.(py|toml)$', false],
      ['modsplit-line-budget', 'modsplit line-budget', 'node', '\\.py$', undefined],
    ]);
    for (const hook of HOOKS) expect(typeof hook.name).toBe('string');
  });

  describe('modsplit-line-budget on staged files', () => {
    let repo: string;
    beforeAll(() => {
      repo = copyProject('examples/teamhub', { git: true });
    });

    it('fails on a staged module over the default budget, passes with args: [--max-lines=2000]', () => {
      appendFileSync(join(repo, 'apps/integrations/models.py'), '\n# a new line\n');
      appendFileSync(join(repo, 'apps/core/models.py'), '\n# touched\n');
      git(repo, 'add', 'apps/integrations/models.py', 'apps/core/models.py');
      const run = runHook('modsplit-line-budget', repo);
      expect(run.files).toEqual(['apps/core/models.py', 'apps/integrations/models.py']);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'error[MS388]: apps/integrations/models.py has 1,012 lines (budget 1,000)',
      );
      expect(run.stderr).toContain('run `modsplit plan apps/integrations/models.py`');
      expect(run.stderr).not.toContain('apps/core/models.py has');
      expect(runHook('modsplit-line-budget', repo, ['--max-lines=2000']).status).toBe(0);
      git(repo, 'commit', '-qm', 'grow');
    });

    it('leaves migrations out (exclude) and does not run without staged Python files', () => {
      appendFileSync(join(repo, 'apps/integrations/migrations/0001_initial.py'), '\n# touched\n');
      appendFileSync(join(repo, 'README.md'), '\ntouched\n');
      git(repo, 'add', '-A');
      const run = runHook('modsplit-line-budget', repo, ['--max-lines=1']);
      expect(run).toMatchObject({ skipped: true, files: [] });
      git(repo, 'commit', '-qm', 'migration');
    });
  });

  describe('modsplit-check on a committed split', () => {
    let repo: string;
    beforeAll(() => {
      repo = copyProject('examples/teamhub', { git: true });
      const split = runCli(['split', 'apps/integrations/models.py', '--plan', 'modsplit-plan.toml'], repo);
      if (split.status !== 0) throw new Error(split.stderr);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'split apps/integrations/models.py');
    });

    it('passes when a staged edit keeps the plan, fails when a staged edit breaks it', () => {
      appendFileSync(join(repo, 'apps/integrations/models/jira.py'), '\n\n# a comment\n');
      git(repo, 'add', 'apps/integrations/models/jira.py');
      const clean = runHook('modsplit-check', repo);
      expect(clean.stderr).toBe(
        'apps/integrations/models matches modsplit-plan.toml (5 files, 11 planned names)\n',
      );
      expect(clean.status).toBe(0);

      const init = join(repo, 'apps/integrations/models/__init__.py');
      const text = readFileSync(init, 'utf8');
      const broken = text.replace(/^ {4}JiraIssue( as JiraIssue)?,\n/m, '');
      expect(broken).not.toBe(text);
      writeFileSync(init, broken);
      git(repo, 'add', 'apps/integrations/models/__init__.py');
      const run = runHook('modsplit-check', repo);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'error[MS382]: `JiraIssue` is not imported by apps/integrations/models/__init__.py',
      );
    });
  });
});
