/**
 * The exit codes of `axon` (documented in docs/cli.md):
 * 0 success; 1 a task (or a doctor check) failed; 2 bad usage (unknown command or option, bad argument);
 * 3 invalid input (workflow or config file missing or invalid); 4 runtime failure (Cortex or agents unavailable,
 * unexpected error); 130 interrupted (Ctrl-C).
 */
export const EXIT_CODES = {
  OK: 0,
  TASK_FAILED: 1,
  USAGE: 2,
  INVALID_INPUT: 3,
  RUNTIME: 4,
  INTERRUPTED: 130,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
