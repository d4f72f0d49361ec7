// Plan input: plan.toml and --into parsing with lines for diagnostics (MS308), and TOML output read back.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestWord, planFromIntoArgs, readPlanFile, renderPlanFile } from '../../../src/plan/plan-file.js';

describe('readPlanFile', () => {
  it('reads module, files in order, and the line of every key and name', () => {
    const text = [
      '# split of the integrations',
      'module = "apps/integrations/models.py"',
      '',
      '[files]',
      '"github.py" = ["GitHubIntegration", "GitHubRepo"]',
      "'jira.py' = [",
      '    "JiraIssue",  # the main one',
      '    "JiraProject",',
      ']',
      'slack.py = ["SlackChannel"]',
      '',
    ].join('\n');
    const { plan, diagnostics } = readPlanFile(text, 'plan.toml');
    expect(diagnostics).toEqual([]);
    expect(plan?.module).toBe('apps/integrations/models.py');
    expect(Object.keys(plan?.files ?? {})).toEqual(['github.py', 'jira.py', 'slack.py']);
    expect(plan?.files['jira.py']).toEqual(['JiraIssue', 'JiraProject']);
    expect(plan?.origin?.fileLines).toEqual({ 'github.py': 5, 'jira.py': 6, 'slack.py': 10 });
    expect(plan?.origin?.nameLines['jira.py']).toEqual({ JiraIssue: 7, JiraProject: 8 });
    expect(plan?.origin?.nameLines['github.py']).toEqual({ GitHubIntegration: 5, GitHubRepo: 5 });
  });

  it('reports TOML syntax errors with their line and column', () => {
    const { plan, diagnostics } = readPlanFile('[files]\n"a.py" = ["A",\n"b.py" = 3\n', 'plan.toml');
    expect(plan).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['MS308', 3]]);
  });

  it('reports a missing [files] table, non-string lists and unknown keys (with the nearest key)', () => {
    expect(readPlanFile('module = "m.py"\n', 'p.toml').diagnostics[0]?.message).toMatch(
      /no `\[files\]` table/,
    );
    const wrong = readPlanFile('modul = "m.py"\n[files]\n"a.py" = "A"\n', 'p.toml');
    expect(wrong.diagnostics.map((d) => [d.code, d.location?.line, d.help])).toEqual([
      ['MS308', 1, 'rename it to `module`'],
      ['MS308', 3, 'write it as "a.py" = ["Name", "OtherName"]'],
    ]);
  });
});

describe('planFromIntoArgs', () => {
  it('splits names on commas, trims them, merges repeated files and records argument numbers', () => {
    const { plan } = planFromIntoArgs(['github.py=A, B', 'jira.py=C', 'github.py=D']);
    expect(plan?.files).toEqual({ 'github.py': ['A', 'B', 'D'], 'jira.py': ['C'] });
    expect(plan?.origin).toEqual({
      path: '--into',
      fileLines: { 'github.py': 1, 'jira.py': 2 },
      nameLines: { 'github.py': { A: 1, B: 1, D: 3 }, 'jira.py': { C: 2 } },
    });
  });

  it('refuses an argument without `=` (MS308 at its argument number)', () => {
    const { plan, diagnostics } = planFromIntoArgs(['a.py=A', 'GitHubIntegration']);
    expect(plan).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.path, d.location?.line])).toEqual([
      ['MS308', '--into', 2],
    ]);
  });
});

describe('renderPlanFile', () => {
  it('renders what readPlanFile reads back, for any file and name strings', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.option(name, { nil: undefined }),
        fc.dictionary(name, fc.array(name, { maxLength: 30 }), { maxKeys: 6 }),
        (module, files) => {
          const plan = module === undefined ? { files } : { module, files };
          const read = readPlanFile(
            renderPlanFile(plan, { [Object.keys(files)[0] ?? 'x']: ['why'] }),
            'p.toml',
          );
          expect(read.diagnostics).toEqual([]);
          expect(read.plan?.module).toBe(module);
          expect(read.plan?.files).toEqual(files);
        },
      ),
    );
  });
});

describe('nearestWord', () => {
  it('suggests a close name, ignores far ones and prefers a case-only difference', () => {
    expect(nearestWord('GitHubUsr', ['GitHubUser', 'GitHubRepo', 'JiraIssue'])).toBe('GitHubUser');
    expect(nearestWord('githubuser', ['GitHubUsers', 'GitHubUser'])).toBe('GitHubUser');
    expect(nearestWord('Payment', ['GitHubUser', 'JiraIssue'])).toBeUndefined();
  });
});
