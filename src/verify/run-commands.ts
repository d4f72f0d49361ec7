// Run the project's own verification commands (user strings, through a shell) and compare runs before and after.
// Reports regressions only; rolling the split back is the write stage's job.

import { spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { findPython } from './find-python.js';
import { type TestOutcome, TestOutcomeParser } from './test-outcomes.js';

export interface CommandRun {
  readonly command: string;
  /** Exit code; null when the command was killed (timeout) or could not start. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** stdout and stderr as they arrived, keeping the last `maxOutputChars` characters. */
  readonly output: string;
  readonly outputTruncated: boolean;
  /** Per-test outcomes when the output named any tests (parsed from the whole output, not the truncated one). */
  readonly tests?: ReadonlyMap<string, TestOutcome>;
}

export interface RunCommandsOptions {
  /** Per command, in milliseconds (default 15 minutes). */
  readonly timeoutMs?: number;
  /** Output kept per command (default 1 000 000 characters, the tail). */
  readonly maxOutputChars?: number;
  /**
   * Interpreter whose folder goes first on PATH, so `python` in a command means the project's Python.
   * Default: the project's `.venv`/`venv` interpreter when there is one; `false` leaves PATH alone.
   */
  readonly python?: string | false;
  readonly env?: Readonly<Record<string, string>>;
}

function commandEnv(root: string, options: RunCommandsOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.python === false) return env;
  const found = findPython(root, options.python);
  if ('code' in found) return env;
  // A PATH interpreter is already first on PATH; only a venv's (or an explicit one's) folder needs adding.
  if (found.source !== 'path') {
    const bin = dirname(found.path);
    env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
    if (found.source === 'venv') env.VIRTUAL_ENV = dirname(bin);
  }
  return env;
}

function runOne(root: string, command: string, env: NodeJS.ProcessEnv, options: RunCommandsOptions) {
  const maxChars = options.maxOutputChars ?? 1_000_000;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const started = performance.now();
  return new Promise<CommandRun>((done) => {
    let output = '';
    let truncated = false;
    let timedOut = false;
    const parsers = { stdout: new TestOutcomeParser(), stderr: new TestOutcomeParser() };
    const partial = { stdout: '', stderr: '' };
    // A process group of its own, so a timeout kills the shell and everything it started.
    const child = spawn(command, { cwd: root, env, shell: true, detached: process.platform !== 'win32' });
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      // Trim in large steps so a chatty command costs linear time.
      if (output.length > 2 * maxChars) {
        output = output.slice(output.length - maxChars);
        truncated = true;
      }
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) parsers[stream].addLine(line);
    };
    child.stdout.on('data', onData('stdout'));
    child.stderr.on('data', onData('stderr'));
    const finish = (exitCode: number | null, extra = '') => {
      clearTimeout(timer);
      for (const stream of ['stdout', 'stderr'] as const) {
        if (partial[stream]) parsers[stream].addLine(partial[stream]);
      }
      const tests = new Map([...parsers.stdout.tests, ...parsers.stderr.tests]);
      const full = output + extra;
      done({
        command,
        exitCode: timedOut ? null : exitCode,
        timedOut,
        durationMs: Math.round(performance.now() - started),
        output: full.length > maxChars ? full.slice(full.length - maxChars) : full,
        outputTruncated: truncated || full.length > maxChars,
        ...(tests.size > 0 ? { tests } : {}),
      });
    };
    child.on('error', (error) => finish(null, `\n[modsplit] could not start: ${error.message}\n`));
    child.on('close', (code) => finish(code));
  });
}

/**
 * Run each command in `root` through the shell, one after the other, with a timeout, capturing output and the
 * per-test outcomes it reports (pytest `-v`/`-rA`, unittest/Django at `-v 2`).
 */
export async function runVerifyCommands(
  root: string,
  commands: readonly string[],
  options: RunCommandsOptions = {},
): Promise<CommandRun[]> {
  const env = commandEnv(root, options);
  const runs: CommandRun[] = [];
  for (const command of commands) runs.push(await runOne(root, command, env, options));
  return runs;
}

export interface Regression {
  readonly command: string;
  readonly kind: 'test-failed' | 'test-disappeared' | 'command-failed';
  /** For test regressions: the runner's id (`app.tests.InvoiceTests.test_total`, `tests/test_a.py::test_x`). */
  readonly testId?: string;
  /** `passed` for tests; `exit 0` or `N tests passed` for commands. */
  readonly before: string;
  /** `failed`, `error`, `missing`; `exit 1`, `timed out`, `not run`, `no test results, exit 1` for commands. */
  readonly after: string;
}

function succeeded(run: CommandRun): boolean {
  return run.exitCode === 0 && !run.timedOut;
}

function describeExit(run: CommandRun | undefined): string {
  if (!run) return 'not run';
  if (run.timedOut) return 'timed out';
  return run.exitCode === null ? 'did not start' : `exit ${run.exitCode}`;
}

/**
 * Regressions between two runs of the same commands (matched by command text): a test that passed before and
 * failed, errored or vanished after; a command that succeeded before and not after, when no test regression
 * explains it. Tests that failed before are never regressions, whatever they do after.
 */
export function compareVerifyRuns(before: readonly CommandRun[], after: readonly CommandRun[]): Regression[] {
  const regressions: Regression[] = [];
  const remaining = [...after];
  for (const old of before) {
    const index = remaining.findIndex((run) => run.command === old.command);
    const now = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    const testRegressions: Regression[] = [];
    if (old.tests && now?.tests) {
      for (const [testId, outcome] of old.tests) {
        if (outcome !== 'passed') continue;
        const later = now.tests.get(testId);
        if (later === 'failed' || later === 'error') {
          testRegressions.push({
            command: old.command,
            kind: 'test-failed',
            testId,
            before: outcome,
            after: later,
          });
        } else if (later === undefined) {
          testRegressions.push({
            command: old.command,
            kind: 'test-disappeared',
            testId,
            before: outcome,
            after: 'missing',
          });
        }
      }
    }
    regressions.push(...testRegressions);
    const passedBefore = [...(old.tests?.values() ?? [])].filter((o) => o === 'passed').length;
    if (passedBefore > 0 && !now?.tests) {
      // The runner reported nothing after (an import error before collection, a crash): every test is gone.
      regressions.push({
        command: old.command,
        kind: 'command-failed',
        before: `${passedBefore} tests passed`,
        after: `no test results, ${describeExit(now)}`,
      });
    } else if (succeeded(old) && (!now || !succeeded(now)) && testRegressions.length === 0) {
      regressions.push({
        command: old.command,
        kind: 'command-failed',
        before: 'exit 0',
        after: describeExit(now),
      });
    }
  }
  return regressions;
}

/** MS620/MS621 diagnostics for regressions, for reports and exit codes. */
export function regressionDiagnostics(regressions: readonly Regression[]): Diagnostic[] {
  return regressions.map((r) =>
    r.kind === 'command-failed'
      ? {
          code: 'MS621',
          severity: 'error',
          message: `\`${r.command}\` succeeded before the split and fails after it (${r.before} -> ${r.after})`,
          help: 'read the command output; roll the split back or fix the code and run it again',
        }
      : {
          code: 'MS620',
          severity: 'error',
          message:
            r.kind === 'test-failed'
              ? `test ${r.testId} passed before the split and is ${r.after === 'error' ? 'an error' : 'failing'} after it (\`${r.command}\`)`
              : `test ${r.testId} passed before the split and did not run after it (\`${r.command}\`)`,
          help: 'read the test output; roll the split back or fix the code and run the tests again',
        },
  );
}
