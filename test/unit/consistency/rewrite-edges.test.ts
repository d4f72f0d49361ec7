// Edge cases of the consistency passes on small projects written by the test (CRLF and non-ASCII text, which a
// fixture tree in git could normalize; a package `__init__.py` as the module; reads through the package), plus
// the name-token matching the test-evidence heuristic relies on. Real pipeline throughout.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeEditChanges } from '../../../src/emit/collect-name-lookups.js';
import { nameTokens, tokensSpell } from '../../../src/emit/collect-test-evidence.js';
import { collectImportRewriteEdits } from '../../../src/emit/rewrite-importers.js';
import { collectPatchTargetEdits } from '../../../src/emit/rewrite-patch-targets.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { applyChanges, runPipeline } from './split-project.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function writeProject(files: Record<string, string>): string {
  const root = writeProjectTree(files, 'modsplit-consistency-edges-');
  temps.push(root);
  return root;
}

const TWO_PROVIDERS = [
  'def fetch(url):',
  '    raise RuntimeError(url)',
  '',
  '',
  'class GitHubIntegration:',
  '    def check(self):',
  '        return fetch("https://api.github.com")',
  '',
  '',
  'class JiraIssue:',
  '    key = "OPS-1"',
  '',
].join('\n');

describe('name tokens', () => {
  it('splits identifiers and file names into lower-case words', () => {
    expect(nameTokens('GitHubSyncTests')).toEqual(['git', 'hub', 'sync', 'tests']);
    expect(nameTokens('test_slack.py')).toEqual(['test', 'slack']);
    expect(nameTokens('HTTPClientTests')).toEqual(['http', 'client', 'tests']);
  });

  it('matches a file stem only on word boundaries', () => {
    expect(tokensSpell(nameTokens('GitHubSyncTests'), 'github')).toBe(true);
    expect(tokensSpell(nameTokens('test_jira_sync_runs'), 'jira_sync')).toBe(true);
    expect(tokensSpell(nameTokens('NotificationTests'), 'io')).toBe(false);
    expect(tokensSpell(nameTokens('test_slackware'), 'slack')).toBe(false);
  });
});

describe('edits keep the file as it was around them', () => {
  it('inserts into CRLF files with non-ASCII text before the target', async () => {
    const test = [
      '# Tést: ünïcode and an astral 𝔘 before the target',
      'from unittest import mock',
      'from app.models import (',
      '    GitHubIntegration,  # é',
      '    JiraIssue,',
      ')',
      '',
      '',
      'class GitHubTests:',
      '    @mock.patch("app.models.fetch")',
      '    def test_check(self, fetch):',
      '        GitHubIntegration().check()',
      '',
    ].join('\r\n');
    const root = writeProject({
      'app/__init__.py': '',
      'app/models.py': TWO_PROVIDERS,
      'tests/__init__.py': '',
      'tests/test_github.py': test,
    });
    const inputs = await runPipeline(root, 'app/models.py', {
      files: { 'github.py': ['GitHubIntegration'], 'jira.py': ['JiraIssue'] },
    });
    const { analysis, location, usage, resolved, readText } = inputs;
    const patches = await collectPatchTargetEdits(analysis, location, usage, resolved, readText);
    const imports = await collectImportRewriteEdits(analysis, location, usage, resolved, readText);
    const merged = mergeEditChanges(patches, imports);
    expect(merged.map((c) => (c.kind === 'edit' ? [c.path, c.edits.length] : []))).toEqual([
      ['tests/test_github.py', 2],
    ]);
    applyChanges(root, merged);
    expect(readFileSync(join(root, 'tests/test_github.py'), 'utf8')).toBe(
      [
        '# Tést: ünïcode and an astral 𝔘 before the target',
        'from unittest import mock',
        'from app.models.github import (',
        '    GitHubIntegration,  # é',
        ')',
        'from app.models.jira import (',
        '    JiraIssue,',
        ')',
        '',
        '',
        'class GitHubTests:',
        '    @mock.patch("app.models.github.fetch")',
        '    def test_check(self, fetch):',
        '        GitHubIntegration().check()',
        '',
      ].join('\r\n'),
    );
  });
});

describe('a package __init__.py as the module', () => {
  it('targets the submodules of the package, and leaves files inside the package alone', async () => {
    const root = writeProject({
      'app/__init__.py': '',
      'app/models/__init__.py': TWO_PROVIDERS,
      'app/models/extra.py': 'from . import JiraIssue\n',
      'app/views.py': 'from app.models import GitHubIntegration, JiraIssue\n',
      'tests/__init__.py': '',
      'tests/test_github.py':
        'from unittest import mock\n\n\n@mock.patch("app.models.fetch")\ndef test_check(fetch):\n    pass\n',
    });
    const inputs = await runPipeline(root, 'app/models/__init__.py', {
      files: { 'github.py': ['GitHubIntegration'], 'jira.py': ['JiraIssue'] },
    });
    const { analysis, location, usage, resolved, readText } = inputs;
    const patches = await collectPatchTargetEdits(analysis, location, usage, resolved, readText);
    const imports = await collectImportRewriteEdits(analysis, location, usage, resolved, readText);
    applyChanges(root, [...patches.changes, ...imports.changes]);
    expect(readFileSync(join(root, 'tests/test_github.py'), 'utf8')).toContain(
      '@mock.patch("app.models.github.fetch")',
    );
    expect(readFileSync(join(root, 'app/views.py'), 'utf8')).toBe(
      'from app.models.github import GitHubIntegration\nfrom app.models.jira import JiraIssue\n',
    );
    expect(readFileSync(join(root, 'app/models/extra.py'), 'utf8')).toBe('from . import JiraIssue\n');
  });
});

describe('reads through the package', () => {
  it('never picks one file when outside code also reads the name through the package', async () => {
    const root = writeProject({
      'app/__init__.py': '',
      'app/models.py': TWO_PROVIDERS,
      'app/views.py':
        'from app import models\n\n\ndef status():\n    return models.fetch("https://status")\n',
      'tests/__init__.py': '',
      'tests/test_github.py': [
        'from unittest import mock',
        '',
        'from app.models import GitHubIntegration',
        '',
        '',
        'class GitHubTests:',
        '    @mock.patch("app.models.fetch")',
        '    def test_check(self, fetch):',
        '        GitHubIntegration().check()',
        '',
      ].join('\n'),
    });
    const inputs = await runPipeline(root, 'app/models.py', {
      files: { 'github.py': ['GitHubIntegration'], 'jira.py': ['JiraIssue'] },
    });
    const { analysis, location, usage, resolved, readText } = inputs;
    const patches = await collectPatchTargetEdits(analysis, location, usage, resolved, readText);
    expect(patches.changes).toEqual([]);
    expect(patches.diagnostics.map((d) => [d.code, d.location?.line, d.notes])).toEqual([
      ['MS450', 7, ['needed: app.models.fetch', 'needed: app.models.github.fetch']],
    ]);
  });
});
