// Diagnostic codes MS3xx: the plan stage.

import type { DiagnosticDoc } from './entry.js';

export const planCodes: readonly DiagnosticDoc[] = [];
