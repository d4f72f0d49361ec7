// File-name checks of a plan: importable identifiers, reserved names, case-insensitive twins, collisions.

import { describe, expect, it } from 'vitest';
import {
  findFileNameProblems,
  isModuleIdentifier,
  suggestFileName,
} from '../../../src/plan/check-file-names.js';

const context = {
  exposed: new Set(['slack', 'GitHubIntegration']),
  imported: new Set(['jira', 'models']),
  moduleStem: 'models',
  fallbackPath: 'app/models.py',
  origin: { path: 'plan.toml', fileLines: { 'jira.py': 7, 'Con.py': 9 }, nameLines: {} },
};

function codes(files: string[]): [string, string, number][] {
  return findFileNameProblems(files, context).map((d) => [
    d.code,
    d.message.split(' ')[0] ?? '',
    d.location?.line ?? 0,
  ]);
}

describe('findFileNameProblems', () => {
  it('accepts importable names and __init__.py', () => {
    expect(codes(['github.py', '__init__.py', '_private.py', 'café.py'])).toEqual([]);
  });

  it('refuses paths, non-.py names, non-identifiers and keywords (MS304)', () => {
    expect(
      codes(['sub/a.py', 'a\\b.py', 'github', 'git-hub.py', '2fa.py', 'import.py']).map((c) => c[0]),
    ).toEqual(['MS304', 'MS304', 'MS304', 'MS304', 'MS304', 'MS304']);
  });

  it('refuses Windows device names in any case and the reserved __main__.py (MS305), at the plan line', () => {
    expect(codes(['Con.py', 'aux.py', 'LPT1.py', 'com10.py', '__main__.py'])).toEqual([
      ['MS305', '`Con.py`', 9],
      ['MS305', '`aux.py`', 1],
      ['MS305', '`LPT1.py`', 1],
      ['MS305', '`__main__.py`', 1],
    ]);
  });

  it('refuses names equal on case-insensitive file systems (MS306)', () => {
    expect(codes(['GitHub.py', 'github.py'])).toEqual([['MS306', '`github.py`', 1]]);
  });

  it('refuses a file named like an exposed or imported name and suggests a free one (MS307)', () => {
    const problems = findFileNameProblems(['slack.py', 'jira.py', 'github.py'], context);
    expect(problems.map((d) => [d.code, d.location?.line, d.help])).toEqual([
      ['MS307', 1, 'rename the file, e.g. to `slack_models.py`'],
      ['MS307', 7, 'rename the file, e.g. to `jira_models.py`'],
    ]);
  });
});

describe('suggestFileName and isModuleIdentifier', () => {
  it('skips taken candidates', () => {
    const taken = new Set(['slack_models', 'slacks']);
    expect(suggestFileName('slack', (s) => taken.has(s), 'models')).toBe('slack_module.py');
  });

  it('accepts Unicode identifiers and rejects keywords', () => {
    expect(isModuleIdentifier('résumé')).toBe(true);
    expect(isModuleIdentifier('class')).toBe(false);
    expect(isModuleIdentifier('a-b')).toBe(false);
  });
});
