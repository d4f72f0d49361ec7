// Markdown for one catalog entry (used by `modsplit explain` and docs/diagnostics.md).

import type { DiagnosticDoc } from '../model/codes/entry.js';

export function renderDiagnosticDoc(doc: DiagnosticDoc): string {
  const parts = [`## ${doc.code}: ${doc.title}`, '', `Severity: ${doc.severity}`, '', doc.explanation, ''];
  parts.push(`**Fix:** ${doc.fix}`, '');
  if (doc.example) parts.push('Example:', '', '```', doc.example.trimEnd(), '```', '');
  return parts.join('\n');
}

/** The whole catalog as one Markdown page. */
export function renderDiagnosticsPage(docs: readonly DiagnosticDoc[]): string {
  const header = [
    '# modsplit diagnostics',
    '',
    '<!-- Generated from src/model/codes/ by `npm run docs:diagnostics`; do not edit by hand. -->',
    '',
    'Codes by stage: MS1xx read, MS2xx analyze, MS3xx plan, MS4xx emit, MS5xx write, MS6xx verify.',
    'Run `modsplit explain MSnnn` for one of them.',
    '',
    '| code | severity | title |',
    '| --- | --- | --- |',
    ...docs.map(
      (d) => `| [${d.code}](#${d.code.toLowerCase()}-${slug(d.title)}) | ${d.severity} | ${d.title} |`,
    ),
    '',
  ];
  return `${[...header, ...docs.map(renderDiagnosticDoc)].join('\n').trimEnd()}\n`;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/ /g, '-');
}
