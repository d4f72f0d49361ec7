#!/usr/bin/env node
// The floor for a project-wide scan: list files, read every one, `git grep` the candidates, parse each candidate.
// Usage: bench-floor.mjs <git root> <word>. Prints "<files> files, <candidates> parsed".

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePython } from '../dist/read/parse-python.js';

const [root, word] = process.argv.slice(2);
const files = execFileSync('git', ['ls-files', '*.py'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
for (const file of files) readFileSync(join(root, file), 'utf8');
const candidates = execFileSync('git', ['grep', '-l', '-w', '-F', word, '--', '*.py'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
for (const file of candidates) (await parsePython(readFileSync(join(root, file), 'utf8'))).delete();
console.log(`${files.length} files, ${candidates.length} parsed`);
