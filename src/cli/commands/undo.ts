// `modsplit undo`: revert the last completed split from its journal (refused if files changed since).

import { resolve } from 'node:path';
import { recoverInterruptedWrite, type UndoResult, undoLastSplit } from '../../write/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';

export async function runUndo(opts: { root?: string; format: string }, out: Output): Promise<ExitCodeValue> {
  const root = resolve(opts.root ?? '.');
  const result = await recoverThenUndo(root);
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
      recovered: `undone: the interrupted split (journal ${result.journalId}) was rolled back; nothing older was touched`,
      refused: 'not undone (see above)',
      failed: 'undo failed (see above)',
    }[result.outcome];
    out.err(said);
  }
  return result.outcome === 'undone' || result.outcome === 'nothing-to-undo' || result.outcome === 'recovered'
    ? ExitCode.ok
    : result.outcome === 'refused'
      ? ExitCode.invalid
      : ExitCode.failed;
}

type UndoCommandResult = Omit<UndoResult, 'outcome'> & {
  readonly outcome: UndoResult['outcome'] | 'recovered';
};

/**
 * An interrupted write is recovered first. When recovery rolls it back, that split is already undone and undoing
 * "the last split" again would revert an older one the user did not ask about, so it stops there; when recovery
 * completes it, that split is the last one and is undone.
 */
async function recoverThenUndo(root: string): Promise<UndoCommandResult> {
  const recovery = await recoverInterruptedWrite(root);
  if (recovery.outcome === 'blocked') return { outcome: 'failed', diagnostics: recovery.diagnostics };
  if (recovery.outcome === 'rolled-back') {
    return {
      outcome: 'recovered',
      ...(recovery.journalId ? { journalId: recovery.journalId } : {}),
      diagnostics: recovery.diagnostics,
    };
  }
  const undone = await undoLastSplit(root);
  return { ...undone, diagnostics: [...recovery.diagnostics, ...undone.diagnostics] };
}
