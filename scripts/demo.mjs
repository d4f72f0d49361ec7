#!/usr/bin/env node
// `npm run demo`: split examples/teamhub's apps/integrations/models.py with the built CLI, in a temp copy, then
// run the project's own check, makemigrations --check and tests, and print a short summary. Never touches the
// repo's copy of the example. Exits 1 when any step fails (the temp copy is then kept for inspection).

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { parse as parseToml } from 'smol-toml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = join(repoRoot, 'examples', 'teamhub');
const cli = join(repoRoot, 'dist', 'cli', 'main.js');
const python = join(repoRoot, '.venv', 'bin', 'python');
const keep = process.argv.includes('--keep');
const verbose = process.argv.includes('--verbose');

/** @typedef {{ name: string, ok: boolean, seconds: number, detail: string, output: string }} Step */
/** @type {Step[]} */
const steps = [];

function run(command, args, cwd, env = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    // As if the venv were activated: modsplit's own Python checks then find Django too.
    env: {
      ...process.env,
      PATH: `${dirname(python)}${delimiter}${process.env.PATH ?? ''}`,
      VIRTUAL_ENV: dirname(dirname(python)),
      PYTHONDONTWRITEBYTECODE: '1',
      ...env,
    },
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { status: result.status, output, seconds: (performance.now() - started) / 1000 };
}

function step(name, command, args, cwd, describe = () => '') {
  if (process.stdout.isTTY) process.stdout.write(pc.dim(`  … ${name}`));
  const result = run(command, args, cwd);
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  const ok = result.status === 0;
  const detail = describe(result, ok) || (ok ? '' : `exit code ${result.status ?? 'none (signal)'}`);
  const entry = { name, ok, seconds: result.seconds, detail, output: result.output };
  steps.push(entry);
  const mark = ok ? pc.green('✔') : pc.red('✘');
  console.log(
    `  ${mark} ${name.padEnd(44)} ${pc.dim(`${result.seconds.toFixed(1).padStart(5)}s`)}  ${detail}`,
  );
  if (verbose) console.log(indent(tail(result.output, 40)));
  else if (!ok) console.log(indent(failureExcerpt(result.output)));
  return entry;
}

/** For a failed Django test run, the failing tests and the first error; otherwise the output's last lines. */
function failureExcerpt(output) {
  const failures = [...output.matchAll(/^(ERROR|FAIL): (\w+) \(([\w.]+)\)/gm)].map(
    (m) => `${m[1]}: ${(m[3] ?? '').split('.').slice(-2).join('.')}`,
  );
  if (failures.length === 0) return tail(output, 25);
  const unique = [...new Set(failures)];
  const shown = unique.slice(0, 15);
  if (unique.length > shown.length) shown.push(`… and ${unique.length - shown.length} more`);
  const firstError = /^(?:\w+\.)*\w*(?:Error|Exception|Blocked)\b.*$/m.exec(
    output
      .split(/^-{20,}$/m)
      .slice(1)
      .join('\n'),
  );
  if (firstError) shown.push('', `first error: ${firstError[0].slice(0, 200)}`);
  return shown.join('\n');
}

function tail(text, lines) {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`… (${all.length - lines} more lines above)`] : [])
    .concat(all.slice(-lines))
    .join('\n');
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => pc.dim(`      │ ${line}`))
    .join('\n');
}

function countLines(path) {
  const text = readFileSync(path, 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Relative paths of the project's Python files, without bytecode. */
function pythonFiles(root) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === '__pycache__') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.py')) found.push(relative(root, path));
    }
  };
  walk(root);
  return found.sort();
}

function describeTests(result, ok) {
  const ran = /^Ran (\d+) tests?/m.exec(result.output)?.[1];
  const failed = /^FAILED \((.*)\)/m.exec(result.output)?.[1];
  if (ran === undefined) return ok ? '' : 'the test run did not start';
  return ok ? `${ran} tests passed` : `${ran} tests ran, ${failed ?? 'failed'}`;
}

