import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AgentRuntime, MessageBus, RuntimeError, isRuntimeError } from '@axon/core';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { Progress } from '../run/progress.js';
import { renderReport, type RunReport, type RunWorkflowOptions, type TaskReport } from '../run/report.js';
import { agentLaunch, taskDelegation, workflowOverrides } from '../run/workflow-runtime.js';
import { innerMessage, roundNumbers, truncateWords } from '../output/text.js';
import { AgentLogs } from '../run/agent-logs.js';
import { configFile, loadRuntimeConfig, type GlobalOptions } from '../util/config.js';
import { parseIntOption } from '../util/options.js';
import { onInterrupt } from '../util/interrupt.js';
import { loadWorkflow, type LoadedWorkflow } from '../workflow/load.js';
import type { WorkflowTask } from '../workflow/schema.js';

/** How long in-flight tasks may finish after the run, ms. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long in-flight tasks may finish after Ctrl-C before they are cancelled, ms. */
const INTERRUPT_GRACE_MS = 3_000;
/** Most tasks running at once that `--max-parallel` accepts. */
const MAX_PARALLEL = 1000;

function summaryOf(output: unknown): string {
  const summary = (output as { summary?: unknown } | null)?.summary;
  if (typeof summary === 'string') return summary;
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  return truncateWords(text ?? '', 200);
}

