// Diagnostic codes MS2xx: the analyze stage.

import type { DiagnosticDoc } from './entry.js';

export const analyzeCodes: readonly DiagnosticDoc[] = [];
