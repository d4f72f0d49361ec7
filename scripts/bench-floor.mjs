#!/usr/bin/env node
// The floor for a project-wide scan, timed inside one fresh process (module loading excluded, parser start-up
// included): list the files, read every one, `git grep` the word, parse candidates. Not a test: it prints figures.
// Usage: bench-floor.mjs <git root> <word> [all | same | modsplit] [module path]. Prints one JSON line.
//   all       parse every file git grep finds (the floor before any text test)
//   same      parse only the files modsplit's scan parses (the floor for modsplit's own candidates)
//   modsplit  modsplit's scan itself, timed the same way: listProjectFiles + scanProjectUsage

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanProjectUsage } from '../dist/analyze/importers/index.js';
import { createModuleReferenceTest } from '../dist/analyze/importers/may-refer-to-module.js';
import { isInsidePackage, targetOf } from '../dist/analyze/importers/module-target.js';
import { locateModule } from '../dist/read/module-location.js';
import { parsePython } from '../dist/read/parse-python.js';
import { listProjectFiles } from '../dist/read/project-files.js';

const [root, word, mode = 'all', modulePath] = process.argv.slice(2);
const lines = (text) => text.split('\n').filter(Boolean);
const location = modulePath ? locateModule(root, join(root, modulePath)).location : undefined;
if (mode !== 'all' && !location) throw new Error(`${mode} needs the module path (relative to the root)`);

/** The files modsplit's scan parses: grep hits (and a package's own files) that pass its text test. */
function modsplitCandidates() {
  const target = targetOf(location);
  const passes = createModuleReferenceTest(target);
  const listed = lines(execFileSync('git', ['ls-files', '*.py'], { cwd: root, encoding: 'utf8' }));
  const hits = new Set(
    lines(
      execFileSync('git', ['grep', '-l', '-w', '-F', word, '--', '*.py'], { cwd: root, encoding: 'utf8' }),
    ),
  );
  return new Set(
    listed.filter(
      (path) =>
        path !== location.modulePath &&
        (hits.has(path) || isInsidePackage(target, path)) &&
        passes(readFileSync(join(root, path), 'utf8'), path),
    ),
  );
}

const wanted = mode === 'same' ? modsplitCandidates() : undefined;
const ms = {};
const started = performance.now();
let lap = started;
const step = (name) => {
  const now = performance.now();
  ms[name] = Math.round(now - lap);
  lap = now;
};

if (mode === 'modsplit') {
  const files = await listProjectFiles(root);
  step('list');
  const usage = await scanProjectUsage(location, { files });
  step('scan');
  ms.total = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({
      mode,
      files: files.length,
      parsed: usage.candidates,
      importers: usage.importers.length,
      ms,
    }),
  );
} else {
  const files = lines(execFileSync('git', ['ls-files', '*.py'], { cwd: root, encoding: 'utf8' }));
  step('list');
  for (const file of files) readFileSync(join(root, file), 'utf8');
  step('read');
  const hits = lines(
    execFileSync('git', ['grep', '-l', '-w', '-F', word, '--', '*.py'], { cwd: root, encoding: 'utf8' }),
  );
  step('grep');
  const candidates = wanted ? files.filter((file) => wanted.has(file)) : hits;
  for (const file of candidates)
    (await parsePython(readFileSync(join(root, file), 'utf8'), { cache: false })).delete();
  step('parse');
  ms.total = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({ mode, files: files.length, grepHits: hits.length, parsed: candidates.length, ms }),
  );
}
