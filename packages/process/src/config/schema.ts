import { MAX_DURATION_MS } from '@axon/agent';
import { SandboxSettingSchema } from '@axon/sandbox';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
// Timers wait at most 2^31 − 1 ms; a longer delay would fire at once.
const timerMs = positiveInt.max(MAX_DURATION_MS);
const timerMsOrZero = nonNegativeInt.max(MAX_DURATION_MS);

/** Resource limits of one agent. Every field is optional in a spec; the manager's values fill the gaps. */
export const ResourceLimitsSchema = z.object({
  /** Memory (RSS) of the agent's whole process tree, bytes. Default 2 GiB. */
  maxMemoryBytes: positiveInt.default(2 * 1024 ** 3),
  /** CPU of the whole tree, percent of one core, sustained for `cpuLimitWindowMs`. Default 80. */
  cpuLimitPercent: z.number().positive().default(80),
  /** How long CPU must stay above `cpuLimitPercent` before the agent is stopped, ms. Default 10 000. */
  cpuLimitWindowMs: timerMs.default(10_000),
  /** Open file descriptors per process (an rlimit, where the platform allows). Default 1024. */
  maxFileDescriptors: positiveInt.default(1024),
  /**
   * Output that is not protocol (stderr, and stdout lines that are not JSON-RPC frames), bytes, allowed per
   * `outputWindowMs`: a leaky bucket of this size that drains at this many bytes per window, so an agent is
   * stopped only when it writes more than this within one window, never for its total over a long life.
   * Protocol frames do not count (`maxLineLength` bounds each of them). Default 10 MiB.
   */
  maxOutputSizeBytes: positiveInt.default(10 * 1024 ** 2),
  /** The window of `maxOutputSizeBytes`, ms. Default 60 000. */
  outputWindowMs: timerMs.default(60_000),
  /**
   * Bytes that may wait in the agent's stdin pipe unread; beyond it the agent is stopped with
   * `RESOURCE_LIMIT_EXCEEDED` (limit `stdin`), because it does not read what the runtime sends. One frame is
   * always queued when less than this waits, so a frame up to `maxLineLength` still goes out. Default 1 MiB
   * (16 times a Linux pipe's buffer).
   */
  maxStdinBacklogBytes: positiveInt.default(1024 ** 2),
  /**
   * Requests from the agent (`tools/call`, `bus/subscribe`, …) the runtime works on at once; one more is
   * answered `-32004 OVERLOADED`. Default 256.
   */
  maxInflightRequests: positiveInt.default(256),
  /** Processes in the agent's tree (a pids cgroup, where one is writable). Default 4096. */
  maxProcesses: positiveInt.default(4096),
});

/** {@link ResourceLimitsSchema} after defaults. */
export type ResourceLimits = z.infer<typeof ResourceLimitsSchema>;

type LimitShape = typeof ResourceLimitsSchema.shape;

/**
 * Some limits of one agent, each over the manager's own (field by field): a field left out keeps the manager's
 * value, never the package default.
 */
export const ResourceLimitsOverrideSchema = z.object(
  Object.fromEntries(Object.entries(ResourceLimitsSchema.shape).map(([k, v]) => [k, v.unwrap().optional()])) as {
    [K in keyof LimitShape]: z.ZodOptional<ReturnType<LimitShape[K]['unwrap']>>;
  },
);

/** Input of {@link ResourceLimitsOverrideSchema}: any subset of the limits. */
export type ResourceLimitsOverride = z.input<typeof ResourceLimitsOverrideSchema>;

