// Where the CLI's words go: stdout for results, stderr for diagnostics and progress. Colors only on a terminal
// and never when NO_COLOR is set; JSON output is never colored.

import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import pc from 'picocolors';
import type { Diagnostic } from '../model/diagnostics.js';
import { decodeProjectText } from '../read/source-file.js';
import { type Colors, renderDiagnostics } from '../report/render-diagnostic.js';

export interface Output {
  readonly colors: Colors;
  readonly stdoutIsTerminal: boolean;
  out(text: string): void;
  err(text: string): void;
  diagnostics(diagnostics: readonly Diagnostic[], root?: string): void;
}

export function createOutput(): Output {
  const colorEnabled =
    Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  const colors = pc.createColors(colorEnabled);
  return {
    colors,
    stdoutIsTerminal: Boolean(process.stdout.isTTY),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    diagnostics(diagnostics, root) {
      if (diagnostics.length === 0) return;
      const readText = (path: string): string | undefined => {
        try {
          return decodeProjectText(readFileSync(isAbsolute(path) || !root ? path : join(root, path)));
        } catch {
          return undefined;
        }
      };
      process.stderr.write(`${renderDiagnostics(diagnostics, { colors, readText })}\n`);
    },
  };
}

/** A command's result: into the file `path` (`-o FILE`) when given, else on stdout. */
export function writeResult(out: Output, text: string, path: string | undefined): void {
  if (path) writeFileSync(path, text);
  else out.out(text);
}
