// `modsplit explain MSnnn`: the catalog entry of one diagnostic code.

import { diagnosticCatalog, findDiagnosticDoc } from '../../model/codes/index.js';
import { renderDiagnosticDoc } from '../../report/render-diagnostic-doc.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';

export function runExplain(code: string | undefined, format: string, output: Output): ExitCodeValue {
  if (!code) {
    if (format === 'json') {
      output.out(JSON.stringify({ schemaVersion: 1, diagnostics: diagnosticCatalog }, null, 2));
    } else {
      for (const doc of diagnosticCatalog) output.out(`${doc.code}  ${doc.severity.padEnd(7)}  ${doc.title}`);
    }
    return ExitCode.ok;
  }
  const doc = findDiagnosticDoc(code);
  if (!doc) {
    output.err(
      `error: unknown diagnostic code \`${code}\`\n  = help: run \`modsplit explain\` to list every code`,
    );
    return ExitCode.invalid;
  }
  output.out(
    format === 'json' ? JSON.stringify({ schemaVersion: 1, ...doc }, null, 2) : renderDiagnosticDoc(doc),
  );
  return ExitCode.ok;
}
