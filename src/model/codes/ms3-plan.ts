// Diagnostic codes MS3xx: the plan stage.

import type { DiagnosticDoc } from './entry.js';
import { proposeCodes } from './ms3-plan-propose.js';

export const planCodes: readonly DiagnosticDoc[] = [...proposeCodes];
