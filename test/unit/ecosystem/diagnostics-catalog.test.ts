// The diagnostics catalog against the code, the docs and the tests: docs/diagnostics.md is the generated page (not
// stale), every code emitted in src/ is catalogued and every catalogued code is emitted (no dead docs) and triggered
// by some test (no allow-list), codes are unique and in their stage's range, and `modsplit explain` shows each.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnosticCatalog, findDiagnosticDoc } from '../../../src/model/codes/index.js';
import { renderDiagnosticDoc, renderDiagnosticsPage } from '../../../src/report/render-diagnostic-doc.js';
import { repoRoot } from '../../helpers/python.js';
import { runCli } from '../../helpers/run-cli.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Code literals (`'MS301'`, `"MS301"`, `` `MS301` ``) in src/ outside the catalog: what the library can emit. */
function collectEmittedCodes(): Map<string, string[]> {
  const codesDir = join(repoRoot, 'src/model/codes');
  const emitted = new Map<string, string[]>();
  for (const file of listFiles(join(repoRoot, 'src')).filter((f) => f.endsWith('.ts'))) {
    if (file.startsWith(codesDir)) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(['"`])(MS\d{3})\1/g)) {
      const code = match[2] as string;
      emitted.set(code, [...(emitted.get(code) ?? []), relative(repoRoot, file)]);
    }
  }
  return emitted;
}

/**
 * Codes the tests trigger, with the files that show it: a code in a test's code (not in a comment, not in a
 * `.not.` assertion) or in a fixture's expectations (not in its `input/` tree or README.md). A static check: it
 * cannot tell an assertion from a code merely quoted in a test, so review new tests for that.
 */
function collectTestedCodes(): Map<string, string[]> {
  const self = fileURLToPath(import.meta.url);
  const tested = new Map<string, string[]>();
  for (const file of listFiles(join(repoRoot, 'test'))) {
    const rel = relative(repoRoot, file);
    if (file === self || rel.endsWith('README.md') || rel.split(sep).includes('input')) continue;
    let text = readFileSync(file, 'utf8');
    if (file.endsWith('.ts')) {
      text = text
        .replace(/^\s*\/\*[\s\S]*?\*\//gm, '')
        .split('\n')
        .filter((line) => !line.trim().startsWith('//') && !line.includes('.not.'))
        .join('\n');
    }
    for (const code of new Set(text.match(/MS\d{3}/g))) tested.set(code, [...(tested.get(code) ?? []), rel]);
  }
  return tested;
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

  it('every catalogued code is triggered by a test: no allow-list, a new code needs its test', () => {
    const tested = collectTestedCodes();
    expect(catalogued.filter((c) => !tested.has(c))).toEqual([]);
    // Sanity: the scan reaches the test that triggers a code (MS514 is triggered in one place only).
    expect(tested.get('MS514')).toContain(
      join('test', 'unit', 'diagnostics', 'rollback-failure-cli.test.ts'),
    );
  });
});
