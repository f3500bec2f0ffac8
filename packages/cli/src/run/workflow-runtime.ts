import { isAbsolute, resolve } from 'node:path';
import type { AgentRuntime, RuntimeConfigInput } from '@axon/core';
import { bundledAgent } from '../util/agents.js';
import type { LoadedWorkflow } from '../workflow/load.js';
import type { WorkflowAgent, WorkflowTask } from '../workflow/schema.js';

/** How to spawn one declared agent. */
export interface AgentLaunch {
  /** The workflow's agent name (e.g. `Reviewer-1`). */
  name: string;
  /** Agent type: the sample's name, the declared `type`, else `custom`. */
  type: string;
  /** Executable (the running Node.js for bundled samples). */
  command: string;
  /** Arguments. */
  args: string[];
  /** Absolute working directory. */
  cwd: string;
  /** Extra environment variables. */
  env: Record<string, string>;
  /** Capabilities expected (the agent's own answer is authoritative). */
  capabilities: string[];
}

/** Resolves a declared agent: a bundled sample or a command, its cwd relative to the workflow file. */
export function agentLaunch(agent: WorkflowAgent, baseDir: string): AgentLaunch {
  const cwd = agent.cwd ? resolve(baseDir, agent.cwd) : baseDir;
  if (agent.sample) {
    const sample = bundledAgent(agent.sample);
    return {
      name: agent.name,
      type: agent.type ?? agent.sample,
      ...sample,
      cwd,
      env: agent.env,
      capabilities: agent.capabilities ?? sample.capabilities,
    };
  }
  return {
    name: agent.name,
    type: agent.type ?? 'custom',
    command: agent.command!,
    args: agent.args,
    cwd,
    env: agent.env,
    capabilities: agent.capabilities ?? [],
  };
}

/** A task delegation as `AgentRuntime` takes it. */
export type DelegationInput = Parameters<AgentRuntime['executeTask']>[1];

/** The delegation a workflow task becomes; `context.root` defaults to (and is resolved against) the workflow's folder. */
export function taskDelegation(task: WorkflowTask, baseDir: string): DelegationInput {
  const context = { ...(task.context ?? {}) };
  const root = typeof context.root === 'string' ? context.root : '.';
  context.root = isAbsolute(root) ? root : resolve(baseDir, root);
  return {
    taskId: task.id,
    objective: task.objective,
    boundaries: {
      scope: task.scope,
      ...(task.constraints ? { constraints: task.constraints } : {}),
      ...(task.maxToolCalls ? { maxToolCalls: task.maxToolCalls } : {}),
      ...(task.timeout ? { timeout: task.timeout } : {}),
    },
    ...(task.priority ? { priority: task.priority } : {}),
    ...(task.allowedTools ? { allowedTools: task.allowedTools } : {}),
    ...(task.requiredCapabilities ? { requiredCapabilities: task.requiredCapabilities } : {}),
    outputFormat: { formatType: 'json', requiredSections: task.requiredSections ?? [] },
    context,
  };
}

/** Config overrides from the workflow: inline `config`, and `cortexDb` as Cortex's `--db` argument. */
export function workflowOverrides(loaded: LoadedWorkflow): { file?: string; overrides: RuntimeConfigInput } {
  const { workflow, baseDir } = loaded;
  const overrides: Record<string, Record<string, unknown>> = typeof workflow.config === 'object'
    ? (structuredClone(workflow.config) as Record<string, Record<string, unknown>>)
    : {};
  if (workflow.cortexDb) {
    overrides.mcp = {
      ...(overrides.mcp ?? {}),
      cortexArgs: ['mcp', 'stdio', '--db', resolve(baseDir, workflow.cortexDb)],
    };
  }
  return {
    ...(typeof workflow.config === 'string' ? { file: resolve(baseDir, workflow.config) } : {}),
    overrides: overrides,
  };
}
