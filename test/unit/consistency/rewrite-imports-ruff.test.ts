// `--rewrite-imports` on the example project leaves ruff (with the project's own configuration: isort with
// known-first-party, E, F, B, UP, DJ) with nothing new to report over the whole project. It does not run Django.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/emit/build-change-set.js';
import { collectImportRewriteEdits } from '../../../src/emit/rewrite-importers.js';
import { readPlanFile } from '../../../src/plan/plan-file.js';
import { repoRoot } from '../../helpers/python.js';
import { applyChanges, copyProject, runPipeline } from './split-project.js';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** ruff's findings over the project as `path: CODE message` (positions left out: edits move lines). */
function ruffFindings(root: string): string[] {
  const result = spawnSync(
    join(repoRoot, '.venv/bin/ruff'),
    ['check', '--no-cache', '--output-format', 'concise', '.'],
    { cwd: root, encoding: 'utf8' },
  );
  return result.stdout
    .split('\n')
    .filter((line) => /:\d+:\d+: [A-Z]+\d+/.test(line))
    .map((line) => line.replace(/:\d+:\d+:/, ':'))
    .sort();
}

describe('--rewrite-imports on examples/teamhub', () => {
  it('adds nothing to what ruff reports on the project', async () => {
    const root = copyProject(join(repoRoot, 'examples', 'teamhub'), 'modsplit-rewrite-ruff-');
    copies.push(root);
    const before = ruffFindings(root);
    const plan = readPlanFile(
      readFileSync(join(root, 'modsplit-plan.toml'), 'utf8'),
      'modsplit-plan.toml',
    ).plan;
    if (!plan) throw new Error('the example plan does not read');
    const inputs = await runPipeline(root, plan.module ?? 'apps/integrations/models.py', plan);
    const { analysis, location, usage, resolved, readText } = inputs;
    const changeSet = await buildChangeSet(inputs);
    const imports = await collectImportRewriteEdits(analysis, location, usage, resolved, readText);
    const edited = imports.changes.map((c) => (c.kind === 'edit' ? c.path : ''));
    // The view whose two adjacent imports both move (credentials.py sorts before github.py) is among them.
    expect(edited).toContain('apps/dashboard/views.py');
    applyChanges(root, [...imports.changes, ...changeSet.changes]);
    expect(readFileSync(join(root, 'apps/dashboard/views.py'), 'utf8')).toContain(
      'from apps.integrations.models.credentials import IntegrationCredential as Credential\n' +
        'from apps.integrations.models.github import GitHubIntegration\n',
    );
    expect(ruffFindings(root)).toEqual(before);
  });
});
