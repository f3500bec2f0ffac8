import { z } from 'zod';
import { DurationSchema } from '@axon/agent';

const name = z.string().trim().min(1, 'must not be empty');
const names = z.array(name);

/** The bundled sample agents a workflow can name with `sample:`. */
export const SAMPLE_AGENTS = ['developer', 'reviewer', 'tester'] as const;

/** One agent process of a workflow: a bundled sample agent (`sample`) or any executable speaking AAP (`command`). */
export const WorkflowAgentSchema = z
  .strictObject({
    /** Unique name, e.g. `Reviewer-1`; tasks refer to it. */
    name,
    /** Agent type. Default: the sample's name, else `"custom"`. */
    type: name.optional(),
    /** A bundled sample agent: `developer`, `reviewer` or `tester`. */
    sample: z.enum(SAMPLE_AGENTS).optional(),
    /** Executable to run (when not a sample), e.g. `node` or `python3`. */
    command: name.optional(),
    /** Arguments. Default `[]`. */
    args: z.array(z.string()).default([]),
    /** Working directory, relative to the workflow file. Default: the workflow file's folder. */
    cwd: z.string().optional(),
    /** Extra environment variables. Default `{}`. */
    env: z.record(z.string(), z.string()).default({}),
    /** Capabilities (informational; the agent announces its own). */
    capabilities: names.optional(),
  })
  .refine((a) => (a.sample === undefined) !== (a.command === undefined), {
    message: 'give exactly one of "sample" (developer, reviewer, tester) or "command"',
  });

/** One task of a workflow: a delegation to one of the declared agents. */
export const WorkflowTaskSchema = z.strictObject({
  /** Unique id of the task. */
  id: name,
  /** The name of the agent that runs it. */
  agent: name,
  /** What to do. */
  objective: name,
  /** Paths (or topics) the task covers; at least one. */
  scope: names.min(1, 'must name at least one path'),
  /** Rules the agent must keep. */
  constraints: names.optional(),
  /** Tool-call budget (> 0). Default: the runtime's (50). */
  maxToolCalls: z.number().int().positive().optional(),
  /** Deadline (> 0): ms or `"90s"`, `"1m30s"`, `"1d"`. Default: the runtime's (300 s). */
  timeout: DurationSchema.pipe(z.number().positive()).optional(),
  /** 1 (lowest) to 10 (highest). Default 5. */
  priority: z.number().int().min(1).max(10).optional(),
  /** Tools the agent may call. Default: every tool. */
  allowedTools: names.optional(),
  /** Capabilities the agent must have. */
  requiredCapabilities: names.optional(),
  /** Sections the output must have. */
  requiredSections: names.optional(),
  /** Free-form context for the agent (e.g. `testCommand`). `root` defaults to the workflow file's folder. */
  context: z.record(z.string(), z.unknown()).optional(),
});

/** A workflow file (`axon run <file>`): agents, tasks, and how to run them. */
export const WorkflowSchema = z
  .strictObject({
    /** File format version. Default 1. */
    version: z.literal(1).default(1),
    /** Name shown in the report. Default: the file name. */
    name: name.optional(),
    /** Tasks running at once. Default: the number of agents. */
    maxParallel: z.number().int().positive().optional(),
    /** Runtime configuration: a path to a config file (relative to the workflow) or an inline object. */
    config: z.union([name, z.record(z.string(), z.unknown())]).optional(),
    /** Cortex database for this workflow, relative to the workflow file. Default: the runtime's discovery. */
    cortexDb: name.optional(),
    agents: z.array(WorkflowAgentSchema).min(1, 'declare at least one agent'),
    tasks: z.array(WorkflowTaskSchema).min(1, 'declare at least one task'),
  })
  .superRefine((wf, ctx) => {
    const agentNames = new Set<string>();
    wf.agents.forEach((a, i) => {
      if (agentNames.has(a.name))
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'name'], message: `duplicate agent name "${a.name}"` });
      agentNames.add(a.name);
    });
    const taskIds = new Set<string>();
    wf.tasks.forEach((t, i) => {
      if (taskIds.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `duplicate task id "${t.id}"` });
      taskIds.add(t.id);
      if (!agentNames.has(t.agent)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'agent'],
          message: `unknown agent "${t.agent}" (declared: ${[...agentNames].join(', ')})`,
        });
      }
    });
  });

/** A workflow as written in the file. */
export type WorkflowInput = z.input<typeof WorkflowSchema>;
/** A validated workflow (defaults applied, durations in ms). */
export type Workflow = z.output<typeof WorkflowSchema>;
/** A validated agent declaration. */
export type WorkflowAgent = z.output<typeof WorkflowAgentSchema>;
/** A validated task declaration. */
export type WorkflowTask = z.output<typeof WorkflowTaskSchema>;
