// `modsplit check` and `modsplit line-budget` as users run them (compiled CLI) on the example project: a fresh split
// matches its plan, edits that break it exit 1, bad input exits 2; the line budget names the file and `modsplit plan`.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../../src/read/project-config.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';

const MODULE = 'apps/integrations/models.py';
const PACKAGE = 'apps/integrations/models';

function edit(root: string, path: string, change: (text: string) => string): void {
  const abs = join(root, path);
  const before = readFileSync(abs, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${path} changed nothing`);
  writeFileSync(abs, after);
}

/** The example, split with its committed plan (the state a project commits). */
function splitExample(): string {
  const root = copyProject('examples/teamhub', { git: true });
  const run = runCli(['split', MODULE, '--plan', 'modsplit-plan.toml'], root);
  if (run.status !== 0) throw new Error(`split failed: ${run.stderr}`);
  return root;
}

describe('modsplit check', () => {
  let split: string;
  beforeAll(() => {
    split = splitExample();
  });

  it('a fresh split matches its plan (found at the root, package taken from the plan): exit 0, no warnings', () => {
    const run = runCli(['check'], split);
    expect(run.stderr).toBe(
      'apps/integrations/models matches modsplit-plan.toml (5 files, 11 planned names)\n',
    );
    expect(run.status).toBe(0);
    for (const target of [PACKAGE, `${PACKAGE}/`, `${PACKAGE}/__init__.py`, MODULE]) {
      expect(runCli(['check', target], split).status).toBe(0);
    }
  });

  it('exits 1 with each broken promise: moved class, lost re-export, new cycle, unplanned class', () => {
    const root = splitExample();
    edit(root, `${PACKAGE}/github.py`, (t) =>
      t.replace(/\nclass GitHubAppInstallation\(models\.Model\):[\s\S]*$/, '\n'),
    );
    const moved = readFileSync(join(split, `${PACKAGE}/github.py`), 'utf8').match(
      /\nclass GitHubAppInstallation\(models\.Model\):[\s\S]*$/,
    )?.[0] as string;
    edit(root, `${PACKAGE}/slack.py`, (t) => `${t}\n${moved}`);
    edit(root, `${PACKAGE}/__init__.py`, (t) =>
      // Either re-export style (`X as X`, or plain names listed in `__all__`): drop the import line only.
      t.replace(/^ {4}TrackedRepository( as TrackedRepository)?,\n/m, ''),
    );
    edit(root, `${PACKAGE}/jira.py`, (t) =>
      t.replace(
        'from .credentials import IntegrationCredential, logger',
        'from .credentials import IntegrationCredential, logger\nfrom .slack import SlackChannel',
      ),
    );
    edit(root, `${PACKAGE}/jira.py`, (t) => `${t}\n\nclass LinearIntegration:\n    pass\n`);
    const run = runCli(['check', '--format', 'json'], root);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'check', matches: false, exitCode: 1 });
    const found = doc.diagnostics.map((d: { code: string; location?: { path: string } }) => [
      d.code,
      d.location?.path,
    ]);
    expect(found).toEqual([
      ['MS381', `${PACKAGE}/slack.py`],
      ['MS382', `${PACKAGE}/__init__.py`],
      // __init__.py still imports GitHubAppInstallation from github.py, which no longer defines it.
      ['MS382', `${PACKAGE}/__init__.py`],
      // Its manager stayed behind, tied to nothing planned in github.py any more.
      ['MS383', `${PACKAGE}/github.py`],
      ['MS383', `${PACKAGE}/jira.py`],
      ['MS384', `${PACKAGE}/jira.py`],
    ]);
    // The `from .github import` statement that imports it, found in the file (the layout is emit's choice).
    const initLines = readFileSync(join(root, `${PACKAGE}/__init__.py`), 'utf8').split('\n');
    const nameLine = initLines.findIndex((l) => /\bGitHubAppInstallation\b/.test(l));
    const importLine =
      initLines.slice(0, nameLine + 1).findLastIndex((l) => l.startsWith('from .github import')) + 1;
    expect(importLine).toBeGreaterThan(0);
    expect(doc.diagnostics[2].notes).toEqual([
      `${PACKAGE}/__init__.py:${importLine} imports \`GitHubAppInstallation\` from a file that does not define it`,
    ]);
    const cycle = doc.diagnostics.find((d: { code: string }) => d.code === 'MS384');
    expect(cycle.message).toContain('jira.py -> slack.py -> jira.py');
    const text = runCli(['check'], root);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(
      'error[MS381]: `GitHubAppInstallation` is defined in slack.py, but the plan puts it in github.py',
    );
    expect(text.stderr).toContain(
      'modsplit-plan.toml:7: the plan lists `GitHubAppInstallation` under "github.py"',
    );
    expect(text.stderr).toContain(
      'apps/integrations/models does not match modsplit-plan.toml: 4 errors, 2 warnings',
    );
  });

  it('a warning alone (an unplanned public class) keeps exit 0', () => {
    const root = splitExample();
    edit(root, `${PACKAGE}/jira.py`, (t) => `${t}\n\nclass LinearIntegration:\n    pass\n`);
    const run = runCli(['check'], root);
    expect(run.stderr).toContain('warning[MS383]: class `LinearIntegration` in jira.py is not in the plan');
    expect(run.status).toBe(0);
  });

  it('finds the plan through [tool.modsplit] plan, and refuses (exit 2) without one or with another module’s', () => {
    const root = splitExample();
    renameSync(join(root, 'modsplit-plan.toml'), join(root, 'integrations-plan.toml'));
    const none = runCli(['check', PACKAGE], root);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('error[MS385]');
    edit(root, 'pyproject.toml', (t) => `${t}\n[tool.modsplit]\nplan = "integrations-plan.toml"\n`);
    expect(runCli(['check'], root).status).toBe(0);
    edit(root, 'integrations-plan.toml', (t) =>
      t.replace(`module = "${MODULE}"`, 'module = "apps/accounts/models.py"'),
    );
    const other = runCli(['check', PACKAGE], root);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain(
      'error[MS387]: the plan is for apps/accounts/models.py, not for the package apps/integrations/models',
    );
    const missing = runCli(['check', 'apps/integrations/nothing/'], root);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error[MS386]');
  });

  it('a syntax error in a package file is invalid input (exit 2), not a mismatch', () => {
    const root = splitExample();
    edit(root, `${PACKAGE}/slack.py`, (t) => `${t}\ndef broken(:\n`);
    const run = runCli(['check'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('slack.py');
  });

  it('with a line budget, also checks the package files', () => {
    const tight = runCli(['check', '--max-lines', '300'], split);
    expect(tight.status).toBe(1);
    const lines = readFileSync(join(split, `${PACKAGE}/github.py`), 'utf8').split('\n').length - 1;
    expect(lines).toBeGreaterThan(300);
    expect(tight.stderr).toContain(
      `error[MS388]: apps/integrations/models/github.py has ${lines} lines (budget 300)`,
    );
  });
});

