import { EXIT_CODES, type ExitCode } from '../exit-codes.js';

const BRAND = Symbol.for('axon.error');

/** Codes of {@link CliError}. */
export type CliErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'INVALID_WORKFLOW'
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'CORTEX_ERROR'
  | 'RUNTIME_ERROR'
  | 'TASKS_FAILED'
  | 'INTERRUPTED'
  | 'DOCTOR_FAILED';

/** Options of {@link CliError}. */
export interface CliErrorOptions {
  /** What to do about it, shown after the message. */
  hint?: string;
  /** Process exit code. Default: the code's usual one (see {@link EXIT_CODES}). */
  exitCode?: ExitCode;
  /** Structured details (e.g. the bad field and line). */
  data?: Record<string, unknown>;
  /** The underlying error. */
  cause?: unknown;
}

const DEFAULT_EXIT: Record<CliErrorCode, ExitCode> = {
  USAGE: EXIT_CODES.USAGE,
  FILE_NOT_FOUND: EXIT_CODES.INVALID_INPUT,
  INVALID_WORKFLOW: EXIT_CODES.INVALID_INPUT,
  INVALID_CONFIG: EXIT_CODES.INVALID_INPUT,
  INVALID_ARGUMENT: EXIT_CODES.USAGE,
  CORTEX_ERROR: EXIT_CODES.RUNTIME,
  RUNTIME_ERROR: EXIT_CODES.RUNTIME,
  TASKS_FAILED: EXIT_CODES.TASK_FAILED,
  INTERRUPTED: EXIT_CODES.INTERRUPTED,
  DOCTOR_FAILED: EXIT_CODES.TASK_FAILED,
};

/** An error the `axon` command reports as one line: its code, the message and a hint. */
export class CliError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: CliErrorCode;
  /** What to do about it. */
  readonly hint: string | undefined;
  /** The exit code the command ends with. */
  readonly exitCode: ExitCode;
  /** Structured details. */
  readonly data: Record<string, unknown> | undefined;

  constructor(code: CliErrorCode, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? DEFAULT_EXIT[code];
    this.data = options.data;
    Object.defineProperty(this, BRAND, { value: 'CliError' });
  }
}

/** True for a {@link CliError}, also one from another copy of this package. */
export function isCliError(value: unknown): value is CliError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === 'CliError';
}
