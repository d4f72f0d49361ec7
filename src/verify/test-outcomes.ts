// Read per-test outcomes from test-runner output, line by line (so output can be streamed and truncated).
// Knows pytest (`-v` lines and `-rA` summary lines) and unittest/Django at verbosity 2; does not run anything.

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

const pytestWords: Readonly<Record<string, TestOutcome>> = {
  PASSED: 'passed',
  FAILED: 'failed',
  ERROR: 'error',
  SKIPPED: 'skipped',
  XFAIL: 'skipped',
  XPASS: 'passed',
};

const unittestWords: ReadonlyArray<[RegExp, TestOutcome]> = [
  [/^ok$/, 'passed'],
  [/^FAIL$/, 'failed'],
  [/^ERROR$/, 'error'],
  [/^skipped\b/, 'skipped'],
  [/^expected failure$/, 'skipped'],
  [/^unexpected success$/, 'failed'],
];

/** pytest `-v`: `tests/test_a.py::TestX::test_y[p] PASSED   [ 50%]`. */
const pytestVerbose = /^(\S+?::\S.*?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?: .*)?$/;
/** pytest `-rA` short summary (`PASSED tests/test_a.py::test_y`, `FAILED t.py::test_y - AssertionError`), and
 *  pytest-xdist's `-v` lines (`[gw0] [ 50%] PASSED t.py::test_y`). */
const pytestSummary = /^(?:\[gw\d+\] \[\s*\d+%\] )?(PASSED|FAILED|ERROR|XFAIL|XPASS) (\S+?::.+?)(?: - .*)?$/;
/** unittest verbosity 2: `test_y (app.tests.Class.test_y) ... ok` (3.11+) or `test_y (app.tests.Class) ... ok`. */
const unittestLine = /^(\w+) \(([\w.]+)\)(?: \.\.\. (.*))?$/;
/** unittest failure header, printed at any verbosity: `FAIL: test_y (app.tests.Class.test_y)`. */
const unittestHeader = /^(FAIL|ERROR): (\w+) \(([\w.]+)\)/;
/** unittest prints a docstring's first line after the test line; the outcome then follows ` ... `. */
const unittestContinued = /^.* \.\.\. (.*)$/;

function unittestId(name: string, inParens: string): string {
  return inParens === name || inParens.endsWith(`.${name}`) ? inParens : `${inParens}.${name}`;
}

function unittestOutcome(text: string): TestOutcome | undefined {
  const trimmed = text.trim();
  for (const [pattern, outcome] of unittestWords) if (pattern.test(trimmed)) return outcome;
  return undefined;
}

/** Parses lines as they come; create one per output stream (lines of two streams must not interleave). */
export class TestOutcomeParser {
  readonly tests = new Map<string, TestOutcome>();
  /** A unittest test whose outcome word has not been seen yet (docstring line, or test output in between). */
  private pending: string | undefined;

  /** Feed one line without its newline. */
  addLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let match = pytestVerbose.exec(line);
    if (match?.[1] && match[2]) {
      this.record(match[1], pytestWords[match[2]]);
      return;
    }
    match = pytestSummary.exec(line);
    if (match?.[1] && match[2]) {
      this.record(match[2], pytestWords[match[1]]);
      return;
    }
    match = unittestHeader.exec(line);
    if (match?.[1] && match[2] && match[3]) {
      // The header repeats a result already seen at verbosity 2; at verbosity 1 it is the only trace of it.
      const id = unittestId(match[2], match[3]);
      if (!this.tests.has(id)) this.record(id, match[1] === 'FAIL' ? 'failed' : 'error');
      return;
    }
    match = unittestLine.exec(line);
    if (match?.[1] && match[2]) {
      const id = unittestId(match[1], match[2]);
      const outcome = match[3] === undefined ? undefined : unittestOutcome(match[3]);
      if (outcome) {
        this.record(id, outcome);
        this.pending = undefined;
      } else {
        this.pending = id;
      }
      return;
    }
    if (this.pending) {
      const continued = unittestContinued.exec(line);
      const outcome = unittestOutcome(continued?.[1] ?? line);
      if (outcome) {
        this.record(this.pending, outcome);
        this.pending = undefined;
      }
    }
  }

  private record(id: string, outcome: TestOutcome | undefined): void {
    if (!outcome) return;
    const previous = this.tests.get(id);
    // A test can report twice (pytest: PASSED, then ERROR at teardown); the worse outcome wins.
    if (previous === 'failed' || previous === 'error') return;
    this.tests.set(id, outcome);
  }
}

/** Per-test outcomes found in a whole output text. */
export function collectTestOutcomes(output: string): Map<string, TestOutcome> {
  const parser = new TestOutcomeParser();
  for (const line of output.split('\n')) parser.addLine(line);
  return parser.tests;
}
