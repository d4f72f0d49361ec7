#!/usr/bin/env node
// Whole-process time of `modsplit analyze --format md` and `modsplit plan` on the bundled example's
// apps/integrations/models.py inside a ~3,000-file git project (the example plus generated apps). Prints figures;
// it is no test. Needs the compiled CLI: `npm run build` first. BENCH_RUNS (default 5), BENCH_FILES (default 3000),
// BENCH_KEEP=1 keeps the generated project.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist/cli/main.js');
const MODULE = 'apps/integrations/models.py';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_FILES = Number(process.env.BENCH_FILES ?? 3000);

/** A generated module: imports, constants, a class and functions; every 20th one imports the models module. */
function generatedModule(app, index) {
  const lines = [
    `"""Generated module ${index} of ${app}: realistic size, no meaning."""`,
    '',
    'import logging',
    'from datetime import timedelta',
    '',
    'from django.db import models',
    'from django.utils import timezone',
    '',
  ];
  if (index % 20 === 0)
    lines.push('from apps.integrations.models import GitHubIntegration, TrackedRepository', '');
  if (index % 45 === 0) lines.push('from apps.integrations import models as integration_models', '');
  lines.push('logger = logging.getLogger(__name__)', `LIMIT_${index} = ${index}`, '');
  for (let c = 0; c < 2; c++) {
    lines.push(
      '',
      `class Record${index}x${c}(models.Model):`,
      '    name = models.CharField(max_length=100)',
      '    created_at = models.DateTimeField(default=timezone.now)',
      '',
      '    class Meta:',
      `        app_label = "${app}"`,
      '',
      '    def is_recent(self, days=7):',
      '        return timezone.now() - self.created_at < timedelta(days=days)',
      '',
    );
  }
  lines.push(
    '',
    `def summarize_${index}(items):`,
    '    total = 0',
    '    for item in items:',
    `        total += len(str(item)) % LIMIT_${index} if LIMIT_${index} else 0`,
    '    logger.debug("summarized %d items", total)',
    '    return total',
  );
  if (index % 20 === 0) {
    lines.push(
      '',
      '',
      `def repositories_${index}():`,
      '    return TrackedRepository.objects.filter(integration__in=GitHubIntegration.objects.all())',
    );
  }
  if (index % 45 === 0) {
    lines.push(
      '',
      '',
      `def credentials_${index}():`,
      '    return integration_models.IntegrationCredential.objects.all()',
    );
  }
  return `${lines.join('\n')}\n`;
}

function buildProject() {
  const root = join(mkdtempSync(join(tmpdir(), 'modsplit-bench-analyze-')), 'teamhub');
  cpSync(join(repo, 'examples/teamhub'), root, {
    recursive: true,
    filter: (p) => !['__pycache__', 'db.sqlite3'].includes(basename(p)),
  });
  const existing = Number(
    execFileSync('find', [root, '-name', '*.py'], { encoding: 'utf8' }).split('\n').length - 1,
  );
  let count = existing;
  for (let a = 0; count < TARGET_FILES; a++) {
    const app = `generated${a}`;
    const dir = join(root, 'apps', app);
    mkdirSync(join(dir, 'services'), { recursive: true });
    writeFileSync(join(dir, '__init__.py'), '');
    writeFileSync(join(dir, 'services', '__init__.py'), '');
    count += 2;
    for (let m = 0; m < 48 && count < TARGET_FILES; m++, count++) {
      const sub = m % 2 === 0 ? '' : 'services';
      writeFileSync(join(dir, sub, `module_${m}.py`), generatedModule(app, a * 48 + m));
    }
  }
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'bench project');
  return { root, files: count };
}

/** The same work as `analyze --format md` through the compiled library, for a CLI that does not render it yet. */
const DIRECT = `
const { loadModule } = await import(${JSON.stringify(join(repo, 'dist/cli/load-module.js'))});
const { renderPlanningDocument } = await import(${JSON.stringify(join(repo, 'dist/report/planning-document.js'))});
const { loaded, diagnostics } = await loadModule(process.argv[1], { scan: true });
if (!loaded) { console.error(JSON.stringify(diagnostics)); process.exit(2); }
process.stdout.write(await renderPlanningDocument(loaded, { format: 'md' }));
`;

function run(args, root) {
  const started = process.hrtime.bigint();
  const argv = args[0] === '--direct' ? ['--input-type=module', '-e', DIRECT, args[1]] : [cli, ...args];
  // CPU time (user + system) as well as wall time: on a busy machine the wall time says little.
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...argv], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`modsplit ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  const [user, system] = (result.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, stdout: result.stdout };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

const { root, files } = buildProject();
const lines = readFileSync(join(root, MODULE), 'utf8').split('\n').length - 1;
console.log(
  `project: ${files} Python files (git), module ${MODULE} (${lines} lines), ${RUNS} runs, node ${process.version}`,
);
const rows = [];
for (const [label, args] of [
  ['analyze --format md', ['analyze', MODULE, '--format', 'md']],
  ['analyze --format text', ['analyze', MODULE, '--format', 'text']],
  ['plan', ['plan', MODULE]],
  ['(library) loadModule + renderPlanningDocument md', ['--direct', MODULE]],
]) {
  run(args, root); // warm the file cache
  const times = [];
  const cpu = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const r = run(args, root);
    times.push(r.ms);
    cpu.push(r.cpuMs);
    out = r.stdout;
  }
  const s = stats(times);
  const kind = out.startsWith('# Planning')
    ? 'planning document'
    : out.trimStart().startsWith('{')
      ? 'JSON'
      : 'text';
  rows.push({
    command: label.startsWith('(') ? label : `modsplit ${label}`,
    medianMs: Math.round(s.median),
    minMs: Math.round(s.min),
    maxMs: Math.round(s.max),
    cpuMedianMs: Math.round(stats(cpu).median),
    output: `${kind}, ${out.split('\n').length} lines`,
  });
}
console.table(rows);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores (wall times grow with it)`,
);
if (process.env.BENCH_KEEP) console.log(`kept ${root}`);
else rmSync(dirname(root), { recursive: true, force: true });