// What the agent itself said when it failed a task (the AAP error's data), else the error's own message.
function agentMessage(error: unknown): string {
  for (
    let e = error as { message?: unknown; cause?: unknown; data?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth += 1
  ) {
    const said = (e.data as { message?: unknown } | undefined)?.message;
    if (typeof said === 'string' && said !== '') return said;
    e = e.cause as typeof e;
  }
  return innerMessage(error instanceof Error ? error.message : String(error));
}

/** When each task started and ended, from the runtime's events (for the durations of failed tasks). */
class TaskClock {
  readonly #started = new Map<string, number>();
  readonly #ended = new Map<string, number>();

  handle(event: { type: string; taskId?: string; timestamp?: number; willRetry?: boolean }): void {
    if (!event.taskId) return;
    const at = event.timestamp ?? Date.now();
    if (event.type === 'task.started' && !this.#started.has(event.taskId)) this.#started.set(event.taskId, at);
    if ((event.type === 'task.failed' && !event.willRetry) || event.type === 'task.cancelled')
      this.#ended.set(event.taskId, at);
  }

  /** From the first start to the end (or now), ms; 0 when the task never started. */
  durationOf(taskId: string): number {
    const started = this.#started.get(taskId);
    return started === undefined ? 0 : (this.#ended.get(taskId) ?? Date.now()) - started;
  }
}

function logFileOf(logs: AgentLogs, agent: string): { logFile?: string } {
  const file = logs.has(agent) ? logs.fileOf(agent) : undefined;
  return file ? { logFile: file } : {};
}

function defaultLogDir(name: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(tmpdir(), 'axon-runs', `${stamp}-${name.replace(/[^\w.-]+/g, '_')}-${process.pid}`);
}

/**
 * Runs a loaded workflow on a fresh runtime: spawns its agents, runs its tasks in parallel, shuts down.
 * Resolves with the report (failed tasks are in the report, not thrown); aborting `signal` shuts down gracefully.
 * The config is loaded, and rejected when invalid, before anything is spawned.
 */
export async function runWorkflow(loaded: LoadedWorkflow, options: RunWorkflowOptions): Promise<RunReport> {
  const { workflow } = loaded;
  const fromWorkflow = workflowOverrides(loaded);
  const globals = options.config ? { config: options.config } : {};
  const usedConfig = configFile(globals, fromWorkflow.file);
  const config = loadRuntimeConfig(globals, fromWorkflow.overrides, fromWorkflow.file);
  if (options.maxParallel !== undefined && !(Number.isInteger(options.maxParallel) && options.maxParallel >= 1))
    throw new CliError('INVALID_ARGUMENT', `maxParallel must be an integer >= 1, got ${options.maxParallel}`);
  const started = Date.now();
  const bus = new MessageBus();
  const runtime = new AgentRuntime(config, bus);
  const agentNames = new Map<string, string>();
  const progress =
    options.progress === false
      ? undefined
      : new Progress(
          options.io.err,
          workflow.tasks.map((t) => ({ id: t.id, agent: t.agent })),
        );
  const logs = new AgentLogs({
    dir: resolve(options.logDir ?? defaultLogDir(loaded.name)),
    keepRecords: options.verbose === true,
    ...(options.verbose && {
      echo: progress ? (text: string) => progress.print(text) : (text: string) => println(options.io.err, text),
    }),
  });
  const clock = new TaskClock();
  // Agent ids are the runtime's UUIDs: messages name agents as the workflow does.
  const named = (text: string): string => {
    let out = text;
    for (const [id, name] of agentNames) out = out.replaceAll(id, name);
    return out;
  };
  const unsubscribe = bus.subscribe((event) => {
    clock.handle(event);
    logs.handle(event);
    if (event.type === 'agent.spawned') agentNames.set(event.agentId, event.name);
    const shown = event.type === 'task.failed' ? { ...event, message: innerMessage(named(event.message)) } : event;
    progress?.handle(shown);
  });
  let interrupted = false;
  const onAbort = (): void => {
    interrupted = true;
    void runtime.shutdown({ timeout: INTERRUPT_GRACE_MS }).catch(() => undefined);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const failure = (task: WorkflowTask, error: unknown): TaskReport => {
    const errorCode = isRuntimeError(error) ? error.code : 'TASK_FAILED';
    const toolCalls = isRuntimeError(error) ? Number(error.data?.toolCalls) || 0 : 0;
    return {
      id: task.id,
      agent: task.agent,
      status: interrupted || errorCode === 'CANCELLED' ? 'cancelled' : 'failed',
      durationMs: clock.durationOf(task.id),
      toolCalls,
      summary: named(agentMessage(error)),
      errorCode,
      stderrTail: logs.tail(task.agent),
      ...logFileOf(logs, task.agent),
    };
  };
  try {
    await runtime.start();
    const agentIds = new Map<string, string>();
    for (const [index, agent] of workflow.agents.entries()) {
      const launch = agentLaunch(agent, loaded.baseDir);
      const id = await runtime
        .spawnAgent(launch.name, launch.type, launch.command, launch.args, {
          cwd: launch.cwd,
          env: launch.env,
          capabilities: launch.capabilities,
        })
        .catch((error: unknown) => {
          // Name the agent as the workflow does (the runtime only knows its generated id).
          const tail = logs.tail(agent.name);
          const said = tail.length ? `; its last stderr lines: ${tail.join(' | ')}` : '';
          const message = `agent "${agent.name}" (agents[${index}] of ${loaded.file}) did not start: ${(error as Error).message}${said}`;
          throw new RuntimeError(isRuntimeError(error) ? error.code : 'SPAWN_FAILED', message, { cause: error });
        });
      agentIds.set(agent.name, id);
      agentNames.set(id, agent.name);
    }
    const settled = await runtime.executeTasksParallel(
      workflow.tasks.map((t) => ({ agentId: agentIds.get(t.agent)!, delegation: taskDelegation(t, loaded.baseDir) })),
      options.maxParallel ?? workflow.maxParallel ?? workflow.agents.length,
    );
    const tasks = settled.map((s, i): TaskReport => {
      const task = workflow.tasks[i]!;
      if (s.status === 'rejected') return failure(task, s.reason);
      const r = s.value;
      if (r.output === null || r.output === undefined)
        return {
          ...failure(task, new Error('the agent gave no output')),
          durationMs: r.durationMs,
          toolCalls: r.toolCalls,
        };
      return {
        id: task.id,
        agent: task.agent,
        status: 'succeeded',
        durationMs: r.durationMs,
        toolCalls: r.toolCalls,
        summary: named(summaryOf(r.output)),
        output: r.output,
        ...logFileOf(logs, task.agent),
      };
    });
    const statistics = runtime.getStatistics();
    return roundNumbers({
      workflow: loaded.name,
      file: loaded.file,
      ...(usedConfig && { configFile: usedConfig }),
      success: tasks.every((t) => t.status === 'succeeded') && !interrupted,
      interrupted,
      durationMs: Date.now() - started,
      tasks,
      ...(logs.dir && { logDir: logs.dir }),
      ...(options.verbose && { logs: logs.records() }),
      statistics,
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    progress?.stop();
    await runtime.shutdown({ timeout: SHUTDOWN_TIMEOUT_MS }).catch(() => undefined);
    unsubscribe();
    await logs.close();
  }
}

interface RunOptions {
  json?: boolean;
  maxParallel?: number;
  quiet?: boolean;
  verbose?: boolean;
  logDir?: string;
}

/** `axon run <workflow>`. */
export function runCommand(io: CliIo): Command {
  return new Command('run')
    .description('run the agents and tasks of a workflow file (YAML or JSON)')
    .argument('<workflow>', 'workflow file, e.g. examples/workflow.yaml')
    .option('--json', 'print a machine-readable report on stdout (progress still goes to stderr)')
    .option(
      '--max-parallel <n>',
      "tasks running at once (default: the workflow's, else one per agent)",
      parseIntOption('--max-parallel', { min: 1, max: MAX_PARALLEL }),
    )
    .option('--quiet', 'no live progress')
    .option('--verbose', 'show what the agents write (stderr, log messages) as it comes; --json adds them as `logs`')
    .option('--log-dir <dir>', 'folder for the per-agent log files (default: a new folder under the temp directory)')
    .action(async (path: string, opts: RunOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const loaded = loadWorkflow(path);
      const interrupt = onInterrupt(io);
      let report: RunReport;
      try {
        report = await runWorkflow(loaded, {
          io,
          signal: interrupt.signal,
          progress: !opts.quiet,
          verbose: opts.verbose === true,
          ...(opts.logDir !== undefined && { logDir: opts.logDir }),
          ...(globals.config ? { config: globals.config } : {}),
          ...(opts.maxParallel !== undefined && { maxParallel: opts.maxParallel }),
        });
      } finally {
        interrupt.dispose();
      }
      if (opts.json) printJson(io.out, report);
      else println(io.out, renderReport(report));
      if (report.interrupted)
        throw new CliError('INTERRUPTED', 'interrupted: the runtime was shut down gracefully', {
          hint: 'run it again to redo the unfinished tasks',
        });
      const failed = report.tasks.filter((t) => t.status !== 'succeeded');
      if (failed.length > 0) {
        throw new CliError(
          'TASKS_FAILED',
          `${failed.length} of ${report.tasks.length} task(s) failed: ${failed.map((t) => `${t.id} (${t.errorCode ?? 'FAILED'})`).join(', ')}`,
          {
            exitCode: EXIT_CODES.TASK_FAILED,
            hint: 'see the summary column; --json has each error',
          },
        );
      }
    });
}