describe('modsplit check on a module not split yet, and modsplit line-budget', () => {
  let root: string;
  beforeAll(() => {
    root = copyProject('examples/teamhub');
  });

  it('check <module.py> --max-lines: exit 1 naming the lines, the budget and `modsplit plan`', () => {
    const run = runCli(['check', MODULE, '--max-lines', '800'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`error[MS388]: ${MODULE} has 1,010 lines (budget 800)`);
    expect(run.stderr).toContain(`= help: run \`modsplit plan ${MODULE}\``);
    expect(run.stderr).toContain(`info[MS390]: ${MODULE} is not split yet: only its line budget is checked`);
    expect(runCli(['check', MODULE, '--max-lines', '1010'], root).status).toBe(0);
  });

  it('check with no argument follows the plan to the module that is not split yet', () => {
    const run = runCli(['check', '--max-lines', '1009', '--format', 'json'], root);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.mode).toBe('module');
    expect(doc.lineBudget).toEqual({
      maxLines: 1009,
      files: [{ path: MODULE, lines: 1010, overBudget: true }],
    });
  });

  it('line-budget takes the budget from --max-lines, else [tool.modsplit] max-lines, else 1000', () => {
    const files = [MODULE, 'apps/core/models.py', 'manage.py'];
    expect(runCli(['line-budget', ...files], root).status).toBe(1);
    const loose = runCli(['line-budget', ...files, '--max-lines', '5000'], root);
    expect(loose.status).toBe(0);
    expect(loose.stderr).toBe('3 files within the budget of 5,000 lines (largest: 1,010)\n');
    const withConfig = copyProject('examples/teamhub');
    edit(withConfig, 'pyproject.toml', (t) => `${t}\n[tool.modsplit]\nmax-lines = 1200\n`);
    expect(runCli(['line-budget', ...files], withConfig).status).toBe(0);
    const json = runCli(['line-budget', MODULE, '--max-lines', '2', '--format', 'json'], withConfig);
    expect(JSON.parse(json.stdout)).toEqual({
      schemaVersion: 1,
      command: 'line-budget',
      maxLines: 2,
      exitCode: 1,
      files: [{ path: MODULE, lines: 1010, overBudget: true }],
      diagnostics: [
        {
          code: 'MS388',
          severity: 'error',
          message: `${MODULE} has 1,010 lines (budget 2)`,
          location: { path: MODULE, line: 3, column: 1 },
          help: `run \`modsplit plan ${MODULE}\` to propose a split, then \`modsplit split ${MODULE} --plan plan.toml\``,
        },
      ],
    });
  });

  it('line-budget refuses a file that does not exist (exit 2)', () => {
    const run = runCli(['line-budget', 'apps/missing.py'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error[MS389]: apps/missing.py cannot be read');
  });
});

describe('[tool.modsplit] plan', () => {
  it('is a known configuration key that must be a non-empty string', () => {
    const root = copyProject('examples/teamhub');
    rmSync(join(root, 'pyproject.toml'));
    writeFileSync(join(root, 'pyproject.toml'), '[tool.modsplit]\nplan = "plans/models.toml"\n');
    expect(loadProjectConfig(root)).toEqual({
      config: { path: 'pyproject.toml', plan: 'plans/models.toml' },
      diagnostics: [],
    });
    writeFileSync(join(root, 'pyproject.toml'), '[tool.modsplit]\nplan = 3\n');
    expect(loadProjectConfig(root).diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['MS152', 2],
    ]);
  });
});
