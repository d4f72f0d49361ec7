// Child process for the crash tests: applies a change set (JSON file) or undoes the last split, and prints the
// result as JSON. The tests run it with MODSPLIT_CRASH_AT_STEP=N so it SIGKILLs itself at step N. Not a test.

import { readFileSync } from 'node:fs';
import type { ChangeSet } from '../../../src/model/changes.js';
import { undoLastSplit, writeChangeSet } from '../../../src/write/index.js';

const [operation, argument] = process.argv.slice(2);
if (operation === 'write' && argument) {
  const changeSet = JSON.parse(readFileSync(argument, 'utf8')) as ChangeSet;
  process.stdout.write(JSON.stringify(await writeChangeSet(changeSet)));
} else if (operation === 'undo' && argument) {
  process.stdout.write(JSON.stringify(await undoLastSplit(argument)));
} else {
  process.stderr.write('usage: write-child.ts write <change-set.json> | undo <root>\n');
  process.exit(2);
}
