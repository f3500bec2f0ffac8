/** The parts of a `TaskDelegation` the sample agents read. Every other field is ignored. */
export interface SampleTask {
  /** Unique id of the task. */
  taskId: string;
  /** What to do, in words. */
  objective: string;
  /** The task's boundaries: `scope` is the list of paths (files or folders) the agent works on. */
  boundaries?: { scope?: string[]; maxToolCalls?: number; timeout?: number | string; constraints?: string[] };
  /** The shape of the output the delegator wants: each `requiredSections` name becomes a key of `sections`. */
  outputFormat?: { formatType?: string; requiredSections?: string[]; optionalSections?: string[] };
  /** Free-form context: an object (or a JSON string of one); see {@link TaskContext}. */
  context?: unknown;
}

/** What the sample agents read from a task's `context`. */
export interface TaskContext {
  /** Directory the scope paths are relative to. Default: the agent's working directory. */
  root: string;
  /** Cortex workspace the findings are stored in and searched. Default `'axon-samples'`. */
  workspaceId: string;
  /** Cortex session, when given. */
  sessionId?: string;
  /** The tester's command line, e.g. `node test/run.mjs`. */
  testCommand?: string;
  /**
   * The tester fails the task when tests fail or the command exits non-zero. Default `true`; `false` reports them
   * in a successful output instead.
   */
  failOnTestFailure: boolean;
  /** Lines after which the reviewer reports a function as long. Default 30. */
  maxFunctionLines: number;
  /**
   * How long the developer waits for a reviewer's `review.completed` bus message when no review of the workspace
   * has completed yet, ms. Default 0 (no wait).
   */
  awaitReviewMs: number;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Reads the task's context with defaults; `cwd` is the fallback root. */
export function readContext(task: SampleTask, cwd: string = process.cwd()): TaskContext {
  const ctx = asRecord(task.context);
  const maxLines = Number(ctx.maxFunctionLines);
  return {
    root: str(ctx.root) ?? str(ctx.workspaceRoot) ?? cwd,
    workspaceId: str(ctx.workspaceId) ?? 'axon-samples',
    sessionId: str(ctx.sessionId),
    testCommand: str(ctx.testCommand) ?? str(ctx.command),
    failOnTestFailure: ctx.failOnTestFailure !== false,
    maxFunctionLines: Number.isInteger(maxLines) && maxLines > 0 ? maxLines : 30,
    awaitReviewMs: typeof ctx.awaitReviewMs === 'number' && ctx.awaitReviewMs > 0 ? ctx.awaitReviewMs : 0,
  };
}

/** The task's scope paths; `['.']` when it has none. */
export function scopeOf(task: SampleTask): string[] {
  const scope = task.boundaries?.scope;
  return Array.isArray(scope) && scope.length > 0 ? scope : ['.'];
}

/** The task's tool budget; `fallback` when it has none. */
export function toolBudgetOf(task: SampleTask, fallback = 50): number {
  const max = task.boundaries?.maxToolCalls;
  return typeof max === 'number' && max > 0 ? max : fallback;
}
