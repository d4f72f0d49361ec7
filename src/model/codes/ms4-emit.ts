// Diagnostic codes MS4xx: the emit stage.

import type { DiagnosticDoc } from './entry.js';

export const emitCodes: readonly DiagnosticDoc[] = [];
