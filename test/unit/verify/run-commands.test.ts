// Test-outcome parsing on output captured from real pytest 9.1 runs (samples/, made from samples/test_sample.py.txt
// in a throwaway venv), the regression rules of compareVerifyRuns, and runVerifyCommands' shell, timeout and bounds.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CommandRun,
  collectTestOutcomes,
  compareVerifyRuns,
  runVerifyCommands,
  suggestVerifyCommands,
  type TestOutcome,
} from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { pythonPath } from '../../helpers/python.js';

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');

const everyOutcome: [string, TestOutcome][] = [
  ['tests/test_sample.py::test_passes', 'passed'],
  ['tests/test_sample.py::test_fails', 'failed'],
  ['tests/test_sample.py::test_errors', 'error'],
  ['tests/test_sample.py::test_skipped', 'skipped'],
  ['tests/test_sample.py::test_xfail', 'skipped'],
  ['tests/test_sample.py::test_param[1]', 'passed'],
  ['tests/test_sample.py::test_param[a b]', 'passed'],
  ['tests/test_sample.py::test_param[None]', 'failed'],
  ['tests/test_sample.py::TestGroup::test_method', 'passed'],
];

describe('collectTestOutcomes on real pytest output', () => {
  it('reads every test from -v lines (including ids with spaces), the -rA summary agreeing', () => {
    const outcomes = collectTestOutcomes(sample('pytest-v-rA.txt'));
    expect([...outcomes].sort()).toEqual([...everyOutcome].sort());
  });

  it('reads every test but the skipped one from -q -rA (pytest names skips by file:line there)', () => {
    const outcomes = collectTestOutcomes(sample('pytest-q-rA.txt'));
    expect([...outcomes].sort()).toEqual(everyOutcome.filter(([id]) => !id.endsWith('test_skipped')).sort());
  });

  it('reads only failures and errors from plain -q, which lists nothing else', () => {
    expect([...collectTestOutcomes(sample('pytest-q.txt'))].sort()).toEqual(
      everyOutcome.filter(([, outcome]) => outcome === 'failed' || outcome === 'error').sort(),
    );
  });

  it('keeps the worse outcome when pytest reports a test twice (passed, then error at teardown)', () => {
    const text = 't.py::test_a PASSED [ 50%]\nt.py::test_a ERROR [ 50%]\nt.py::test_b PASSED [100%]\r\n';
    expect(collectTestOutcomes(text)).toEqual(
      new Map([
        ['t.py::test_a', 'error'],
        ['t.py::test_b', 'passed'],
      ]),
    );
  });
});

function run(command: string, exitCode: number | null, tests?: [string, TestOutcome][]): CommandRun {
  return {
    command,
    exitCode,
    timedOut: exitCode === null,
    durationMs: 1,
    output: '',
    outputTruncated: false,
    ...(tests ? { tests: new Map(tests) } : {}),
  };
}

describe('compareVerifyRuns', () => {
  it('counts passed -> failed, error or gone; never failed -> anything; commands only without test news', () => {
    const before = [
      run('pytest', 1, [
        ['a', 'passed'],
        ['b', 'passed'],
        ['c', 'passed'],
        ['d', 'failed'],
        ['e', 'skipped'],
      ]),
      run('check', 0),
      run('lint', 1),
    ];
    const after = [
      run('lint', 0),
      run('check', null),
      run('pytest', 1, [
        ['a', 'failed'],
        ['b', 'passed'],
        ['d', 'error'],
        ['e', 'failed'],
        ['f', 'failed'],
      ]),
    ];
    expect(compareVerifyRuns(before, after)).toEqual([
      { command: 'pytest', kind: 'test-failed', testId: 'a', before: 'passed', after: 'failed' },
      { command: 'pytest', kind: 'test-disappeared', testId: 'c', before: 'passed', after: 'missing' },
      { command: 'check', kind: 'command-failed', before: 'exit 0', after: 'timed out' },
    ]);
  });

  it('reports a command that succeeded and now fails even when its tests all still pass', () => {
    const before = [run('tests', 0, [['a', 'passed']])];
    const after = [run('tests', 2, [['a', 'passed']])];
    expect(compareVerifyRuns(before, after)).toEqual([
      { command: 'tests', kind: 'command-failed', before: 'exit 0', after: 'exit 2' },
    ]);
    expect(compareVerifyRuns(before, [])).toEqual([
      {
        command: 'tests',
        kind: 'command-failed',
        before: '1 tests passed',
        after: 'no test results, not run',
      },
    ]);
  });
});

describe('runVerifyCommands', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('runs user strings through a shell in the root, with the given Python first on PATH', async () => {
    const root = writeProjectTree({ 'data.txt': 'hello\n' });
    roots.push(root);
    const [first, second] = await runVerifyCommands(
      root,
      ['cat data.txt | tr a-z A-Z && python -c "import sys; print(sys.prefix)"', 'exit 3'],
      { python: pythonPath() },
    );
    expect(first?.exitCode).toBe(0);
    expect(first?.output.split('\n').slice(0, 1)).toEqual(['HELLO']);
    expect(first?.output).toContain(join(pythonPath(), '..', '..'));
    expect(first?.tests).toBeUndefined();
    expect(second?.exitCode).toBe(3);
  });

  it('kills a command at the timeout, with everything it started', async () => {
    const root = writeProjectTree({});
    roots.push(root);
    const started = Date.now();
    const [result] = await runVerifyCommands(root, ['echo start; sleep 30 & sleep 30; echo never'], {
      timeoutMs: 500,
    });
    expect(result?.timedOut).toBe(true);
    expect(result?.exitCode).toBeNull();
    expect(result?.output).toBe('start\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps the tail of long output but parses every test line', async () => {
    const root = writeProjectTree({});
    roots.push(root);
    const script =
      'for i in $(seq 1 3000); do echo "t.py::test_$i PASSED"; done; echo "t.py::test_last FAILED"';
    const [result] = await runVerifyCommands(root, [script], { maxOutputChars: 1000 });
    expect(result?.outputTruncated).toBe(true);
    expect(result?.output.length).toBe(1000);
    expect(result?.output.endsWith('t.py::test_last FAILED\n')).toBe(true);
    expect(result?.tests?.size).toBe(3001);
    expect(result?.tests?.get('t.py::test_1')).toBe('passed');
    expect(result?.tests?.get('t.py::test_last')).toBe('failed');
  });

  it('suggests pytest with -rA when the project configures pytest', () => {
    const root = writeProjectTree({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-x"\n' });
    roots.push(root);
    expect(suggestVerifyCommands(root)).toEqual(['python -m pytest -q -rA']);
    const django = writeProjectTree({ 'manage.py': '', 'pytest.ini': '[pytest]\n' });
    roots.push(django);
    expect(suggestVerifyCommands(django)).toEqual([
      'python manage.py check',
      'python manage.py makemigrations --check --dry-run',
      'python -m pytest -q -rA',
    ]);
  });
});
