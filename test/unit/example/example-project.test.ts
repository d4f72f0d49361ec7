// The bundled example (examples/teamhub), as shipped: Django accepts it and its tests pass, it imports the
// module to split in every common form, and its traps fail on a naive split but not on a correct one.
// It does not run modsplit (scripts/demo.mjs does); naive-split.py is a throwaway splitter, not a reference.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonPath, repoRoot } from '../../helpers/python.js';

const exampleDir = join(repoRoot, 'examples', 'teamhub');
const here = dirname(fileURLToPath(import.meta.url));
const copies: string[] = [];

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** A fresh copy of the example without local state (bytecode, sqlite file). */
function copyExample(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'modsplit-teamhub-')), 'teamhub');
  cpSync(exampleDir, root, {
    recursive: true,
    filter: (source) => !['__pycache__', 'db.sqlite3'].includes(basename(source)),
  });
  copies.push(dirname(root));
  return root;
}

function runIn(root: string, args: readonly string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.DJANGO_SETTINGS_MODULE;
  const result = spawnSync(pythonPath(), args, {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const manage = (root: string, ...args: string[]): Run => runIn(root, ['manage.py', ...args]);

function splitNaively(root: string, ...options: string[]): void {
  const run = runIn(root, [join(here, 'naive-split.py'), root, ...options]);
  expect(run.status, run.output).toBe(0);
}

/** `Class.test_method` of every failed or errored test in the runner's output. */
function failedTests(output: string): string[] {
  const ids = [...output.matchAll(/^(?:ERROR|FAIL): (\w+) \(([\w.]+)\)/gm)].map((m) => {
    const dotted = m[2] ?? '';
    return dotted.split('.').slice(-2).join('.');
  });
  return [...new Set(ids)].sort();
}

function testsRan(output: string): number {
  return Number(/^Ran (\d+) tests?/m.exec(output)?.[1] ?? 0);
}

function replaceIn(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} should contain ${from}`).toContain(from);
  writeFileSync(path, text.replaceAll(from, to));
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** Tests whose mocks stop applying when moved code reads its own module's globals. */
const patchTargetTraps = [
  // mock.patch("apps.integrations.models.GitHubClient")
  'GitHubRefreshTests.test_check_connection_needs_remaining_calls',
  'GitHubRefreshTests.test_check_connection_records_failures',
  'GitHubRefreshTests.test_rate_limited_refresh_backs_off',
  'GitHubRefreshTests.test_refresh_creates_updates_and_archives_repositories',
  'TrackedRepositoryTests.test_suspending_an_installation_falls_back_to_the_organization_token',
  'TrackedRepositoryTests.test_sync_goes_through_the_installation_when_active',
  'GitHubSyncServiceTests.test_stale_repositories_are_synced',
  'TaskTests.test_check_all_connections_pings_every_provider',
  // mock.patch("apps.integrations.models.fetch_remote_status") and .JiraClient
  'JiraConnectionTests.test_check_connection_calls_server_info_with_basic_auth',
  'JiraConnectionTests.test_failed_connection_is_recorded',
  'SlackConnectionTests.test_auth_test_refusal_is_recorded',
  'SlackConnectionTests.test_auth_test_remembers_the_bot_user',
  'JiraProjectSyncTests.test_clean_sync_is_synced',
  'JiraProjectSyncTests.test_sync_projects_skips_unsupported_keys',
  'JiraSyncServiceTests.test_issues_of_tracked_projects_are_synced',
  // mock.patch.object(integration_models, "post_slack_message") and the string form, also from another app
  'SlackNotifyTests.test_long_messages_are_truncated',
  'SlackNotifyTests.test_notify_posts_to_the_default_channel_through_the_webhook_helper',
  'SlackNotifyTests.test_refused_message_counts_as_a_failure',
  'SlackAnnouncementTests.test_deployments_are_announced_where_subscribed',
  'TaskTests.test_integrations_failing_too_often_are_disabled_and_announced',
  'CredentialExpiringTests.test_posts_to_every_workspace_of_the_team_with_a_webhook',
].sort();

describe('examples/teamhub unsplit', () => {
  it('passes check, makemigrations --check and its own tests', () => {
    const root = copyExample();
    const check = manage(root, 'check');
    expect(check.status, check.output).toBe(0);
    const migrations = manage(root, 'makemigrations', '--check', '--dry-run');
    expect(migrations.status, migrations.output).toBe(0);
    expect(migrations.output).toContain('No changes detected');
    const tests = manage(root, 'test', '--noinput');
    expect(tests.status, tests.output).toBe(0);
    expect(failedTests(tests.output)).toEqual([]);
    expect(testsRan(tests.output)).toBeGreaterThanOrEqual(90);
  });

  it('imports apps.integrations.models from 30+ files, in every common form', () => {
    const run = runIn(exampleDir, [
      join(here, 'collect-importers.py'),
      exampleDir,
      'apps.integrations.models',
    ]);
    expect(run.status, run.output).toBe(0);
    const files = JSON.parse(run.output).files as Record<string, string[]>;
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(30);
    const forms = new Set(Object.values(files).flat());
    for (const form of [
      'from:module',
      'from-multi:module',
      'from-alias:module',
      'import-as:module',
      'from-package:module',
      'relative-from-multi:module',
      'relative-from:function',
      'from:function',
      'from-multi:type-checking',
    ]) {
      expect(forms, form).toContain(form);
    }
    // `from ..integrations.models import ...` from another app, and `from ..models` inside a subpackage.
    expect(files['apps/teams/views.py']).toEqual(['relative-from-multi:module']);
    expect(files['apps/integrations/services/github_sync.py']).toEqual(['relative-from-multi:module']);
  });
});

describe('examples/teamhub traps', () => {
  it('re-exporting only public definitions breaks imports of constants and private helpers', () => {
    const root = copyExample();
    splitNaively(root, '--exports', 'public');
    const check = manage(root, 'check');
    expect(check.status).not.toBe(0);
    expect(check.output).toMatch(/cannot import name '(SYNC_STATUS_SYNCED|_normalize_slug)'/);
  });

  it('patch targets naming the package fail, and only they, when moved code reads its own globals', () => {
    const root = copyExample();
    splitNaively(root, '--exports', 'all');
    expect(manage(root, 'check').status).toBe(0);
    const tests = manage(root, 'test', '--noinput');
    expect(tests.status).not.toBe(0);
    expect(failedTests(tests.output)).toEqual(patchTargetTraps);
    expect(tests.output).toContain('NetworkAccessBlocked');
  });

  it('a correct split exists: the same split with patch targets rewritten passes everything', () => {
    const root = copyExample();
    splitNaively(root, '--exports', 'all');
    const m = 'apps.integrations.models';
    const tests = 'apps/integrations/tests';
    replaceIn(root, `${tests}/test_jira.py`, `"${m}.fetch_remote_status"`, `"${m}.jira.fetch_remote_status"`);
    replaceIn(
      root,
      `${tests}/test_slack.py`,
      `"${m}.fetch_remote_status"`,
      `"${m}.slack.fetch_remote_status"`,
    );
    replaceIn(
      root,
      `${tests}/test_slack.py`,
      'mock.patch.object(integration_models, "post_slack_message"',
      'mock.patch.object(integration_models.slack, "post_slack_message"',
    );
    for (const file of ['test_jira.py', 'test_services.py']) {
      replaceIn(root, `${tests}/${file}`, `"${m}.JiraClient"`, `"${m}.jira.JiraClient"`);
    }
    for (const file of ['test_github.py', 'test_services.py']) {
      replaceIn(root, `${tests}/${file}`, `"${m}.GitHubClient"`, `"${m}.github.GitHubClient"`);
    }
    for (const file of [`${tests}/test_services.py`, 'apps/notifications/tests/test_dispatch.py']) {
      replaceIn(root, file, `"${m}.post_slack_message"`, `"${m}.slack.post_slack_message"`);
    }
    const check = manage(root, 'check');
    expect(check.status, check.output).toBe(0);
    const migrations = manage(root, 'makemigrations', '--check', '--dry-run');
    expect(migrations.status, migrations.output).toBe(0);
    const run = manage(root, 'test', '--noinput');
    expect(failedTests(run.output)).toEqual([]);
    expect(run.status, run.output).toBe(0);
  });

  it('a constant the module only imported, and a private helper, are imported through it', () => {
    const constant = copyExample();
    splitNaively(constant, '--exports', 'all', '--omit', 'SYNC_STATUS_SYNCED');
    const check = manage(constant, 'check');
    expect(check.status).not.toBe(0);
    expect(check.output).toContain("cannot import name 'SYNC_STATUS_SYNCED' from 'apps.integrations.models'");

    const privateHelper = copyExample();
    splitNaively(privateHelper, '--exports', 'all', '--omit', '_normalize_slug');
    const run = manage(privateHelper, 'test', '--noinput', 'apps.integrations.tests.test_github');
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("cannot import name '_normalize_slug' from 'apps.integrations.models'");
  });

  it('without `timezone` in the package, the patched clock cannot be found', () => {
    const root = copyExample();
    splitNaively(root, '--exports', 'all', '--omit', 'timezone');
    const run = manage(root, 'test', '--noinput', 'apps.integrations.tests.test_credentials');
    expect(failedTests(run.output)).toEqual([
      'CredentialExpiryTests.test_is_expired_reads_the_clock_of_the_models_module',
    ]);
    expect(run.output).toContain("has no attribute 'timezone'");
  });

  it('receivers left in a module nobody imports stop having effects', () => {
    const root = copyExample();
    splitNaively(root, '--exports', 'all', '--orphan-receivers');
    const run = manage(root, 'test', '--noinput', 'apps.integrations.tests.test_signals');
    const failed = failedTests(run.output);
    expect(failed).toContain(
      'NewRepositorySubscriptionTests.test_new_repository_is_announced_in_the_default_channel',
    );
    expect(failed).toContain('DefaultChannelTests.test_only_one_default_channel_per_workspace');
    expect(failed).toContain('JiraKeyNormalizationTests.test_project_keys_are_upper_cased_on_save');
    expect(failed).toContain('OrphanedCredentialTests.test_deleting_any_integration_deletes_its_credential');
  });

  it('migrations need the old path of the default, the validator and the migration manager', () => {
    for (const name of [
      'generate_webhook_secret',
      'validate_jira_project_key',
      'GitHubAppInstallationManager',
    ]) {
      const root = copyExample();
      splitNaively(root, '--exports', 'all', '--omit', name);
      const run = manage(root, 'makemigrations', '--check', '--dry-run');
      expect(run.status, name).not.toBe(0);
      expect(run.output).toContain(`has no attribute '${name}'`);
    }
  });
});
