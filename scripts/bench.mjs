#!/usr/bin/env node
// `npm run bench`: modsplit vs rope vs the I/O+parse floor on Django's django/db/models/query.py, side by side.
// Not a test: it prints figures. Needs the venv (scripts/setup-python.sh) and Debian's python3-rope for rope.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venvPython = join(repo, '.venv/bin/python');
const MODULE = 'django/db/models/query.py';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

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

/** Run a command under /usr/bin/time to get wall time and peak RSS (KiB). */
function measure(command, args, cwd, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKiB = Number(result.stderr.trim().split('\n').at(-1));
  return { ms, rssMiB: rssKiB / 1024, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function importsCleanly(root) {
  const r = spawnSync(venvPython, ['-c', 'import django.db.models, django.db.models.query'], {
    cwd: root,
    env: { ...process.env, PYTHONPATH: root },
    encoding: 'utf8',
  });
  return r.status === 0 ? 'imports' : `BROKEN: ${r.stderr.trim().split('\n').at(-1)}`;
}

const rows = [];

// 1. modsplit: the whole process, plan proposal and project-wide importer scan included.
{
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const root = freshDjangoCopy();
    last = measure(
      process.execPath,
      [join(repo, 'dist/cli/main.js'), 'split', MODULE, '--root', root, '--allow-dirty'],
      root,
    );
    last.check = importsCleanly(root);
    times.push(last.ms);
    if (i < RUNS - 1) rmSync(root, { recursive: true, force: true });
  }
  if (last.status !== 0) console.error(last.stderr);
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

// 3. The floor: read every file; git grep prefilter plus parsing the candidates.
{
  const root = freshDjangoCopy();
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    last = measure(process.execPath, [join(repo, 'scripts/bench-floor.mjs'), root, 'query'], root);
    times.push(last.ms);
  }
  rows.push({
    what: `floor: node start + read all files + git grep + parse candidates (${last.stdout.trim()})`,
    ms: median(times),
    rss: last.rssMiB,
    result: '',
  });
}

const width = Math.max(...rows.map((r) => r.what.length));
console.log(
  `\nmodsplit benchmark: ${MODULE} (${readFileSync(join(djangoSource(), 'db/models/query.py'), 'utf8').split('\n').length} lines), median of ${RUNS} runs, ${
    existsSync('/proc/cpuinfo')
      ? readFileSync('/proc/cpuinfo', 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('processor')).length
      : '?'
  } cores\n`,
);
for (const r of rows) {
  console.log(
    `${r.what.padEnd(width)}  ${Number.isNaN(r.ms) ? '   n/a' : `${(r.ms / 1000).toFixed(2).padStart(6)} s`}  ${Number.isNaN(r.rss) ? '' : `${r.rss.toFixed(0).padStart(4)} MiB peak`}  ${r.result}`,
  );
}
const [ms, rope, floor] = rows;
if (!Number.isNaN(rope.ms))
  console.log(`\nmodsplit / rope: ${(ms.ms / rope.ms).toFixed(3)}x (target <= 0.1x)`);
console.log(
  `modsplit / floor: ${(ms.ms / floor.ms).toFixed(2)}x (target <= 1.5x for the scan; modsplit also plans, emits and writes)`,
);
