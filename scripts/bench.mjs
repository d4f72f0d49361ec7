#!/usr/bin/env node
// `npm run bench`: modsplit vs rope vs the I/O+parse floor on Django's django/db/models/query.py, side by side.
// Not a test: it prints figures. Needs the venv (scripts/setup-python.sh) and Debian's python3-rope for rope.
// BENCH_RUNS=n sets the runs per row (median); BENCH_CHRT=1 runs each measured process under `chrt -f 10` (root
// only) so that other work on a shared machine does not inflate wall times. modsplit runs as a user would, without
// --python: its Python import checks run only when python3 on PATH can import Django, and the output says whether they did.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venvPython = join(repo, '.venv/bin/python');
const MODULE = 'django/db/models/query.py';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHRT = process.env.BENCH_CHRT === '1';
const loadBefore = loadavg()[0];

function djangoSource() {
  return execFileSync(venvPython, ['-c', 'import django, os; print(os.path.dirname(django.__file__))'], {
    encoding: 'utf8',
  }).trim();
}

/** A fresh git repository holding a copy of Django's package (git grep needs a repository). */
function freshDjangoCopy() {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-bench-'));
  cpSync(djangoSource(), join(root, 'django'), {
    recursive: true,
    filter: (p) => !p.includes('__pycache__'),
  });
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'django');
  return root;
}

/** Run a command under /usr/bin/time to get wall time, CPU time (user + system) and peak RSS (KiB). */
function measure(command, args, cwd, env = {}) {
  const timed = ['/usr/bin/time', '-f', '%U %S %M', command, ...args];
  const [program, ...programArgs] = CHRT ? ['chrt', '-f', '10', ...timed] : timed;
  const started = process.hrtime.bigint();
  const result = spawnSync(program, programArgs, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [user, system, rssKiB] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return {
    ms,
    cpuMs: (user + system) * 1000,
    rssMiB: rssKiB / 1024,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The median of each numeric field over several records (missing fields skipped). */
function medians(records) {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    keys.map((k) => [k, median(records.map((r) => r[k]).filter((v) => v !== undefined))]),
  );
}

const format = (record) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');

function importsCleanly(root) {
  const r = spawnSync(venvPython, ['-c', 'import django.db.models, django.db.models.query'], {
    cwd: root,
    env: { ...process.env, PYTHONPATH: root },
    encoding: 'utf8',
  });
  return r.status === 0 ? 'imports' : `BROKEN: ${r.stderr.trim().split('\n').at(-1)}`;
}

const rows = [];

/** Whether modsplit's own Python import checks ran in the measured split, from its diagnostics. */
function describePythonCheck(diagnostics) {
  const skipped = diagnostics.find((d) => d.code === 'MS166' || d.code === 'MS610');
  if (!skipped) return 'ran (before and after the split)';
  const why = diagnostics.find((d) => d.code === 'MS611' || d.code === 'MS619' || d.code === 'MS610');
  return `did NOT run: ${skipped.code}${why && why !== skipped ? `, ${why.message}` : ''} (--python is not passed)`;
}

let pythonCheck = 'unknown';

// 1. modsplit: the whole process, plan proposal, project-wide importer scan, write and Python check included.
let modsplitTimings = {};
{
  const times = [];
  const timings = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const root = freshDjangoCopy();
    last = measure(
      process.execPath,
      [join(repo, 'dist/cli/main.js'), 'split', MODULE, '--root', root, '--allow-dirty', '--format', 'json'],
      root,
    );
    last.check = importsCleanly(root);
    times.push(last.ms);
    try {
      const report = JSON.parse(last.stdout);
      timings.push({ cpu: last.cpuMs, ...report.timingsMs });
      last.diagnostics = report.diagnostics;
    } catch {
      // Not JSON: the failure is shown below.
    }
    if (i < RUNS - 1) rmSync(root, { recursive: true, force: true });
  }
  if (last.status !== 0) console.error(last.stderr, last.stdout);
  modsplitTimings = medians(timings);
  pythonCheck = describePythonCheck(last.diagnostics ?? []);
  rows.push({
    what: 'modsplit split query.py (whole package, all importers)',
    ms: median(times),
    rss: last.rssMiB,
    result: last.status === 0 ? last.check : `exit ${last.status}`,
  });
}

// 2. rope: move ONE class (RawQuerySet) out of the same module.
{
  const rope = '/usr/bin/python3';
  const hasRope = spawnSync(rope, ['-c', 'import rope'], { encoding: 'utf8' }).status === 0;
  if (!hasRope) {
    rows.push({
      what: 'rope 1.7 move RawQuerySet',
      ms: Number.NaN,
      rss: Number.NaN,
      result: 'rope missing: apt-get install python3-rope',
    });
  } else {
    const script = join(repo, 'scripts/bench-rope-move.py');
    const times = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      const root = freshDjangoCopy();
      last = measure(rope, [script, root], root);
      last.check = importsCleanly(root);
      times.push(last.ms);
      rmSync(root, { recursive: true, force: true });
    }
    rows.push({
      what: 'rope 1.7 move RawQuerySet (one class)',
      ms: median(times),
      rss: last.rssMiB,
      result: last.status === 0 ? last.check : `exit ${last.status}`,
    });
  }
}

