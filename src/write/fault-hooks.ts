// Step counting for the writer, with test-only fault injection read from the environment at the start of each
// write, recovery or undo. Production runs set none of them; then a step is just a counter increment.
//   MODSPLIT_CRASH_AT_STEP=N       SIGKILL this process just before step N (1-based) of the operation.
//   MODSPLIT_FAIL_AT_STEP=N[:CODE] make step N throw an fs-style error with `code` CODE (default EIO),
//                                  e.g. ENOSPC (disk full) or EACCES (permission denied).
//   MODSPLIT_FAIL_ROLLBACK_AT_STEP=N[:CODE]  the same for step N of the rollback after a failed write (MS514).

/** Counts the mutating steps of one operation and fires the injected fault, if any, at its step. */
export interface StepCounter {
  /** Call just before each step that changes the disk. */
  step(label: string): void;
  /** Steps started so far. */
  readonly count: number;
  /** Label of the last step started (for diagnostics). */
  readonly lastLabel: string;
}

/** An error that looks like one from `node:fs` (it has a `code`), raised by an injected fault. */
export class InjectedFaultError extends Error {
  readonly code: string;
  constructor(code: string, label: string) {
    super(`${code}: injected fault at step "${label}" (MODSPLIT_FAIL_AT_STEP)`);
    this.code = code;
  }
}

function parseStep(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function createStepCounter(env: NodeJS.ProcessEnv = process.env): StepCounter {
  const crashAt = parseStep(env.MODSPLIT_CRASH_AT_STEP);
  const [failStep, failCode] = (env.MODSPLIT_FAIL_AT_STEP ?? '').split(':');
  const failAt = parseStep(failStep);
  let count = 0;
  let lastLabel = '';
  return {
    step(label: string): void {
      count++;
      lastLabel = label;
      if (count === crashAt) {
        process.kill(process.pid, 'SIGKILL');
        // SIGKILL to self is delivered before kill() returns; block in case the platform is slower.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      if (count === failAt) throw new InjectedFaultError(failCode || 'EIO', label);
    },
    get count() {
      return count;
    },
    get lastLabel() {
      return lastLabel;
    },
  };
}
