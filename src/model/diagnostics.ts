// Expected problems in the user's code, project or plan, as data. The library returns these; only the CLI prints.
// Codes are stable and grouped by stage: MS1xx read, MS2xx analyze, MS3xx plan, MS4xx emit, MS5xx write, MS6xx verify.

export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticLocation {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface Diagnostic {
  /** Stable code, e.g. `MS301`. */
  readonly code: string;
  readonly severity: Severity;
  /** One sentence: what is wrong and why. */
  readonly message: string;
  readonly location?: DiagnosticLocation;
  /** Extra located facts (`= note:` lines). */
  readonly notes?: readonly string[];
  /** One line that starts with a verb. */
  readonly help?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
