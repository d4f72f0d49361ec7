// describeModuleFacts: the `analyze --format json` document with a project location and importers; the
// single-module parts are covered byte for byte by the fixtures in test/fixtures/units.

import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import type { ImporterSite, ModuleLocation, ProjectUsage } from '../../../src/model/project.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { describeModuleFacts } from '../../../src/report/module-facts-json.js';

const location: ModuleLocation = {
  root: '/proj',
  modulePath: 'apps/integrations/models.py',
  importRoot: '',
  dotted: 'apps.integrations.models',
  parentPackage: 'apps.integrations',
  isPackageInit: false,
};

function site(file: string, line: number, names: string[], form: ImporterSite['form']): ImporterSite {
  return {
    file,
    line,
    column: 1,
    form,
    names,
    inFunction: false,
    typeCheckingOnly: false,
    range: { start: 0, end: 1 },
  };
}

describe('describeModuleFacts', () => {
  it('names the module by its project path and dotted name, and lists importers sorted by file and line', async () => {
    const text = 'import os\n\nBASE = os.sep\n\n\ndef helper():\n    return BASE\n';
    const { analysis } = await analyzeModule(sourceFromText('/proj/apps/integrations/models.py', text));
    if (!analysis) throw new Error('no analysis');
    const usage: ProjectUsage = {
      importers: [
        site('tests/test_b.py', 9, ['helper'], 'from-import'),
        site('apps/views.py', 3, [], 'from-package-import'),
        site('tests/test_b.py', 2, ['BASE'], 'from-import'),
      ],
      dottedStrings: [],
      attributeSites: [],
      filesScanned: 3,
      candidates: 3,
    };
    const doc = describeModuleFacts(analysis, location, usage);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.module).toBe('apps/integrations/models.py');
    expect(doc.dotted).toBe('apps.integrations.models');
    expect(doc.importers).toEqual([
      { file: 'apps/views.py', line: 3, names: [], form: 'from-package-import' },
      { file: 'tests/test_b.py', line: 2, names: ['BASE'], form: 'from-import' },
      { file: 'tests/test_b.py', line: 9, names: ['helper'], form: 'from-import' },
    ]);
    expect(doc.symbols).toEqual([
      { name: 'os', kind: 'import', line: 1, units: [0], dependsOn: [] },
      {
        name: 'BASE',
        kind: 'variable',
        line: 3,
        units: [1],
        dependsOn: [{ name: 'os', when: 'import-time' }],
      },
      {
        name: 'helper',
        kind: 'function',
        line: 6,
        units: [2],
        dependsOn: [{ name: 'BASE', when: 'call-time' }],
      },
    ]);
    expect(doc.units.map((u) => u.kind)).toEqual(['import', 'assignment', 'function']);
  });

  it('falls back to the source path and a null dotted name without a location', async () => {
    const { analysis } = await analyzeModule(sourceFromText('m.py', 'x = 1\n'));
    if (!analysis) throw new Error('no analysis');
    const doc = describeModuleFacts(analysis);
    expect([doc.module, doc.dotted, doc.importers]).toEqual(['m.py', null, []]);
  });
});
