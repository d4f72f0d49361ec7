// The hooks installed by the real pre-commit (.venv, pinned in scripts/setup-python.sh) from a clone of this
// repository at HEAD (committed work only), as a user's `repo:`/`rev:` config installs them, then run on a Python
// project. Also replays the install commands of pre-commit <= 4.6.0 (not installable here) with npm. 50-75 s in all.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/python.js';

const INSTALL_TIMEOUT = 600_000;
// npm 12 rejects the options pre-commit <= 4.6.0 passes (--dev, --prod, --ignore-prepublish): nothing to replay there.
const NPM_MAJOR = Number(execFileSync('npm', ['--version'], { encoding: 'utf8' }).split('.')[0]);

/** The environment of a user's shell: npm may use its cache first (CI filled it), no git hook variables. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GIT_')) delete env[key];
  }
  return env;
}

function git(cwd: string, ...args: string[]): string {
  const config = ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'advice.detachedHead=false'];
  return execFileSync('git', [...config, ...args], {
    cwd,
    encoding: 'utf8',
    env: userEnv(),
  });
}

const PLAN = `module = "app/shapes.py"

[files]
"round.py" = ["Circle"]
"square.py" = ["Square"]
`;
const INIT = 'from .round import Circle as Circle\nfrom .square import Square as Square\n';
const ROUND = `import math


class Circle:
    def __init__(self, radius):
        self.radius = radius

    def area(self):
        return math.pi * self.radius**2
`;
const SQUARE = `class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side**2
`;

/** A Python project whose app/shapes.py was split by the plan: app/shapes/{__init__,round,square}.py. */
function writeProject(dir: string): void {
  mkdirSync(join(dir, 'app/shapes'), { recursive: true });
  writeFileSync(join(dir, 'app/__init__.py'), '');
  writeFileSync(join(dir, 'app/shapes/__init__.py'), INIT);
  writeFileSync(join(dir, 'app/shapes/round.py'), ROUND);
  writeFileSync(join(dir, 'app/shapes/square.py'), SQUARE);
  writeFileSync(join(dir, 'modsplit-plan.toml'), PLAN);
}

