// Progress on a terminal for steps that take over a second ("scanning 1,234 files…", "running `manage.py test`…"),
// drawn on stderr and erased when the step ends. Never when stderr is not a terminal, with --format json, or on a
// dumb terminal. It only decides and draws; callers wrap their awaited steps in `progress.step(label, work)`.

import pc from 'picocolors';

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** Run `work`; while it is still running after the delay, show `label` and the seconds elapsed. */
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** Progress that shows nothing (pipes, JSON, tests). */
export const noProgress: Progress = { step: (_label, work) => work() };

export interface ProgressContext {
  /** Whether stderr is a terminal. */
  readonly isTTY: boolean;
  /** The command's `--format`, if it has one. */
  readonly format?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Whether to draw progress: only for a person watching a terminal. Piped stderr, `--format json` (a program is
 * reading) and `TERM=dumb` (no cursor control) get none. `NO_COLOR` keeps progress but drops its color.
 *
 * @example
 * shouldShowProgress({ isTTY: true, format: 'json', env: {} }) // false
 */
export function shouldShowProgress(context: ProgressContext): boolean {
  return context.isTTY && context.format !== 'json' && context.env.TERM !== 'dumb';
}

/** Erase the current terminal line and return to its start. */
export const ERASE_LINE = '\r\x1b[2K';

/**
 * One progress line: the label, an ellipsis and whole seconds, cut to the terminal width so it never wraps (a
 * wrapped line cannot be erased with one `\r`).
 *
 * @example
 * renderProgressLine('scanning 1,234 files', 2400, 80) // 'scanning 1,234 files… 2s'
 */
export function renderProgressLine(label: string, elapsedMs: number, columns = 80): string {
  const line = `${label}… ${Math.floor(elapsedMs / 1000)}s`;
  const width = Math.max(columns - 1, 10);
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

export interface CreateProgressOptions {
  readonly stream: ProgressStream;
  readonly enabled: boolean;
  /** Steps shorter than this show nothing (default one second). */
  readonly delayMs?: number;
  /** Redraw interval while shown (default 250 ms). */
  readonly intervalMs?: number;
  /** Dim the line (off under NO_COLOR). */
  readonly color?: boolean;
}

export function createProgress(options: CreateProgressOptions): Progress {
  if (!options.enabled) return noProgress;
  const { stream, delayMs = 1000, intervalMs = 250 } = options;
  const dim = options.color ? pc.createColors(true).dim : (s: string) => s;
  return {
    async step(label, work) {
      const started = performance.now();
      let shown = false;
      let ticker: ReturnType<typeof setInterval> | undefined;
      const draw = () => {
        stream.write(
          `${ERASE_LINE}${dim(renderProgressLine(label, performance.now() - started, stream.columns || undefined))}`,
        );
        shown = true;
      };
      const timer = setTimeout(() => {
        draw();
        ticker = setInterval(draw, intervalMs);
        ticker.unref();
      }, delayMs);
      timer.unref();
      try {
        return await work();
      } finally {
        clearTimeout(timer);
        if (ticker) clearInterval(ticker);
        if (shown) stream.write(ERASE_LINE);
      }
    },
  };
}

/** The progress for one CLI command: on stderr, decided from the terminal, the format and the environment. */
export function createCommandProgress(format?: string): Progress {
  const env = process.env;
  return createProgress({
    stream: process.stderr,
    enabled: shouldShowProgress({ isTTY: Boolean(process.stderr.isTTY), ...(format ? { format } : {}), env }),
    color: !('NO_COLOR' in env),
  });
}
