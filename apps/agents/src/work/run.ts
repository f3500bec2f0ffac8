import { runAgent, type RunningAgent, type TaskContext as AgentTaskContext } from '@axon/agent';
import type { SampleTask } from '../task/task.js';
import type { WorkContext, WorkResult } from './context.js';

/** The sample agents' version, reported in `initialize`. */
export const SAMPLE_AGENTS_VERSION = '0.1.0';

/** Adapts runAgent's task context to the sample agents' {@link WorkContext}. */
export function workContext(ctx: AgentTaskContext): WorkContext {
  return {
    callTool: (name, args) => ctx.tools.call(name, args, { signal: ctx.signal }),
    signal: ctx.signal,
    progress: (fraction, message) => ctx.progress(Math.min(1, Math.max(0, fraction)), message),
    log: (level, message) => ctx.log(level, message),
    bus: ctx.bus,
  };
}

/** Runs a sample agent on stdin/stdout: `work` does the task, its usage is reported, its output returned. */
export function runSampleAgent(
  name: string,
  capabilities: readonly string[],
  work: (task: SampleTask, ctx: WorkContext) => Promise<WorkResult<unknown>>,
): RunningAgent {
  return runAgent({
    name,
    version: SAMPLE_AGENTS_VERSION,
    capabilities: [...capabilities],
    async execute(task, ctx) {
      const { output, usage } = await work(task, workContext(ctx));
      ctx.reportUsage(usage);
      return output;
    },
  });
}
