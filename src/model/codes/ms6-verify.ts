// Diagnostic codes MS6xx: the verify stage.

import type { DiagnosticDoc } from './entry.js';

export const verifyCodes: readonly DiagnosticDoc[] = [];
