// Diagnostic codes MS5xx: the write stage.

import type { DiagnosticDoc } from './entry.js';

export const writeCodes: readonly DiagnosticDoc[] = [];
