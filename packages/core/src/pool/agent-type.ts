import { SandboxSettingSchema } from '@axon/sandbox';
import { z } from 'zod';
import { RuntimeError } from '../errors/runtime-error.js';

/** How the worker pool starts agents of one type. */
export const AgentTypeSpecSchema = z
  .strictObject({
    /** Executable of the agent. */
    command: z.string().min(1),
    /** Its arguments. Default `[]`. */
    args: z.array(z.string()).default([]),
    /** Capabilities agents of this type have (used to decide what to spawn before they announce them). Default `[]`. */
    capabilities: z.array(z.string().min(1)).default([]),
    /** Idle agents kept warm so that a task does not wait for a cold start. Default 0. */
    minIdle: z.number().int().min(0).default(0),
    /** Most agents of this type (also bounded by `process.maxConcurrentProcesses`). Default 1. */
    max: z.number().int().min(1).default(1),
    /** Environment added for these agents. Default `{}`. */
    env: z.record(z.string(), z.string()).default({}),
    /** Working directory. Default the runtime's. */
    cwd: z.string().min(1).optional(),
    /** Per-agent resource limits overriding `resources`. */
    limits: z.record(z.string(), z.number()).optional(),
    /** Sandbox of these agents: `true` (default policy), a policy, or `false`. Default `process.sandbox`. */
    sandbox: SandboxSettingSchema.optional(),
  })
  .refine((s) => s.minIdle <= s.max, { message: 'minIdle must not exceed max', path: ['minIdle'] });

/** An agent type as callers write it. */
export type AgentTypeSpecInput = z.input<typeof AgentTypeSpecSchema>;
/** A validated agent type. */
export type AgentTypeSpec = z.output<typeof AgentTypeSpecSchema>;

/** Validates an agent type; throws `INVALID_ARGUMENT` naming the field. */
export function parseAgentType(type: string, input: AgentTypeSpecInput): AgentTypeSpec {
  if (typeof type !== 'string' || type.length === 0) {
    throw new RuntimeError('INVALID_ARGUMENT', 'registerAgentType: type must be a non-empty string', {
      data: { path: 'type' },
    });
  }
  const r = AgentTypeSpecSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(root)';
  throw new RuntimeError('INVALID_ARGUMENT', `registerAgentType("${type}"): ${path}: ${issue.message}`, {
    cause: r.error,
    data: { path, type },
  });
}

/** Whether `have` covers every capability in `need`. */
export function covers(have: readonly string[], need: readonly string[]): boolean {
  return need.every((c) => have.includes(c));
}

/** A key naming a set of required capabilities as written (order kept), cheap for the usual single capability. */
export function needKey(need: readonly string[]): string {
  return need.length === 1 ? `:${need[0]}` : JSON.stringify(need);
}