describe('pre-commit installs the hooks of .pre-commit-hooks.yaml from git', () => {
  let hookRepo: string;
  let sha: string;
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'modsplit-pre-commit-'));
    expect(work.startsWith(repoRoot)).toBe(false);
    sha = git(repoRoot, 'rev-parse', 'HEAD').trim();
    hookRepo = join(work, 'modsplit');
    git(work, 'clone', '--quiet', repoRoot, hookRepo);
    git(hookRepo, 'checkout', '--quiet', '--detach', sha);
    // The clone has what a user's clone has: no dist/ (build output is not committed), no node_modules/.
    expect(existsSync(join(hookRepo, 'dist'))).toBe(false);
    expect(existsSync(join(hookRepo, 'node_modules'))).toBe(false);
  });

  // The replayed install leaves all devDependencies (~190 MB) in its clone.
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    'pre-commit run --all-files: check passes, fails with MS381 on a moved class; line-budget fails with MS388',
    () => {
      const project = join(work, 'project');
      mkdirSync(project);
      git(project, 'init', '--quiet');
      writeProject(project);
      writeFileSync(
        join(project, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hookRepo}\n    rev: ${sha}\n    hooks:\n      - id: modsplit-check\n      - id: modsplit-line-budget\n`,
      );
      git(project, 'add', '-A');
      git(project, 'commit', '--quiet', '-m', 'split app/shapes.py');

      const home = join(work, 'pre-commit-home');
      const preCommit = () => {
        const run = spawnSync(
          join(repoRoot, '.venv/bin/pre-commit'),
          ['run', '--all-files', '--verbose', '--color=never'],
          { cwd: project, encoding: 'utf8', env: userEnv({ PRE_COMMIT_HOME: home }) },
        );
        const log = join(home, 'pre-commit.log');
        const output = `${run.stdout}${run.stderr}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`;
        return { status: run.status, output };
      };

      const installStarted = performance.now();
      const clean = preCommit();
      const installMs = Math.round(performance.now() - installStarted);
      expect(clean.output).toContain(`Installing environment for ${hookRepo}.`);
      expect(clean.output).toMatch(/^modsplit check \(.*\)\.+Passed$/m);
      expect(clean.output).toMatch(/^modsplit line budget \(.*\)\.+Passed$/m);
      // --verbose shows each hook's output: the check compared the package with the plan.
      expect(clean.output).toContain('app/shapes matches modsplit-plan.toml (3 files, 2 planned names)');
      expect(clean.status, clean.output).toBe(0);
      const [store] = readdirSync(home).filter((name) => name.startsWith('repo'));
      const installed = join(home, store as string, 'node_env-system/lib/node_modules/modsplit');
      expect(existsSync(join(installed, 'dist/cli/main.js'))).toBe(true);
      expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version).toBe(
        JSON.parse(readFileSync(join(hookRepo, 'package.json'), 'utf8')).version,
      );

      // Move Square into round.py (and re-export it from there): the plan says square.py.
      writeFileSync(join(project, 'app/shapes/round.py'), `${ROUND}\n\n${SQUARE}`);
      writeFileSync(join(project, 'app/shapes/square.py'), '');
      writeFileSync(
        join(project, 'app/shapes/__init__.py'),
        'from .round import Circle as Circle\nfrom .round import Square as Square\n',
      );
      git(project, 'add', '-A');
      const runStarted = performance.now();
      const moved = preCommit();
      const runMs = Math.round(performance.now() - runStarted);
      expect(moved.output).toMatch(/^modsplit check \(.*\)\.+Failed$/m);
      expect(moved.output).toContain(
        'error[MS381]: `Square` is defined in round.py, but the plan puts it in square.py\n  --> app/shapes/round.py:12:1\n',
      );
      expect(moved.output).toContain('app/shapes does not match modsplit-plan.toml: 1 error, 0 warnings');
      expect(moved.output).toMatch(/^modsplit line budget \(.*\)\.+Passed$/m);
      expect(moved.status).toBe(1);

      // Back to the plan, and a module over the default budget of 1,000 lines.
      git(project, 'checkout', '--quiet', 'HEAD', '--', 'app/shapes');
      const legacy = Array.from({ length: 520 }, (_, i) => `def helper_${i}():\n    return ${i}\n`).join('');
      writeFileSync(join(project, 'app/legacy.py'), legacy);
      git(project, 'add', '-A');
      const big = preCommit();
      expect(big.output).toMatch(/^modsplit check \(.*\)\.+Passed$/m);
      expect(big.output).toMatch(/^modsplit line budget \(.*\)\.+Failed$/m);
      expect(big.output).toContain('error[MS388]: app/legacy.py has 1,040 lines (budget 1,000)');
      expect(big.status).toBe(1);
      console.info(`[pre-commit-install] ${JSON.stringify({ installMs, runMs })}`);
    },
    INSTALL_TIMEOUT,
  );

  it.skipIf(NPM_MAJOR >= 12)(
    "pre-commit <= 4.6.0's commands: npm install --dev --prod, npm pack (stdout: the tarball), npm install -g",
    () => {
      // Those versions install in the hook repository itself, with its .npmrc; pre-commit reads npm pack's stdout as
      // the tarball's file name.
      const clone = join(work, 'old-pre-commit');
      git(work, 'clone', '--quiet', hookRepo, clone);
      git(clone, 'checkout', '--quiet', '--detach', sha);
      const prefix = join(work, 'old-pre-commit-env');
      const env = userEnv({ NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix });
      const npm = (args: readonly string[]) => spawnSync('npm', args, { cwd: clone, encoding: 'utf8', env });

      const install = npm([
        'install',
        '--dev',
        '--prod',
        '--ignore-prepublish',
        '--no-progress',
        '--no-save',
      ]);
      expect(install.status, install.stderr).toBe(0);
      const pack = npm(['pack']);
      expect(pack.status, pack.stderr).toBe(0);
      expect(pack.stdout.trim()).toBe(`modsplit-${readVersion(clone)}.tgz`);
      const global = npm(['install', '-g', join(clone, pack.stdout.trim())]);
      expect(global.status, global.stderr).toBe(0);

      const project = join(work, 'old-project');
      mkdirSync(project);
      writeProject(project);
      const check = spawnSync(join(prefix, 'bin/modsplit'), ['check'], {
        cwd: project,
        encoding: 'utf8',
        env,
      });
      expect(check.stderr).toBe('app/shapes matches modsplit-plan.toml (3 files, 2 planned names)\n');
      expect(check.status).toBe(0);
    },
    INSTALL_TIMEOUT,
  );
});

function readVersion(dir: string): string {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}
