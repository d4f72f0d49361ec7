// proposePlan on synthetic modules analyzed for real: topic groups, companions, helpers, cycles, file names,
// completeness and acyclicity. Grouping quality against maintainers' splits is in grouping-score.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposePlan } from '../../../src/plan/propose-plan.js';
import { djangoSourceDir } from '../../helpers/python.js';
import { analyzeForGrouping } from './analyze-for-grouping.js';
import { findPlanProblems } from './plan-invariants.js';

const here = new URL('.', import.meta.url).pathname;
const integrations = readFileSync(join(here, 'modules/integrations_models.py'), 'utf8');

function fileOfName(files: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [file, names] of Object.entries(files)) for (const name of names) map.set(name, file);
  return map;
}

describe('proposePlan on a Django-models-like module with GitHub, Jira and Slack classes', () => {
  it('puts each topic with its querysets, managers and helpers, and shared code in the lowest file', async () => {
    const analysis = await analyzeForGrouping('integrations/models.py', integrations);
    const { plan, reasons } = proposePlan(analysis, { files: 4 });
    expect(findPlanProblems(analysis, plan)).toEqual([]);
    const fileOf = fileOfName(plan.files);
    const same = (names: string[]): Set<string | undefined> => new Set(names.map((n) => fileOf.get(n)));

    const github = [
      'GitHubAppInstallation',
      'GitHubRepositoryQuerySet',
      'GitHubRepository',
      'GitHubPullRequest',
    ];
    const jira = ['JiraSite', 'JiraProjectManager', 'JiraProject', 'JiraIssueLink', 'jira_client'];
    const slack = ['SlackWorkspace', 'SlackChannel', 'SlackNotificationRule', 'slack_post', 'SLACK_API'];
    for (const topic of [github, jira, slack]) expect(same(topic).size).toBe(1);
    expect(same([...github, 'github_headers', 'GITHUB_API']).size).toBe(1);
    const topicFiles = new Set([
      fileOf.get('GitHubRepository'),
      fileOf.get('JiraSite'),
      fileOf.get('SlackChannel'),
    ]);
    expect(topicFiles.size).toBe(3);

    // The base class used by every model, its default helper, and what several files use go to the lowest file.
    const lowest = Object.keys(plan.files)[0];
    expect(fileOf.get('TimestampedModel')).toBe(lowest);
    expect(fileOf.get('now_utc')).toBe(lowest);
    expect(fileOf.get('logger')).toBe(lowest);
    expect(topicFiles.has(lowest)).toBe(false);

    expect(reasons.GitHubRepositoryQuerySet).toMatch(/companion of `GitHubRepository`/);
    expect(reasons.JiraProjectManager).toMatch(/companion of `JiraProject`/);
    expect(reasons.logger).toMatch(/used from (3 files|github\.py, jira\w*\.py, slack\.py)/);
  });

  it('names files by their topic, never after a name the module imports (`import jira`)', async () => {
    const analysis = await analyzeForGrouping('integrations/models.py', integrations);
    const { plan } = proposePlan(analysis, { files: 4 });
    const fileOf = fileOfName(plan.files);
    expect(fileOf.get('GitHubRepository')).toBe('github.py');
    expect(fileOf.get('SlackChannel')).toBe('slack.py');
    expect(fileOf.get('JiraSite')).not.toBe('jira.py');
    expect(fileOf.get('JiraSite')).toMatch(/^jira_\w+\.py$/);
  });

  it('gives complete, acyclic plans for every number of files, deterministically', async () => {
    const analysis = await analyzeForGrouping('integrations/models.py', integrations);
    for (let files = 1; files <= 8; files++) {
      const first = proposePlan(analysis, { files });
      expect(findPlanProblems(analysis, first.plan)).toEqual([]);
      expect(Object.keys(first.plan.files)).toHaveLength(files);
      expect(proposePlan(analysis, { files })).toEqual(first);
    }
  });

  it('keeps names that would import each other in one file, even when only called at run time', async () => {
    const text = [
      'def parse(text):',
      '    return [render(part) for part in text.split()]',
      '',
      '',
      'def render(node):',
      '    return parse(node) if " " in node else node',
      '',
      '',
      'class Printer:',
      '    def show(self, text):',
      '        return render(text)',
      '',
      '',
      'class Reader:',
      '    def read(self, text):',
      '        return text.strip()',
      '',
    ].join('\n');
    const analysis = await analyzeForGrouping('m.py', text);
    const result = proposePlan(analysis, { files: 4 });
    const fileOf = fileOfName(result.plan.files);
    expect(fileOf.get('parse')).toBe(fileOf.get('render'));
    expect(findPlanProblems(analysis, result.plan)).toEqual([]);
    expect(result.reasons.parse).toMatch(/cycle/);
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['MS353', 'MS352']));
    // Three items remain once the cycle is merged, so four files cannot be made.
    expect(Object.keys(result.plan.files)).toHaveLength(3);
  });

  it('keeps module dunders for __init__.py and, without structure, cuts balanced runs of classes', async () => {
    const classes = Array.from({ length: 24 }, (_, i) =>
      [`class Widget${i}:`, ...Array.from({ length: 48 }, (_, j) => `    field_${j} = ${j}`), ''].join('\n'),
    );
    const text = ['__all__ = ["Widget0"]', '__version__ = "1.0"', '', ...classes].join('\n');
    const analysis = await analyzeForGrouping('widgets.py', text);
    const { plan, reasons } = proposePlan(analysis);
    expect(plan.files['__init__.py']).toEqual(['__all__', '__version__']);
    expect(reasons.__version__).toMatch(/__init__/);
    // Nothing but adjacency ties these 24 classes of 49 lines: the size penalty alone stops the merging, so the
    // files are runs of neighbours of about equal size, between 3 and 8 of them (300 lines per file +-).
    const files = Object.entries(plan.files).filter(([f]) => f !== '__init__.py');
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.length).toBeLessThanOrEqual(8);
    const sizes = files.map(([, names]) => names.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
    for (const [, names] of files) {
      const numbers = names.map((n) => Number(n.slice('Widget'.length)));
      expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] as number) + i));
    }
    expect(files.map(([f]) => f)).not.toContain('common.py');
    expect(findPlanProblems(analysis, plan)).toEqual([]);
  });

  it('reports a module with nothing to split', async () => {
    const analysis = await analyzeForGrouping('m.py', 'import os\n\nX = os.sep\n');
    const result = proposePlan(analysis);
    expect(result.diagnostics.map((d) => d.code)).toContain('MS350');
    expect(findPlanProblems(analysis, result.plan)).toEqual([]);
    expect(proposePlan(analysis, { files: 0 }).diagnostics.map((d) => d.code)).toEqual(['MS351']);
  });
});

describe('proposePlan on Django modules (real-world corpus)', () => {
  const modules = ['db/models/fields/__init__.py', 'db/models/query.py', 'forms/fields.py', 'utils/html.py'];
  for (const module of modules) {
    it(`proposes a complete, acyclic, well-named plan for django/${module}`, async () => {
      const text = readFileSync(join(djangoSourceDir(), module), 'utf8');
      const analysis = await analyzeForGrouping(`django/${module}`, text);
      const { plan, reasons } = proposePlan(analysis);
      expect(findPlanProblems(analysis, plan)).toEqual([]);
      for (const names of Object.values(plan.files))
        for (const name of names) expect(reasons[name]).toBeTruthy();
    });
  }
});
