// Speed of scanProjectUsage (MODSPLIT_LONG=1 only): Django's tree without git, and a ~3,000-file git repo built from
// Django, the standard library, pip and setuptools. Prints the numbers; asserts generous bounds, not the target.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import { locateModule } from '../../../src/read/module-location.js';
import { findFilesContainingWord, listProjectFiles } from '../../../src/read/project-files.js';
import { djangoSourceDir } from '../../helpers/python.js';

const long = process.env.MODSPLIT_LONG === '1';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function measure(root: string, modulePath: string, exclude: string[]) {
  const { location } = locateModule(root, join(root, modulePath));
  if (!location) throw new Error(`cannot locate ${modulePath}`);
  const best = { listMs: Infinity, prefilterMs: Infinity, totalMs: Infinity };
  let files: string[] = [];
  let parsed = 0;
  let importers = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    files = await listProjectFiles(root, { exclude });
    const t1 = performance.now();
    await findFilesContainingWord(root, files, 'query');
    const t2 = performance.now();
    const t3 = performance.now();
    const usage = await scanProjectUsage(location, { files });
    const t4 = performance.now();
    best.listMs = Math.min(best.listMs, t1 - t0);
    best.prefilterMs = Math.min(best.prefilterMs, t2 - t1);
    best.totalMs = Math.min(best.totalMs, t1 - t0 + (t4 - t3));
    parsed = usage.candidates;
    importers = usage.importers.length;
  }
  const round = (n: number) => Math.round(n);
  const summary = {
    files: files.length,
    parsed,
    importers,
    listMs: round(best.listMs),
    prefilterMs: round(best.prefilterMs),
    totalMs: round(best.totalMs),
  };
  console.log(`scanProjectUsage ${modulePath}: ${JSON.stringify(summary)}`);
  return summary;
}

describe.runIf(long)('scanProjectUsage speed', () => {
  it('scans Django (walk, no git) for django.db.models.query', async () => {
    const root = dirname(djangoSourceDir());
    const result = await measure(root, 'django/db/models/query.py', ['/*', '!/django/']);
    expect(result.files).toBeGreaterThan(800);
    expect(result.totalMs).toBeLessThan(3000);
  });

  it('scans a ~3,000-file git repo for django.db.models.query', async () => {
    const work = mkdtempSync(join(tmpdir(), 'modsplit-speed-'));
    temps.push(work);
    const site = dirname(djangoSourceDir());
    cpSync(djangoSourceDir(), join(work, 'django'), { recursive: true });
    cpSync(djangoSourceDir(), join(work, 'legacy/django'), { recursive: true });
    for (const name of ['pip', 'setuptools']) {
      if (existsSync(join(site, name)))
        cpSync(join(site, name), join(work, 'vendor', name), { recursive: true });
    }
    const stdlib = dirname(
      execFileSync('python3', ['-c', 'import os; print(os.__file__)'], { encoding: 'utf8' }),
    );
    cpSync(stdlib, join(work, 'stdlib'), {
      recursive: true,
      filter: (src) => !/site-packages|dist-packages|__pycache__/.test(src),
    });
    execFileSync('git', ['init', '-q'], { cwd: work });
    execFileSync('git', ['add', '-A'], { cwd: work });
    const result = await measure(work, 'django/db/models/query.py', []);
    expect(result.files).toBeGreaterThan(2500);
    expect(result.totalMs).toBeLessThan(3000);
  });
});
