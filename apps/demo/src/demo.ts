import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentRuntime, MessageBus, isRuntimeError, type RuntimeConfigInput } from '@axon/core';
import { cortexBinPath } from '@axon/cortex';
import { packagePaths } from '@axon/sandbox';
import { sampleAgentCommand, sampleAgentSandbox, type SampleAgentName } from '@axon/sample-agents';
import { demoDelegations, type DemoWorker } from './delegations.js';
import { detailsOf, renderStatistics, renderTask, type DemoTaskLine } from './report.js';
import { sampleProjectDir } from './paths.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where the demo writes. Default `process.stdout`. */
  out?: NodeJS.WritableStream;
  /** The code base to work on. Default: the bundled sample project (`apps/demo/sample-project`). */
  root?: string;
  /**
   * Run the agents in a sandbox (bubblewrap: own namespaces, no network, only their code and the code base visible).
   * Default `true` where the platform can (`runtime.start()` reports `sandbox.available`); where it cannot, the demo
   * says what is missing and runs them with process isolation only. `false` never sandboxes.
   */
  sandbox?: boolean;
}

// The sample project's tests transpile with TypeScript, which Node finds outside the project (this repository's
// node_modules): a sandboxed tester must be able to read it.
const toolchainOf = (root: string): string[] => packagePaths(root, 'typescript');

const WORKERS: Array<{ name: DemoWorker; type: SampleAgentName }> = [
  { name: 'Developer-1', type: 'developer' },
  { name: 'Reviewer-1', type: 'reviewer' },
  { name: 'Tester-1', type: 'tester' },
];

/**
 * Runs the demo: message bus, configuration and runtime; spawns Developer-1, Reviewer-1 and Tester-1; runs the
 * seed's three delegations in parallel on the sample project with the embedded Cortex on a temporary database;
 * prints each result and the runtime statistics; shuts down. Resolves `true` when everything succeeded.
 */
export async function runDemo(options: DemoOptions = {}): Promise<boolean> {
  const out = options.out ?? process.stdout;
  const say = (line = ''): boolean => out.write(`${line}\n`);
  const dbDir = mkdtempSync(join(tmpdir(), 'axon-demo-'));
  const root = options.root ?? sampleProjectDir();
  const config: RuntimeConfigInput = {
    // The embedded Cortex on a throw-away database: the demo never reads or writes your memories.
    mcp: { cortexBinaryPath: cortexBinPath, cortexArgs: ['mcp', 'stdio', '--db', join(dbDir, 'cortex.db')] },
    process: { workingDirectory: root },
  };
  const bus = new MessageBus();
  const runtime = new AgentRuntime(config, bus);
  const problems: string[] = [];
  bus.subscribe({ type: ['health.agent-failed', 'recovery.gave-up'] }, (e) => problems.push(JSON.stringify(e)));
  try {
    say('Axon demo: three sample agents, three delegations in parallel');
    say(`  code base: ${root}`);
    say(`  Cortex:    embedded @axon/cortex, database ${join(dbDir, 'cortex.db')}`);
    say();
    const capabilities = await runtime.start();
    say(
      `runtime started (isolation: parent-death signal ${capabilities.pdeathsig ? 'yes' : 'no'}, PID namespace ${capabilities.pidNamespace}, cgroups ${capabilities.cgroup ? `v${capabilities.cgroup.version}` : 'no'})`,
    );
    const sandboxed = options.sandbox !== false && capabilities.sandbox.available;
    say(
      sandboxed
        ? 'agents run sandboxed (bubblewrap: own user, PID and network namespaces, no network, code base writable)'
        : options.sandbox === false
          ? 'agents run without a sandbox (sandbox: false)'
          : `agents run without a sandbox: ${capabilities.sandbox.missing ?? 'not available here'}`,
    );
    const ids = new Map<DemoWorker, string>();
    for (const w of WORKERS) {
      const agent = sampleAgentCommand(w.type);
      const id = await runtime.spawnAgent(w.name, w.type, agent.command, agent.args, {
        cwd: root,
        capabilities: agent.capabilities,
        sandbox: sandboxed ? sampleAgentSandbox(toolchainOf(root)) : false,
      });
      ids.set(w.name, id);
      const info = runtime.getAgent(id);
      say(
        `spawned ${w.name.padEnd(12)} ${w.type.padEnd(10)} pid ${info?.pid ?? '?'}, ${info?.isolation?.sandbox ? 'sandboxed' : 'not sandboxed'}, capabilities ${info?.capabilities.join(', ') ?? ''}`,
      );
    }
    say();
    const plan = demoDelegations(root, 'axon-demo');
    const settled = await runtime.executeTasksParallel(
      plan.map((p) => ({ agentId: ids.get(p.worker)!, delegation: p.delegation })),
      plan.length,
    );
    const lines: DemoTaskLine[] = settled.map((s, i) => {
      const { worker, delegation } = plan[i]!;
      const taskId = delegation.taskId ?? `task-${i + 1}`;
      if (s.status === 'rejected') {
        return {
          worker,
          taskId,
          success: false,
          durationMs: 0,
          toolCalls: 0,
          summary: `${isRuntimeError(s.reason) ? s.reason.code : 'ERROR'}: ${(s.reason as Error).message ?? String(s.reason)}`,
          details: [],
        };
      }
      const r = s.value;
      const summary = (r.output as { summary?: string } | null)?.summary ?? 'done';
      return {
        worker,
        taskId,
        success: true,
        durationMs: r.durationMs,
        toolCalls: r.toolCalls,
        summary,
        details: detailsOf(r.output),
      };
    });
    for (const line of lines) say(renderTask(line));
    say();
    say(renderStatistics(runtime.getStatistics()));
    const failed = lines.filter((l) => !l.success).length;
    for (const p of problems) say(`problem: ${p}`);
    say();
    say(
      failed === 0 && problems.length === 0
        ? 'demo finished: every task succeeded'
        : `demo finished with ${failed} failed task(s) and ${problems.length} problem(s)`,
    );
    return failed === 0 && problems.length === 0;
  } catch (error) {
    say(`demo failed: ${isRuntimeError(error) ? error.code : 'ERROR'}: ${(error as Error).message ?? String(error)}`);
    return false;
  } finally {
    const report = await runtime.shutdown({ timeout: 10_000 }).catch(() => undefined);
    if (report) say(`runtime shut down: ${runtime.getStatistics().activeAgents} agent process(es) left`);
    rmSync(dbDir, { recursive: true, force: true });
  }
}