function main() {
  console.log(pc.bold('modsplit demo: examples/teamhub'));
  if (!existsSync(cli)) {
    console.error(pc.red(`no ${relative(repoRoot, cli)}: run \`npm run build\` first (npm run demo does)`));
    return 2;
  }

  step(
    'Python venv (scripts/setup-python.sh)',
    'bash',
    [join(repoRoot, 'scripts', 'setup-python.sh')],
    repoRoot,
  );
  if (!existsSync(python)) return finish(undefined);

  const workDir = mkdtempSync(join(tmpdir(), 'modsplit-demo-'));
  const root = join(workDir, 'teamhub');
  cpSync(exampleDir, root, {
    recursive: true,
    filter: (source) => !['__pycache__', 'db.sqlite3'].includes(basename(source)),
  });
  const moduleRel = 'apps/integrations/models.py';
  const plan = parseToml(readFileSync(join(root, 'modsplit-plan.toml'), 'utf8'));
  const before = new Map(pythonFiles(root).map((file) => [file, readFileSync(join(root, file), 'utf8')]));
  console.log(pc.dim(`  working copy: ${root}`));
  console.log(
    `  splitting ${pc.cyan(moduleRel)} (${countLines(join(root, moduleRel))} lines) with modsplit-plan.toml: ` +
      Object.entries(plan.files ?? {})
        .map(([file, names]) => `${file} ← ${names.length} names`)
        .join(', '),
  );
  console.log();

  step('baseline: manage.py test (unsplit)', python, ['manage.py', 'test', '--noinput'], root, describeTests);
  const split = step(
    'modsplit split',
    process.execPath,
    [cli, 'split', moduleRel, '--plan', 'modsplit-plan.toml', '--root', root],
    root,
    (result, ok) => (ok ? '' : `exit code ${result.status}; the project is checked unsplit below`),
  );
  if (split.ok && !verbose && split.output.trim() !== '') console.log(indent(tail(split.output, 20)));
  step('manage.py check', python, ['manage.py', 'check'], root, (r, ok) =>
    ok ? r.output.trim().split('\n').at(-1) : '',
  );
  step(
    'manage.py makemigrations --check --dry-run',
    python,
    ['manage.py', 'makemigrations', '--check', '--dry-run'],
    root,
    (r, ok) => (ok ? r.output.trim().split('\n').at(-1) : 'migrations would change (or could not load)'),
  );
  step('manage.py test', python, ['manage.py', 'test', '--noinput'], root, describeTests);

  console.log();
  if (split.ok) printSplitSummary(root, moduleRel, before);
  return finish(workDir);
}

function printSplitSummary(root, moduleRel, before) {
  const packageDir = join(root, moduleRel.replace(/\.py$/, ''));
  if (existsSync(join(root, moduleRel)))
    console.log(pc.yellow(`  note: ${moduleRel} still exists next to the package`));
  if (existsSync(packageDir)) {
    console.log(pc.bold(`  ${relative(root, packageDir)}/`));
    for (const name of readdirSync(packageDir)
      .filter((n) => n.endsWith('.py'))
      .sort()) {
      console.log(`    ${name.padEnd(24)} ${String(countLines(join(packageDir, name))).padStart(5)} lines`);
    }
  } else {
    console.log(pc.yellow(`  note: no package ${relative(root, packageDir)}/ was written`));
  }
  const after = pythonFiles(root);
  const edited = after.filter(
    (file) => before.has(file) && before.get(file) !== readFileSync(join(root, file), 'utf8'),
  );
  if (edited.length > 0) {
    console.log(pc.bold(`  other files edited (${edited.length}):`));
    for (const file of edited) console.log(`    ${file}`);
  }
  console.log();
}

function finish(workDir) {
  const failed = steps.filter((s) => !s.ok);
  const total = steps.reduce((sum, s) => sum + s.seconds, 0);
  if (failed.length === 0) {
    console.log(pc.green(pc.bold(`  demo passed: ${steps.length} steps in ${total.toFixed(1)}s`)));
  } else {
    console.log(pc.red(pc.bold(`  demo failed: ${failed.map((s) => s.name).join(', ')}`)));
  }
  if (workDir !== undefined) {
    if (failed.length === 0 && !keep) rmSync(workDir, { recursive: true, force: true });
    else console.log(pc.dim(`  kept the working copy: ${join(workDir, 'teamhub')}`));
  }
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = main();