// 3. The floor: list and read every file, git grep, parse the candidates; and modsplit's scan timed the same way,
// in-process in a fresh process each run (scripts/bench-floor.mjs), so that the scan is compared like for like.
const inProcess = {};
{
  const root = freshDjangoCopy();
  for (const mode of ['all', 'same', 'modsplit']) {
    const times = [];
    const records = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = measure(
        process.execPath,
        [join(repo, 'scripts/bench-floor.mjs'), root, 'query', mode, MODULE],
        root,
      );
      if (last.status !== 0) throw new Error(`bench-floor ${mode} failed: ${last.stderr}`);
      const report = JSON.parse(last.stdout);
      times.push(last.ms);
      records.push(report.ms);
      inProcess[mode] = { ...report, ms: undefined };
    }
    inProcess[mode].ms = medians(records);
    if (mode === 'all') {
      rows.push({
        what: `floor: node start + read all files + git grep + parse every hit (${inProcess.all.files} files, ${inProcess.all.parsed} parsed)`,
        ms: median(times),
        rss: last.rssMiB,
        result: '',
      });
    }
  }
  rmSync(root, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.what.length));
console.log(
  `\nmodsplit benchmark: ${MODULE} (${readFileSync(join(djangoSource(), 'db/models/query.py'), 'utf8').split('\n').length} lines), median of ${RUNS} runs, ${
    existsSync('/proc/cpuinfo')
      ? readFileSync('/proc/cpuinfo', 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('processor')).length
      : '?'
  } cores, ${CHRT ? 'each process under chrt -f 10' : 'no chrt (BENCH_CHRT=1 shields the runs from other work)'}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after\n`,
);
for (const r of rows) {
  console.log(
    `${r.what.padEnd(width)}  ${Number.isNaN(r.ms) ? '   n/a' : `${(r.ms / 1000).toFixed(2).padStart(6)} s`}  ${Number.isNaN(r.rss) ? '' : `${r.rss.toFixed(0).padStart(4)} MiB peak`}  ${r.result}`,
  );
}
const [ms, rope] = rows;
if (!Number.isNaN(rope.ms))
  console.log(`\nmodsplit / rope: ${(ms.ms / rope.ms).toFixed(3)}x (target <= 0.1x)`);
console.log(`modsplit peak memory: ${ms.rss.toFixed(0)} MiB (target < 300 MiB)`);
console.log(`modsplit's Python import checks: ${pythonCheck}`);
console.log(`modsplit split, in-process ms (median): ${format(modsplitTimings)}`);
console.log(
  '  (scan runs alongside read and analyze: scan is its whole span, scanWait what it added after them)',
);
const floorSame = inProcess.same.ms.total;
const scan = inProcess.modsplit.ms.total;
console.log(
  `\nproject scan, in-process, fresh process each run (module loading excluded, parser start-up included):`,
);
console.log(
  `  modsplit listProjectFiles + scanProjectUsage: ${Math.round(scan)} ms (${format(inProcess.modsplit.ms)}; ${inProcess.modsplit.parsed} parsed)`,
);
console.log(
  `  floor, same candidates as modsplit:           ${Math.round(floorSame)} ms (${format(inProcess.same.ms)}; ${inProcess.same.parsed} parsed)`,
);
console.log(
  `  floor, every git grep hit:                    ${Math.round(inProcess.all.ms.total)} ms (${format(inProcess.all.ms)}; ${inProcess.all.parsed} parsed)`,
);
console.log(`  modsplit scan / floor (same candidates): ${(scan / floorSame).toFixed(2)}x (target <= 1.5x)`);
