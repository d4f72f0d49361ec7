// The package as users get it: `npm pack`, then `npm install <tarball>` into an empty folder outside the repository
// (offline, from the npm cache), then `npx modsplit analyze` and `split --dry-run` on a copy of the example. It
// proves the tarball's contents and that the wasm grammar is found in the installed node_modules; not the registry.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/python.js';

const npm = (args: readonly string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });

describe('the packed package', () => {
  let tarball: string;
  let installDir: string;
  let installMode: string;
  const measured: Record<string, number | string> = {};

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'modsplit-dist-'));
    expect(work.startsWith(repoRoot)).toBe(false);
    const packDir = join(work, 'pack');
    mkdirSync(packDir, { recursive: true });
    const packStarted = performance.now();
    const pack = npm(['pack', '--json', '--pack-destination', packDir], repoRoot);
    expect(pack.status, pack.stderr).toBe(0);
    measured.packMs = Math.round(performance.now() - packStarted);
    const [info] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number }[];
    tarball = join(packDir, info?.filename as string);
    measured.packBytes = info?.size as number;
    measured.unpackedBytes = info?.unpackedSize as number;

    installDir = join(work, 'install');
    mkdirSync(installDir, { recursive: true });
    writeFileSync(join(installDir, 'package.json'), '{"name": "modsplit-user", "private": true}\n');
    const installStarted = performance.now();
    installMode = '--offline';
    let install = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], installDir);
    if (install.status !== 0) {
      // The dependencies were not all in the npm cache: say so in the measurements, and allow the registry.
      installMode = '--prefer-offline';
      install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], installDir);
    }
    expect(install.status, install.stderr).toBe(0);
    measured.installMs = Math.round(performance.now() - installStarted);
    measured.installMode = installMode;
    console.info(`[distribution] ${JSON.stringify(measured)}`);
  });

  it('contains the compiled CLI, the docs and the schemas, and nothing from src/, test/ or examples/', () => {
    const list = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    for (const file of [
      'package/package.json',
      'package/README.md',
      'package/dist/cli/main.js',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/docs/diagnostics.md',
      'package/docs/schema/split.schema.json',
      'package/docs/schema/check.schema.json',
    ]) {
      expect(list).toContain(file);
    }
    expect(list.filter((f) => /^package\/(src|test|examples|scripts|\.venv|node_modules)\//.test(f))).toEqual(
      [],
    );
    expect(measured.packBytes).toBeLessThan(2_000_000);
  });

  it('installs offline from the npm cache with the wasm grammar and runtime in node_modules', () => {
    expect(installMode).toBe('--offline');
    expect(existsSync(join(installDir, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'))).toBe(
      true,
    );
    expect(existsSync(join(installDir, 'node_modules/web-tree-sitter/tree-sitter.wasm'))).toBe(true);
    expect(existsSync(join(installDir, 'node_modules/.bin/modsplit'))).toBe(true);
  });

  it('npx modsplit analyze --format json and split --dry-run work on a copy of the example', () => {
    const project = join(mkdtempSync(join(tmpdir(), 'modsplit-dist-project-')), 'teamhub');
    cpSync(join(repoRoot, 'examples/teamhub'), project, {
      recursive: true,
      filter: (p) => !p.includes('__pycache__') && !p.endsWith('db.sqlite3'),
    });
    const npx = (args: readonly string[]) =>
      spawnSync('npx', ['--no-install', '--prefix', installDir, 'modsplit', ...args], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const analyze = npx(['analyze', 'apps/integrations/models.py', '--format', 'json']);
    expect(analyze.status, analyze.stderr).toBe(0);
    const facts = JSON.parse(analyze.stdout);
    expect(facts).toMatchObject({ schemaVersion: 1, module: 'apps/integrations/models.py' });
    expect(facts.symbols.map((s: { name: string }) => s.name)).toContain('GitHubIntegration');

    const before = readdirSync(join(project, 'apps/integrations')).sort();
    const split = npx(['split', 'apps/integrations/models.py', '--plan', 'modsplit-plan.toml', '--dry-run']);
    expect(split.status, split.stderr).toBe(0);
    expect(split.stderr).toMatch(/would write \d+ file changes for apps\/integrations\/models\.py/);
    expect(split.stderr).toContain('create apps/integrations/models/__init__.py');
    expect(readdirSync(join(project, 'apps/integrations')).sort()).toEqual(before);
  });
});
