// Acceptance on the bundled example (examples/teamhub, its modsplit-plan.toml, its trap tests): split a temp copy
// with the real pipeline and buildChangeSet, apply the consistency edits, run `manage.py test`: the whole suite
// passes, class-attribute patches are untouched, and without the patch edits exactly the patch traps fail.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/emit/build-change-set.js';
import { collectDottedStringRisks } from '../../../src/emit/collect-dotted-string-risks.js';
import { collectImportRewriteEdits } from '../../../src/emit/rewrite-importers.js';
import { collectPatchTargetEdits } from '../../../src/emit/rewrite-patch-targets.js';
import type { FileChange } from '../../../src/model/changes.js';
import { readPlanFile } from '../../../src/plan/plan-file.js';
import { pythonPath, repoRoot } from '../../helpers/python.js';
import { applyChanges, copyProject, runPipeline } from './split-project.js';

const exampleDir = join(repoRoot, 'examples', 'teamhub');
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function manageTest(root: string): { ran: number; ok: boolean; failed: string[]; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.DJANGO_SETTINGS_MODULE;
  const result = spawnSync(pythonPath(), ['manage.py', 'test'], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const failed = [...output.matchAll(/^(?:ERROR|FAIL): \w+ \(([\w.]+)\)/gm)].map((m) =>
    (m[1] ?? '').split('.').slice(-2).join('.'),
  );
  return {
    ran: Number(/^Ran (\d+) tests?/m.exec(output)?.[1] ?? 0),
    ok: result.status === 0 && /^OK/m.test(output),
    failed: [...new Set(failed)].sort(),
    output,
  };
}

/** Split a copy of the example; `passes` picks the consistency edits applied on top of buildChangeSet. */
async function splitExample(passes: { patches?: boolean; imports?: boolean }) {
  const root = copyProject(exampleDir, 'modsplit-consistency-teamhub-');
  copies.push(root);
  const planText = readFileSync(join(root, 'modsplit-plan.toml'), 'utf8');
  const plan = readPlanFile(planText, 'modsplit-plan.toml').plan;
  if (!plan) throw new Error('the example plan does not read');
  const inputs = await runPipeline(root, plan.module ?? 'apps/integrations/models.py', plan);
  const { analysis, location, usage, resolved, readText } = inputs;
  const changeSet = await buildChangeSet(inputs);
  expect(changeSet.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const patches = await collectPatchTargetEdits(analysis, location, usage, resolved, readText);
  const imports = await collectImportRewriteEdits(analysis, location, usage, resolved, readText);
  const risks = await collectDottedStringRisks(analysis, location, usage, resolved, readText);
  const edits: FileChange[] = [
    ...(passes.patches ? patches.changes : []),
    ...(passes.imports ? imports.changes : []),
  ];
  applyChanges(root, [...edits, ...changeSet.changes]);
  return { root, patches, imports, risks };
}

const classAttributePatches = [
  [
    'apps/integrations/tests/test_commands.py',
    '@mock.patch("apps.integrations.models.GitHubIntegration.refresh")',
  ],
  [
    'apps/integrations/tests/test_services.py',
    '@mock.patch("apps.integrations.models.GitHubIntegration.refresh", autospec=True)',
  ],
  [
    'apps/integrations/tests/test_services.py',
    '@mock.patch.object(JiraIntegration, "check_connection", return_value="Acme Jira")',
  ],
  [
    'apps/integrations/tests/test_services.py',
    '@mock.patch.object(SlackIntegration, "check_connection", return_value=False)',
  ],
] as const;

describe('teamhub split with the consistency edits', () => {
  it('passes the whole suite with the patch edits, leaving class-attribute patches alone', async () => {
    const { root, patches, risks } = await splitExample({ patches: true });
    const run = manageTest(root);
    expect(run.ok, run.output).toBe(true);
    expect(run.ran).toBeGreaterThan(90);
    for (const [file, line] of classAttributePatches) {
      expect(readFileSync(join(root, file), 'utf8'), file).toContain(line);
    }
    // No migration is edited; the only warnings would be unresolved patch targets, and there are none here.
    expect(patches.changes.some((c) => c.kind === 'edit' && c.path.includes('/migrations/'))).toBe(false);
    expect(patches.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    // fetch_remote_status is read by jira.py and slack.py: each test file's patch follows its own provider.
    const jira = readFileSync(join(root, 'apps/integrations/tests/test_jira.py'), 'utf8');
    const slack = readFileSync(join(root, 'apps/integrations/tests/test_slack.py'), 'utf8');
    expect(jira).toContain('@mock.patch("apps.integrations.models.jira.fetch_remote_status")');
    expect(slack).toContain('@mock.patch("apps.integrations.models.slack.fetch_remote_status")');
    expect(slack).toContain('mock.patch.object(integration_models.slack, "post_slack_message"');
    expect(risks.diagnostics.map((d) => d.code).filter((c) => c !== 'MS465')).toEqual([]);
    expect(risks.diagnostics.length).toBeGreaterThan(0);
  });

  it('also passes with --rewrite-imports', async () => {
    const { root, imports } = await splitExample({ patches: true, imports: true });
    const run = manageTest(root);
    expect(run.ok, run.output).toBe(true);
    expect(imports.changes.length).toBeGreaterThan(20);
    expect(imports.changes.some((c) => c.kind === 'edit' && c.path.includes('/migrations/'))).toBe(false);
  });

  it('fails exactly the patch traps without the patch edits', async () => {
    const { root, patches } = await splitExample({});
    const run = manageTest(root);
    expect(run.ok).toBe(false);
    // The failing tests are the ones whose files the patch pass edits, and each edited file has one.
    const edited = new Set(patches.changes.map((c) => (c.kind === 'edit' ? c.path : '')));
    const failedFiles = new Set(
      run.failed.map((id) => {
        const cls = id.split('.')[0] ?? '';
        const hit = [...edited].find((path) =>
          readFileSync(join(root, path), 'utf8').includes(`class ${cls}(`),
        );
        return hit ?? `unexpected: ${id}`;
      }),
    );
    expect([...failedFiles].sort()).toEqual(
      [...edited].filter((p) => p !== 'apps/integrations/tests/test_credentials.py').sort(),
    );
  });
});
