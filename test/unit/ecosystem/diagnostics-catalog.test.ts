// The diagnostics catalog against the code and the docs: docs/diagnostics.md is the generated page (not stale),
// every code emitted in src/ is catalogued and every catalogued code is emitted (no dead docs), codes are unique
// and in their stage's range, and `modsplit explain` shows each. It does not check which tests trigger a code.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCatalog, findDiagnosticDoc } from '../../../src/model/codes/index.js';
import { renderDiagnosticDoc, renderDiagnosticsPage } from '../../../src/report/render-diagnostic-doc.js';
import { repoRoot } from '../../helpers/python.js';
import { runCli } from '../../helpers/run-cli.js';

function listTsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Code literals (`'MS301'`, `"MS301"`, `` `MS301` ``) in src/ outside the catalog: what the library can emit. */
function collectEmittedCodes(): Map<string, string[]> {
  const codesDir = join(repoRoot, 'src/model/codes');
  const emitted = new Map<string, string[]>();
  for (const file of listTsFiles(join(repoRoot, 'src'))) {
    if (file.startsWith(codesDir)) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(['"`])(MS\d{3})\1/g)) {
      const code = match[2] as string;
      emitted.set(code, [...(emitted.get(code) ?? []), relative(repoRoot, file)]);
    }
  }
  return emitted;
}

describe('diagnostics catalog', () => {
  const catalogued = diagnosticCatalog.map((d) => d.code);

  it('docs/diagnostics.md is the page generated from the catalog (run `npm run docs:diagnostics`)', () => {
    const page = readFileSync(join(repoRoot, 'docs/diagnostics.md'), 'utf8');
    expect(page).toBe(renderDiagnosticsPage(diagnosticCatalog));
  });

  it('codes are unique, well-formed, and their severity is one of error, warning, info', () => {
    expect(new Set(catalogued).size).toBe(catalogued.length);
    for (const doc of diagnosticCatalog) {
      expect(doc.code).toMatch(/^MS[1-6]\d{2}$/);
      expect(['error', 'warning', 'info']).toContain(doc.severity);
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.explanation.length).toBeGreaterThan(0);
      expect(doc.fix.length).toBeGreaterThan(0);
    }
  });

  it('every catalogued code has an explain entry', () => {
    for (const code of catalogued) {
      const doc = findDiagnosticDoc(code.toLowerCase());
      expect(doc?.code).toBe(code);
      expect(renderDiagnosticDoc(doc as NonNullable<typeof doc>)).toContain(`## ${code}: `);
    }
    const run = runCli(['explain', 'MS384'], repoRoot);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("## MS384: The package's files import each other");
  });

  it('every code emitted in src/ is in the catalog', () => {
    const emitted = collectEmittedCodes();
    const missing = [...emitted.keys()]
      .filter((c) => !catalogued.includes(c))
      .map((c) => `${c} (${emitted.get(c)})`);
    expect(missing).toEqual([]);
    expect(emitted.size).toBeGreaterThan(80);
  });

  it('every catalogued code is emitted somewhere in src/ (no dead docs)', () => {
    const emitted = collectEmittedCodes();
    expect(catalogued.filter((c) => !emitted.has(c))).toEqual([]);
  });
});
