// The whole diagnostics catalog, one file per stage so each stage owns its codes.

import type { DiagnosticDoc } from './entry.js';
import { readCodes } from './ms1-read.js';
import { readConfigCodes } from './ms1-read-config.js';
import { readProjectCodes } from './ms1-read-project.js';
import { analyzeCodes } from './ms2-analyze.js';
import { planCodes } from './ms3-plan.js';
import { planCheckCodes } from './ms3-plan-check.js';
import { emitCodes } from './ms4-emit.js';
import { emitConsistencyCodes } from './ms4-emit-consistency.js';
import { writeCodes } from './ms5-write.js';
import { verifyCodes } from './ms6-verify.js';

export type { DiagnosticDoc } from './entry.js';

export const diagnosticCatalog: readonly DiagnosticDoc[] = [
  ...readCodes,
  ...readProjectCodes,
  ...readConfigCodes,
  ...analyzeCodes,
  ...planCodes,
  ...planCheckCodes,
  ...emitCodes,
  ...emitConsistencyCodes,
  ...writeCodes,
  ...verifyCodes,
];

export function findDiagnosticDoc(code: string): DiagnosticDoc | undefined {
  const wanted = code.toUpperCase();
  return diagnosticCatalog.find((d) => d.code === wanted);
}
