// The CLI's exit codes, a public contract shared with ruff/black conventions.

export const ExitCode = {
  /** Done, or a clean dry run / check. */
  ok: 0,
  /** `check` found work to do, or verification failed and the split was rolled back. */
  failed: 1,
  /** Invalid input, plan or arguments; nothing written. */
  invalid: 2,
  /** Internal error: a bug in modsplit. */
  internal: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
