#!/usr/bin/env node
// npm's `prepare` (run by `npm ci`, `npm pack` and every install from git, e.g. pre-commit's `language: node`): runs
// `npm run build` when dist/ is missing or older than src/ and the TypeScript configs, so a git install gets the CLI.
// It leaves an up-to-date dist/ alone (tests run it while `npm pack` prepares) and never deletes stale outputs.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** Every file below `dir`, as absolute paths. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** The build is needed when an output of a src/ module is missing or older than any source or config. */
function findStaleReason() {
  const sources = listFiles(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  let newestInput = 0;
  for (const file of [...sources, ...CONFIGS.map((c) => join(root, c)).filter((c) => existsSync(c))]) {
    newestInput = Math.max(newestInput, statSync(file).mtimeMs);
  }
  for (const source of sources) {
    const stem = join(root, 'dist', relative(join(root, 'src'), source)).slice(0, -'.ts'.length);
    for (const output of [`${stem}.js`, `${stem}.d.ts`]) {
      if (!existsSync(output)) return `${relative(root, output)} is missing`;
      if (statSync(output).mtimeMs < newestInput) return `${relative(root, output)} is older than its inputs`;
    }
  }
  return undefined;
}

/** Run npm (the one running this script when npm started it) in the package folder; exit on failure. */
function runNpm(args) {
  const npmCli = process.env.npm_execpath;
  const [command, commandArgs] =
    npmCli?.endsWith('.js') || npmCli?.endsWith('.cjs')
      ? [process.execPath, [npmCli, ...args]]
      : ['npm', args];
  const run = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: command === 'npm' && process.platform === 'win32',
  });
  if (run.status !== 0) {
    console.error(
      `prepare: \`npm ${args.join(' ')}\` failed (${run.error?.message ?? `exit ${run.status}`})`,
    );
    process.exit(run.status || 1);
  }
}

const stale = findStaleReason();
if (stale === undefined) {
  console.error('prepare: dist/ is up to date');
} else {
  if (!existsSync(join(root, 'node_modules/typescript/package.json'))) {
    // npm prepares a git dependency in global mode (npm_config_global=true is inherited), which installs no
    // devDependencies. Install them here from the lockfile: no scripts, no optional native binaries (biome,
    // esbuild), which the TypeScript build does not use.
    console.error('prepare: installing the build tools (devDependencies) first');
    runNpm([
      'ci',
      '--global=false',
      '--include=dev',
      '--omit=optional',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ]);
  }
  console.error(`prepare: building dist/ (${stale})`);
  runNpm(['run', 'build']);
}
