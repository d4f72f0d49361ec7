// Diagnostic codes MS1xx: the read stage.

import type { DiagnosticDoc } from './entry.js';

export const readCodes: readonly DiagnosticDoc[] = [];
