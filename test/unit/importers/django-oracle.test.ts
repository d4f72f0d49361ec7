// Acceptance on Django's own source: for five varied modules, scanProjectUsage must find exactly the importers,
// dotted strings and alias attribute sites that a Python ast + symtable oracle finds. No expected values are stored.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import type { ProjectUsage } from '../../../src/model/project.js';
import { locateModule } from '../../../src/read/module-location.js';
import { listProjectFiles } from '../../../src/read/project-files.js';
import { djangoSourceDir, repoRoot, runPython } from '../../helpers/python.js';

const MODULES: Record<string, string> = {
  'django.db.models.query': 'django/db/models/query.py',
  'django.utils.timezone': 'django/utils/timezone.py',
  'django.db.models.fields': 'django/db/models/fields/__init__.py',
  'django.core.exceptions': 'django/core/exceptions.py',
  'django.db.models.sql.query': 'django/db/models/sql/query.py',
};

type Row = Record<string, unknown>;
interface OracleUsage {
  importers: Row[];
  dottedStrings: Row[];
  attributeSites: Row[];
}

function sorted(rows: Row[]): Row[] {
  return rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as Row);
}

/** The fields the oracle knows, in a fixed order (ranges are checked separately against the text). */
function comparable(usage: ProjectUsage): OracleUsage {
  return {
    importers: sorted(
      usage.importers.map((s) => ({
        file: s.file,
        line: s.line,
        column: s.column,
        form: s.form,
        names: s.names,
        ...(s.aliases && { aliases: s.aliases }),
        ...(s.moduleAlias !== undefined && { moduleAlias: s.moduleAlias }),
        inFunction: s.inFunction,
        typeCheckingOnly: s.typeCheckingOnly,
      })),
    ),
    dottedStrings: sorted(
      usage.dottedStrings.map((s) => ({
        file: s.file,
        line: s.line,
        column: s.column,
        value: s.value,
        attributePath: s.attributePath,
        context: s.context,
      })),
    ),
    attributeSites: sorted(
      usage.attributeSites.map((s) => ({
        file: s.file,
        line: s.line,
        column: s.column,
        alias: s.alias,
        name: s.name,
        context: s.context,
      })),
    ),
  };
}

function normalizeOracle(raw: OracleUsage): OracleUsage {
  const order = (rows: Row[], keys: string[]) =>
    sorted(rows.map((r) => Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]))));
  return {
    importers: order(raw.importers, [
      'file',
      'line',
      'column',
      'form',
      'names',
      'aliases',
      'moduleAlias',
      'inFunction',
      'typeCheckingOnly',
    ]),
    dottedStrings: order(raw.dottedStrings, ['file', 'line', 'column', 'value', 'attributePath', 'context']),
    attributeSites: order(raw.attributeSites, ['file', 'line', 'column', 'alias', 'name', 'context']),
  };
}

describe('scanProjectUsage on Django agrees with the Python oracle', () => {
  const root = dirname(djangoSourceDir());
  let files: string[] = [];
  let oracle: Record<string, OracleUsage> = {};

  beforeAll(async () => {
    // The root is site-packages, so keep only Django's tree (the walk, not git: .venv is ignored by the repo).
    files = await listProjectFiles(root, { exclude: ['/*', '!/django/'] });
    const script = readFileSync(join(repoRoot, 'test/oracles/importers_oracle.py'), 'utf8');
    oracle = JSON.parse(runPython(script, JSON.stringify({ root, modules: MODULES, files })));
  });

  it('lists Django as about 900 Python files, all under django/', () => {
    expect(files.length).toBeGreaterThan(800);
    expect(files.every((f) => f.startsWith('django/') && f.endsWith('.py'))).toBe(true);
  });

  for (const [dotted, path] of Object.entries(MODULES)) {
    it(`finds exactly the oracle's sites for ${dotted}`, async () => {
      const { location, diagnostics } = locateModule(root, join(root, path));
      expect(diagnostics).toEqual([]);
      expect(location?.dotted).toBe(dotted);
      if (!location) return;
      const usage = await scanProjectUsage(location, { files });
      const expected = normalizeOracle(oracle[dotted] as OracleUsage);
      expect(expected.importers.length).toBeGreaterThan(0);
      expect(comparable(usage)).toEqual(expected);
      // Ranges point at what they describe.
      for (const site of usage.importers) {
        const text = readFileSync(join(root, site.file), 'utf8').slice(site.range.start, site.range.end);
        expect(text).toMatch(/^(from|import)\b/);
      }
      for (const site of usage.dottedStrings) {
        const text = readFileSync(join(root, site.file), 'utf8');
        expect(text.slice(site.range.start, site.range.end)).toBe(site.value);
      }
    });
  }

  it('covers relative, star, package, function-level and TYPE_CHECKING imports across the five modules', () => {
    const all = Object.values(oracle).flatMap((u) => u.importers);
    const forms = new Set(all.map((r) => r.form));
    for (const form of ['from-import', 'relative-from-import', 'star-import', 'from-package-import']) {
      expect(forms).toContain(form);
    }
    expect(all.some((r) => r.inFunction)).toBe(true);
    expect(Object.values(oracle).some((u) => u.attributeSites.length > 0)).toBe(true);
  });
});
