// `patch.multiple("m", a=..., b=...)` after a split: rewritten only when one namespace serves every named attribute,
// else MS452 with the call left alone (names in two files, a name also read through the package, `**` names, and
// attributes the module never had). Real pipeline on small projects; the passing case runs in Python in the
// patch-keyword-forms fixture.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectPatchTargetEdits } from '../../../src/emit/rewrite-patch-targets.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { applyChanges, runPipeline } from './split-project.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const MODULE = [
  'def fetch(url):',
  '    raise RuntimeError(url)',
  '',
  '',
  'def post(text):',
  '    raise RuntimeError(text)',
  '',
  '',
  'def unused():',
  '    return 0',
  '',
  '',
  'class GitHubIntegration:',
  '    def check(self):',
  '        return fetch("https://api.github.com")',
  '',
  '',
  'class JiraIssue:',
  '    def notify(self):',
  '        return post("OPS-1")',
  '',
].join('\n');

/** Split `app/models.py` into github.py (with `unused`) and jira.py; run the patch pass over `test`. */
async function rewrite(test: string, extra: Record<string, string> = {}) {
  const root = writeProjectTree(
    {
      'app/__init__.py': '',
      'app/models.py': MODULE,
      'tests/__init__.py': '',
      'tests/test_x.py': `from unittest import mock\nfrom unittest.mock import DEFAULT\n\n\n${test}\n`,
      ...extra,
    },
    'modsplit-patch-multiple-',
  );
  temps.push(root);
  const inputs = await runPipeline(root, 'app/models.py', {
    files: { 'github.py': ['GitHubIntegration', 'unused'], 'jira.py': ['JiraIssue'] },
  });
  const { analysis, location, usage, resolved, readText } = inputs;
  const result = await collectPatchTargetEdits(analysis, location, usage, resolved, readText);
  applyChanges(root, result.changes);
  const after = readFileSync(join(root, 'tests/test_x.py'), 'utf8').split('\n')[4];
  return { after, diagnostics: result.diagnostics.map((d) => [d.code, d.notes ?? []]) };
}

describe('patch.multiple', () => {
  it('follows names that are all looked up in one file, a name nobody reads included', async () => {
    expect(await rewrite('mock.patch.multiple("app.models", fetch=DEFAULT, unused=DEFAULT)')).toEqual({
      after: 'mock.patch.multiple("app.models.github", fetch=DEFAULT, unused=DEFAULT)',
      diagnostics: [],
    });
  });

  it('stays on the package when every name nobody reads has it there', async () => {
    expect(await rewrite('mock.patch.multiple("app.models", unused=DEFAULT)')).toEqual({
      after: 'mock.patch.multiple("app.models", unused=DEFAULT)',
      diagnostics: [],
    });
  });

  it('warns when the names are looked up in two files', async () => {
    expect(await rewrite('mock.patch.multiple(target="app.models", fetch=DEFAULT, post=DEFAULT)')).toEqual({
      after: 'mock.patch.multiple(target="app.models", fetch=DEFAULT, post=DEFAULT)',
      diagnostics: [['MS452', ['fetch: app.models.github', 'post: app.models.jira']]],
    });
  });

  it('warns when a name is also read through the package', async () => {
    const views = 'from app import models\n\n\ndef status():\n    return models.fetch("https://status")\n';
    expect(
      await rewrite('mock.patch.multiple("app.models", fetch=DEFAULT)', { 'app/views.py': views }),
    ).toEqual({
      after: 'mock.patch.multiple("app.models", fetch=DEFAULT)',
      diagnostics: [['MS452', ['fetch: read by app.models, app.models.github']]],
    });
  });

  it('warns when other names come through ** and cannot be followed', async () => {
    expect(await rewrite('mock.patch.multiple("app.models", fetch=DEFAULT, **{"post": DEFAULT})')).toEqual({
      after: 'mock.patch.multiple("app.models", fetch=DEFAULT, **{"post": DEFAULT})',
      diagnostics: [
        [
          'MS452',
          [
            'fetch: app.models.github',
            'names passed with `**` are not known, so no target is chosen for them',
          ],
        ],
      ],
    });
  });

  it('ignores its own parameters, and leaves names the module never had (create=True)', async () => {
    expect(
      await rewrite('mock.patch.multiple("app.models", create=True, spec=None, brand_new=DEFAULT)'),
    ).toEqual({
      after: 'mock.patch.multiple("app.models", create=True, spec=None, brand_new=DEFAULT)',
      diagnostics: [],
    });
    expect(await rewrite('mock.patch.multiple("app.models", create=True, fetch=DEFAULT)')).toEqual({
      after: 'mock.patch.multiple("app.models.github", create=True, fetch=DEFAULT)',
      diagnostics: [],
    });
  });
});
