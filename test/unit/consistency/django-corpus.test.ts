// Real-world corpus: split large modules of Django's own source (a copy of the installed package) with a proposed
// plan, apply `--rewrite-imports` to Django's own importers, and let Python import the result (django.setup() and
// the admin, forms, tests). Also: every edited file parses, and a second run on the edited tree edits nothing.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { buildChangeSet } from '../../../src/emit/build-change-set.js';
import { collectImportRewriteEdits } from '../../../src/emit/rewrite-importers.js';
import { proposePlan } from '../../../src/plan/propose-plan.js';
import { findSyntaxError, withParsedPython } from '../../../src/read/parse-python.js';
import { readSourceFile } from '../../../src/read/source-file.js';
import { djangoSourceDir, pythonPath } from '../../helpers/python.js';
import { applyChanges, runPipeline } from './split-project.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function copyDjango(): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-consistency-django-'));
  temps.push(root);
  cpSync(djangoSourceDir(), join(root, 'django'), {
    recursive: true,
    filter: (path) => !path.endsWith('__pycache__'),
  });
  return root;
}

const IMPORT_CHECK = [
  'import django',
  'from django.conf import settings',
  'settings.configure(INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",',
  '    "django.contrib.admin", "django.contrib.sessions", "django.contrib.messages"])',
  'django.setup()',
  'import django.contrib.admin, django.contrib.auth.forms, django.db.models, django.test, django.forms',
  'print("ok")',
].join('\n');

describe('--rewrite-imports on Django', () => {
  for (const module of [
    'django/db/models/query_utils.py',
    'django/utils/timezone.py',
    'django/db/models/fields/__init__.py',
  ]) {
    it(module, async () => {
      const root = copyDjango();
      const read = await readSourceFile(join(root, module), module);
      if (!read.ok) throw new Error(read.diagnostic.message);
      const { analysis } = await analyzeModule(read.source);
      if (!analysis) throw new Error(`${module} did not analyze`);
      const { plan } = proposePlan(analysis);
      const inputs = await runPipeline(root, module, plan);
      const { location, usage, resolved, readText } = inputs;
      const imports = await collectImportRewriteEdits(analysis, location, usage, resolved, readText);
      expect(imports.changes.length).toBeGreaterThan(0);
      for (const change of imports.changes) {
        expect(change.kind).toBe('edit');
        expect(change.kind === 'edit' && change.path.includes('/migrations/')).toBe(false);
      }
      applyChanges(root, imports.changes);
      for (const change of imports.changes) {
        const path = change.kind === 'edit' ? change.path : '';
        const text = readFileSync(join(root, path), 'utf8');
        expect(await withParsedPython(text, (tree) => findSyntaxError(tree)?.startIndex ?? -1), path).toBe(
          -1,
        );
      }
      const again = await runPipeline(root, module, plan);
      const second = await collectImportRewriteEdits(
        analysis,
        again.location,
        again.usage,
        again.resolved,
        readText,
      );
      expect(second.changes).toEqual([]);

      const changeSet = await buildChangeSet(inputs);
      expect(changeSet.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      applyChanges(root, changeSet.changes);
      const run = spawnSync(pythonPath(), ['-c', IMPORT_CHECK], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      expect(`${run.stdout}${run.stderr}`).toBe('ok\n');
    });
  }
});
