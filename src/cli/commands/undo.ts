// `modsplit undo`: revert the last completed split from its journal (refused if files changed since).

import { resolve } from 'node:path';
import { undoLastSplit } from '../../write/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';

export async function runUndo(opts: { root?: string; format: string }, out: Output): Promise<ExitCodeValue> {
  const root = resolve(opts.root ?? '.');
  const result = await undoLastSplit(root);
  if (opts.format === 'json') {
    out.out(
      JSON.stringify(
        {
          schemaVersion: 1,
          command: 'undo',
          outcome: result.outcome,
          journalId: result.journalId ?? null,
          diagnostics: result.diagnostics,
        },
        null,
        2,
      ),
    );
  } else {
    out.diagnostics(result.diagnostics, root);
    const said = {
      undone: `undone: the last split (journal ${result.journalId}) was reverted`,
      'nothing-to-undo': 'nothing to undo: no completed split is recorded here',
      refused: 'not undone (see above)',
      failed: 'undo failed (see above)',
    }[result.outcome];
    out.err(said);
  }
  return result.outcome === 'undone' || result.outcome === 'nothing-to-undo'
    ? ExitCode.ok
    : result.outcome === 'refused'
      ? ExitCode.invalid
      : ExitCode.failed;
}