/** Configuration of a {@link ProcessManager}; every field has the seed's default. */
export const ProcessManagerConfigSchema = z.object({
  /** Agents alive at once (starting or running). Default 10. */
  maxConcurrentProcesses: positiveInt.default(10),
  /** Time from spawn to the `initialize` answer, ms. Default 30 000. */
  spawnTimeout: timerMs.default(30_000),
  /** Time between SIGTERM and SIGKILL of the group when terminating, ms. Default 10 000. */
  shutdownGracePeriod: timerMsOrZero.default(10_000),
  /** Time the agent gets to answer `shutdown` before stdin is closed, ms. Default 2 000. */
  shutdownRequestTimeout: timerMsOrZero.default(2_000),
  /** Use what the OS offers (pdeathsig, PID namespace, rlimits, cgroups) to contain agents. Default true. */
  enableIsolation: z.boolean().default(true),
  /** Put each agent in its own cgroup (memory, pids) when one is writable. Default true. */
  enableCgroups: z.boolean().default(true),
  /** Default working directory of agents. Default: the current directory. */
  workingDirectory: z.string().min(1).optional(),
  /** Extra environment for every agent (on top of the allowlist). Default `{}`. */
  environment: z.record(z.string(), z.string()).default({}),
  /** Names of parent environment variables passed through, in addition to the built-in allowlist. Default `[]`. */
  envAllowlist: z.array(z.string()).default([]),
  /** Pass the parent's whole environment (not recommended). Default false. */
  inheritEnvironment: z.boolean().default(false),
  /** Default limits of every agent. */
  limits: ResourceLimitsSchema.prefault({}),
  /** An agent silent for this long is Failed, ms. Default 30 000. */
  heartbeatTimeout: timerMs.default(30_000),
  /** Heartbeat interval asked of agents in `initialize`, ms. Default: a third of `heartbeatTimeout`. */
  heartbeatInterval: timerMs.optional(),
  /** Bytes of stderr lines kept per agent. Default 1 MiB. */
  maxLogBufferSize: positiveInt.default(1024 ** 2),
  /**
   * Base interval of resource sampling, ms: an agent near a limit is sampled up to 4 times as often, one far from
   * every limit 4 times less often (at most every 5 s); see docs/limits-and-isolation.md. Default 1 000.
   */
  resourceSamplingInterval: timerMs.default(1_000),
  /** Longest stdout line accepted from an agent, bytes. Default 8 MiB. */
  maxLineLength: positiveInt.default(8 * 1024 ** 2),
  /**
   * Sandbox of every agent unless its spec says otherwise: `true` (the default policy: workspace writable, system
   * directories read-only, no network), a policy, or `false`. A sandboxed spawn is refused with
   * `SANDBOX_UNAVAILABLE` where the platform cannot sandbox. Default `false`.
   */
  sandbox: SandboxSettingSchema.default(false),
});

/** Input accepted by `new ProcessManager(config)` (all optional). */
export type ProcessManagerConfigInput = z.input<typeof ProcessManagerConfigSchema>;
/** {@link ProcessManagerConfigSchema} after defaults. */
export type ProcessManagerConfig = z.infer<typeof ProcessManagerConfigSchema>;

/** What `spawn` starts: one agent process. */
export const AgentSpecSchema = z.object({
  /** Unique id; default a random UUID. */
  id: z.string().min(1).optional(),
  /** Human-readable name. */
  name: z.string().min(1),
  /** Agent type (used by pools to pick agents). */
  type: z.string().min(1),
  /** Executable to run (looked up in PATH). */
  command: z.string().min(1),
  /** Arguments. Default `[]`. */
  args: z.array(z.string()).default([]),
  /** Working directory; default the manager's `workingDirectory`. */
  cwd: z.string().min(1).optional(),
  /** Environment added on top of the allowlisted one. */
  env: z.record(z.string(), z.string()).default({}),
  /** Limits overriding the manager's, field by field (a field left out keeps the manager's value). */
  limits: ResourceLimitsOverrideSchema.default({}),
  /** Capabilities expected; the agent's `initialize` answer is authoritative. */
  capabilities: z.array(z.string()).default([]),
  /** This agent's sandbox (`true`, a policy, or `false`); default the manager's `sandbox`. */
  sandbox: SandboxSettingSchema.optional(),
});

/** Input accepted by `spawn`. */
export type AgentSpecInput = z.input<typeof AgentSpecSchema>;
/** {@link AgentSpecSchema} after defaults. */
export type AgentSpec = z.infer<typeof AgentSpecSchema>;
