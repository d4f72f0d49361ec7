// Real-world corpus: the planning document of Django's contrib model modules (site-packages as the project) lists
// exactly the relations Django builds, forward and reverse (swappable user, abstract mixins, generic relations,
// relations from other contrib apps). It does not check the proposed grouping (test/unit/propose does).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../src/cli/load-module.js';
import { renderPlanningDocument } from '../../../src/report/planning-document.js';
import { djangoSourceDir, runPython } from '../../helpers/python.js';
import { checkMermaid, documentRelations, sortRows } from './markdown.js';

const here = dirname(fileURLToPath(import.meta.url));
const APPS = [
  'django.contrib.contenttypes',
  'django.contrib.auth',
  'django.contrib.admin',
  'django.contrib.messages',
  'django.contrib.sessions',
  'django.contrib.sites',
  'django.contrib.flatpages',
  'django.contrib.redirects',
];
const MODULES = ['auth', 'contenttypes', 'admin', 'sites', 'flatpages', 'redirects'];

describe("Django's contrib models", () => {
  const sitePackages = dirname(djangoSourceDir());

  it.each(MODULES)('django/contrib/%s/models.py lists what _meta.get_fields() lists', async (app) => {
    const dotted = `django.contrib.${app}.models`;
    const script = join(here, 'list-model-relations.py');
    const code = [
      'import os, runpy, sys, tempfile',
      'os.chdir(tempfile.gettempdir())',
      `sys.argv = ${JSON.stringify([script, '--apps', APPS.join(','), dotted])}`,
      `runpy.run_path(${JSON.stringify(script)}, run_name="__main__")`,
    ].join('\n');
    const oracle = JSON.parse(runPython(code)) as Record<
      string,
      { forward: string[][]; reverse: string[][] }
    >;
    expect(Object.keys(oracle).length).toBeGreaterThan(0);

    const result = await loadModule(join(djangoSourceDir(), 'contrib', app, 'models.py'), {
      scan: true,
      root: sitePackages,
    });
    if (!result.loaded) throw new Error(JSON.stringify(result.diagnostics));
    const doc = await renderPlanningDocument(result.loaded, { format: 'md' });
    for (const [model, expected] of Object.entries(oracle)) {
      const listed = documentRelations(doc, model);
      expect(listed, model).toBeDefined();
      expect(listed?.forward, `${model} forward`).toEqual(sortRows(expected.forward));
      expect(listed?.reverse, `${model} reverse`).toEqual(sortRows(expected.reverse));
    }
    for (const block of doc.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
      expect(checkMermaid(block[1] as string).problems).toEqual([]);
    }
  });
});
