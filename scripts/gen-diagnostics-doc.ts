// Writes docs/diagnostics.md from the catalog in src/model/codes/ (run: npm run docs:diagnostics).
import { writeFileSync } from 'node:fs';
import { diagnosticCatalog } from '../src/model/codes/index.js';
import { renderDiagnosticsPage } from '../src/report/render-diagnostic-doc.js';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsPage(diagnosticCatalog));
