// Builds the write stage's Diagnostic values (codes documented in src/model/codes/ms5-write.ts).

import type { Diagnostic, Severity } from '../model/diagnostics.js';

export interface WriteDiagnosticExtras {
  /** Relative to the change set's root; the location is the file's first line. */
  readonly path?: string;
  readonly help?: string;
  readonly notes?: readonly string[];
}

export function writeDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  extras: WriteDiagnosticExtras = {},
): Diagnostic {
  return {
    code,
    severity,
    message,
    ...(extras.path !== undefined ? { location: { path: extras.path, line: 1, column: 1 } } : {}),
    ...(extras.notes !== undefined && extras.notes.length > 0 ? { notes: extras.notes } : {}),
    ...(extras.help !== undefined ? { help: extras.help } : {}),
  };
}

export function writeError(code: string, message: string, extras: WriteDiagnosticExtras = {}): Diagnostic {
  return writeDiagnostic(code, 'error', message, extras);
}

/** MS510: another live modsplit process (`pid`) holds the tree's writer lock. */
export function lockHeldError(pid: number): Diagnostic {
  return writeError('MS510', `another modsplit process (pid ${pid}) is writing to this tree`, {
    help: 'Wait for the other modsplit run to finish, then run again.',
  });
}
