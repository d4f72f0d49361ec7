// The shape of one entry of the diagnostics catalog (`modsplit explain MSnnn`, docs/diagnostics.md).

import type { Severity } from '../diagnostics.js';

export interface DiagnosticDoc {
  /** `MS101`. */
  readonly code: string;
  readonly severity: Severity;
  /** Short title, e.g. "Syntax error in the module". */
  readonly title: string;
  /** What it means, and why modsplit stops (or warns). */
  readonly explanation: string;
  /** How to fix it; starts with a verb. */
  readonly fix: string;
  /** A small example that triggers it (Python or a command line). */
  readonly example?: string;
}
