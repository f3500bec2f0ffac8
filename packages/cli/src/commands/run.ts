import { AgentRuntime, MessageBus } from '@axon/core';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { Progress, type ProgressEvent } from '../run/progress.js';
import { renderReport, type RunReport, type RunWorkflowOptions, type TaskReport } from '../run/report.js';
import { agentLaunch, taskDelegation, workflowOverrides } from '../run/workflow-runtime.js';
import { loadRuntimeConfig, type GlobalOptions } from '../util/config.js';
import { parseIntOption } from '../util/options.js';
import { onInterrupt } from '../util/interrupt.js';
import { loadWorkflow, type LoadedWorkflow } from '../workflow/load.js';

/** How long in-flight tasks may finish after the run, ms. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long in-flight tasks may finish after Ctrl-C before they are cancelled, ms. */
const INTERRUPT_GRACE_MS = 3_000;

function summaryOf(output: unknown): string {
  const summary = (output as { summary?: unknown } | null)?.summary;
  if (typeof summary === 'string') return summary;
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  return (text ?? '').slice(0, 200);
}

function failure(id: string, agent: string, error: unknown, cancelled: boolean): TaskReport {
  const code = (error as { code?: unknown } | null)?.code;
  const errorCode = typeof code === 'string' ? code : 'TASK_FAILED';
  return {
    id,
    agent,
    status: cancelled || errorCode === 'CANCELLED' ? 'cancelled' : 'failed',
    durationMs: Number((error as { data?: { durationMs?: unknown } } | null)?.data?.durationMs) || 0,
    toolCalls: Number((error as { data?: { toolCalls?: unknown } } | null)?.data?.toolCalls) || 0,
    summary: error instanceof Error ? error.message : String(error),
    errorCode,
  };
}

/**
 * Runs a loaded workflow on a fresh runtime: spawns its agents, runs its tasks in parallel, shuts down.
 * Resolves with the report (failed tasks are in the report, not thrown); aborting `signal` shuts down gracefully.
 */
export async function runWorkflow(loaded: LoadedWorkflow, options: RunWorkflowOptions): Promise<RunReport> {
  const { workflow } = loaded;
  const fromWorkflow = workflowOverrides(loaded);
  const file = options.config ?? fromWorkflow.file;
  const config = loadRuntimeConfig({ ...(file ? { config: file } : {}) }, fromWorkflow.overrides, loaded.baseDir);
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
  const unsubscribe = bus.subscribe((event) => progress?.handle(event as unknown as ProgressEvent));
  let interrupted = false;
  const onAbort = (): void => {
    interrupted = true;
    void runtime.shutdown({ timeout: INTERRUPT_GRACE_MS }).catch(() => undefined);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
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
          const message = `agent "${agent.name}" (agents[${index}] of ${loaded.file}) did not start: ${(error as Error).message}`;
          throw Object.assign(new Error(message, { cause: error }), {
            code: (error as { code?: unknown }).code ?? 'SPAWN_FAILED',
          });
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
      if (s.status === 'rejected') return failure(task.id, task.agent, s.reason, interrupted);
      const r = s.value;
      if (!r.success)
        return {
          ...failure(task.id, task.agent, new Error('the agent gave no output'), interrupted),
          durationMs: r.durationMs,
          toolCalls: r.toolCalls,
        };
      return {
        id: task.id,
        agent: task.agent,
        status: 'succeeded',
        durationMs: r.durationMs,
        toolCalls: r.toolCalls,
        summary: summaryOf(r.output),
        output: r.output,
      };
    });
    const statistics = runtime.getStatistics();
    return {
      workflow: loaded.name,
      file: loaded.file,
      success: tasks.every((t) => t.status === 'succeeded') && !interrupted,
      interrupted,
      durationMs: Date.now() - started,
      tasks,
      statistics,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    progress?.stop();
    await runtime.shutdown({ timeout: SHUTDOWN_TIMEOUT_MS }).catch(() => undefined);
    unsubscribe();
  }
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
      parseIntOption('--max-parallel'),
    )
    .option('--quiet', 'no live progress')
    .action(async (path: string, opts: { json?: boolean; maxParallel?: number; quiet?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const loaded = loadWorkflow(path);
      const interrupt = onInterrupt(io);
      let report: RunReport;
      try {
        report = await runWorkflow(loaded, {
          io,
          signal: interrupt.signal,
          progress: !opts.quiet,
          ...(globals.config ? { config: globals.config } : {}),
          ...(opts.maxParallel ? { maxParallel: opts.maxParallel } : {}),
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
