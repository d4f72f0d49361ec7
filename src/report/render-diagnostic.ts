// Render diagnostics the way rustc and ruff do: `error[MS301]: message`, `--> path:line:col`, a code frame,
// `= note:` lines and one `= help:` line. Colors are the caller's choice (picocolors instance), never decided here.

import type { Diagnostic } from '../model/diagnostics.js';

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  blue(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const plain: Colors = {
  red: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  blue: (s) => s,
  bold: (s) => s,
  dim: (s) => s,
};

export interface RenderDiagnosticOptions {
  readonly colors?: Colors;
  /** Returns the text of a file named in a location, for the code frame; undefined to skip the frame. */
  readonly readText?: (path: string) => string | undefined;
}

/** One diagnostic as a multi-line block (no trailing newline). */
export function renderDiagnostic(diagnostic: Diagnostic, options: RenderDiagnosticOptions = {}): string {
  const c = options.colors ?? plain;
  const tint =
    diagnostic.severity === 'error' ? c.red : diagnostic.severity === 'warning' ? c.yellow : c.cyan;
  const lines = [
    `${c.bold(tint(`${diagnostic.severity}[${diagnostic.code}]`))}${c.bold(`: ${diagnostic.message}`)}`,
  ];
  const loc = diagnostic.location;
  const gutterWidth = loc ? String(loc.line).length : 1;
  const pad = ' '.repeat(gutterWidth);
  if (loc) {
    lines.push(`${pad}${c.blue('-->')} ${loc.path}:${loc.line}:${loc.column}`);
    const sourceLine = frameLine(options.readText?.(loc.path), loc.line);
    if (sourceLine !== undefined) {
      const caretPad = sourceLine.slice(0, Math.max(0, loc.column - 1)).replace(/[^\t]/g, ' ');
      lines.push(`${pad} ${c.blue('|')}`);
      lines.push(`${c.blue(String(loc.line))} ${c.blue('|')} ${sourceLine}`);
      lines.push(`${pad} ${c.blue('|')} ${caretPad}${tint('^')}`);
    }
  }
  for (const note of diagnostic.notes ?? []) lines.push(`${pad} ${c.blue('=')} ${c.bold('note')}: ${note}`);
  if (diagnostic.help) lines.push(`${pad} ${c.blue('=')} ${c.bold('help')}: ${diagnostic.help}`);
  return lines.join('\n');
}

function frameLine(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  const all = text.split(/\r\n|\r|\n/);
  const found = all[line - 1];
  // Very long lines make unreadable frames; the location line still says where.
  return found !== undefined && found.length <= 300 ? found : undefined;
}

/** Render many diagnostics separated by blank lines, errors first (stable within a severity). */
export function renderDiagnostics(
  diagnostics: readonly unknown[],
  options: RenderDiagnosticOptions = {},
): string {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...(diagnostics as Diagnostic[])].sort((a, b) => rank[a.severity] - rank[b.severity]);
  return sorted.map((d) => renderDiagnostic(d, options)).join('\n\n');
}
