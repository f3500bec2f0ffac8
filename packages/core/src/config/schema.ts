import { SandboxSettingSchema } from '@axon/sandbox';
import { z } from 'zod';
import {
  configFields,
  duration,
  flag,
  integer,
  json,
  list,
  number,
  oneOf,
  section,
  sectionShapes,
  size,
  text,
  type FieldInfo,
} from './fields.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** `process`: how agent processes are spawned and stopped. */
export const ProcessConfigSchema = section('process', {
  maxConcurrentProcesses: integer(
    'Most agent processes alive at once; spawns beyond it fail with CAPACITY_EXCEEDED (the pool queues instead).',
    { min: 1, max: 10_000, def: 10 },
  ),
  spawnTimeout: duration(
    'How long an agent may take from spawn to answering `initialize` before it fails with TIMEOUT.',
    30_000,
    { min: 1 },
  ),
  shutdownGracePeriod: duration('Time between SIGTERM and SIGKILL when an agent is stopped.', 10_000),
  enableIsolation: flag(
    "Use the platform's isolation (process groups, parent-death signal, PID namespace, cgroups) so no agent outlives the runtime.",
    true,
  ),
  workingDirectory: text(
    "Working directory of agents that do not set their own (default: the runtime's current directory).",
  ),
  environment: json(
    'Extra environment variables for every agent, on top of the safe allowlist (PATH, HOME, LANG, …).',
    z.record(z.string(), z.string()).default({}),
    'an object of string values, e.g. {"NODE_ENV":"production"}',
    '{}',
  ),
  sandbox: json(
    'Sandbox of every agent unless its type or spawn says otherwise: true (default policy: workspace writable, system dirs read-only, no network), a policy object (docs/security.md), or false. Where the platform cannot sandbox, a sandboxed spawn fails with SANDBOX_UNAVAILABLE.',
    SandboxSettingSchema.default(false),
    'true, false, or a policy, e.g. {"network":{"allow":["api.example.com"]},"filesystem":{"read":["/srv/agent"]}}',
    'false',
  ),
});

/** `resources`: per-agent and per-task limits. */
export const ResourcesConfigSchema = section('resources', {
  maxMemoryBytes: size(
    "Memory limit of one agent's process tree (RSS); over it the agent is stopped with RESOURCE_LIMIT_EXCEEDED.",
    2 * GiB,
    { min: 1 },
  ),
  cpuLimitPercent: number(
    "CPU limit of one agent's process tree, in percent of one core, sustained over the sampling window.",
    { min: 1, max: 6400, def: 80, unit: '%' },
  ),
  maxFileDescriptors: integer('Open file descriptor cap of an agent (an rlimit where the platform allows).', {
    min: 16,
    max: 1_048_576,
    def: 1024,
  }),
  maxTaskDuration: duration(
    "Upper bound of any task's deadline; a delegation's own timeout may only shorten it.",
    300_000,
    { min: 1 },
  ),
  maxToolCallsPerTask: integer(
    "Upper bound of any task's tool-call budget; a delegation's maxToolCalls may only lower it.",
    { min: 1, max: 100_000, def: 50 },
  ),
  maxOutputSizeBytes: size(
    'Most output that is not protocol (stderr, stdout lines that are not frames) one agent may write within 60 s (a leaky bucket); over it the agent is stopped with RESOURCE_LIMIT_EXCEEDED. Protocol frames never count.',
    10 * MiB,
    { min: 1 },
  ),
  enableResourceTracking: flag(
    "Sample CPU and memory of every agent's process tree every metricsInterval (the CPU and memory limits need it); false samples once a minute.",
    true,
  ),
});

const McpServerSpecSchema = z.union([
  z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).default({}),
  }),
  z.strictObject({
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().optional(),
    /** Sandbox of this server (`true`, a policy, or `false`). Default `false`: contained like agents, not sandboxed. */
    sandbox: SandboxSettingSchema.optional(),
  }),
]);

/** `mcp`: how MCP servers (Cortex and extra servers) are found, started and called. */
export const McpConfigSchema = section('mcp', {
  cortexBinaryPath: text(
    'Cortex executable; unset = discover (AXON_CORTEX_BIN, a `cortex` on PATH, then the bundled @axon/cortex).',
  ),
  cortexArgs: list('Arguments given to the Cortex executable.', ['mcp', 'stdio']),
  cortexUrl: text(
    'URL of a shared Cortex served over Streamable HTTP (`cortex mcp http`), e.g. http://cortex:7400/mcp; when set, no Cortex process is started.',
  ),
  cortexToken: text('Bearer token for cortexUrl (prefer the environment variable to the config file).'),
  protocolVersion: text(
    'Oldest MCP protocol version accepted from a server; the newest version the SDK supports is offered and the server may answer down to this one.',
    '2024-11-05',
  ),
  pinProtocolVersion: flag('Offer only `protocolVersion` and refuse servers that answer another version.', false),
  requestTimeout: duration('Timeout of one MCP request (tool call, list).', 30_000, { min: 1 }),
  maxRetries: integer('Restarts of a dead MCP server before its circuit opens.', { min: 0, max: 100, def: 3 }),
  enableMcpLogging: flag("Forward MCP servers' stderr lines as log events.", false),
  mode: oneOf(
    '`per-agent`: one Cortex per agent (isolation); `shared`: one for all agents (fewer processes).',
    ['per-agent', 'shared'],
    'per-agent',
  ),
  maxServers: integer('Most MCP server sets alive at once (released idle ones are evicted first).', {
    min: 1,
    max: 10_000,
    def: 64,
  }),
  idleTimeout: duration(
    'A released MCP server set stays warm this long before it is closed; 0 closes it at once.',
    60_000,
  ),
  maxInFlightPerServer: integer('Concurrent calls per MCP server process; more wait in a FIFO queue.', {
    min: 1,
    max: 100_000,
    def: 64,
  }),
  cortexEnv: json(
    'Extra environment variables for Cortex (e.g. CORTEX_DB, the database path).',
    z.record(z.string(), z.string()).default({}),
    'an object of string values, e.g. {"CORTEX_DB":"/var/lib/axon/cortex.db"}',
    '{}',
  ),
  servers: json(
    'Extra named MCP servers; their tools are reachable as `<name>__<tool>`.',
    z.record(z.string().regex(/^[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*$/), McpServerSpecSchema).default({}),
    'an object of {"<name>": {"command": "...", "args": [...], "env": {...}, "cwd": "..."} or {"url": "http://...", "token": "..."}}',
    '{}',
  ),
});

/** `monitoring`: health checks, heartbeats, metrics and logs. */
export const MonitoringConfigSchema = section('monitoring', {
  healthCheckInterval: duration(
    'How often the health monitor publishes its `health.check` summary (live agents; agents the process layer failed since the last one).',
    10_000,
    { min: 10 },
  ),
  heartbeatTimeout: duration('An agent silent for this long (no heartbeat) is marked Failed.', 30_000, { min: 1 }),
  heartbeatInterval: duration(
    'Heartbeat interval asked of agents in `initialize` (default: a third of heartbeatTimeout).',
    undefined,
    { min: 1 },
  ),
  enableMetrics: flag('Sample resource metrics of every agent and publish them as events.', true),
  metricsInterval: duration(
    'Base interval of resource sampling and metrics events (at least 100 ms): faster near a limit, up to 4× slower (at most 5 s) far from every limit.',
    5_000,
    {
      min: 100,
    },
  ),
  enableLogAggregation: flag("Capture agents' stderr and `log` messages and publish them as events.", true),
  agentLogLevel: oneOf(
    "Lowest level of agents' `log` messages published as `agent.log` events (plain stderr lines are always published).",
    ['debug', 'info', 'warn', 'error'],
    'info',
  ),
  maxLogBufferSize: size('Per-agent bound of the captured log buffer.', MiB, { min: 1 }),
  eventHistorySize: integer('How many recent events the message bus keeps for `history()`.', {
    min: 0,
    max: 1_000_000,
    def: 1000,
  }),
});

/** `recovery`: restarts, task retries, degradation and breakers. */
export const RecoveryConfigSchema = section('recovery', {
  enableAutoRestart: flag('Restart crashed or failed agents with exponential backoff.', true),
  maxRestartAttempts: integer('Consecutive restarts of one agent before it stays Failed.', {
    min: 0,
    max: 1000,
    def: 3,
  }),
  restartBackoffBase: duration('First restart delay; each further attempt doubles it (with ±20 % jitter).', 5_000),
  restartBackoffMax: duration('Upper bound of one restart delay.', 300_000),
  enableCheckpointing: flag("Keep each task's last `task/checkpoint` and hand it to a retry.", true),
  checkpointInterval: duration(
    'Checkpoint interval suggested to agents. Advisory: not yet sent to agents (needs `initialize` config support in @axon/process).',
    60_000,
  ),
  enableGracefulDegradation: flag(
    'Keep running when Cortex is missing or dead: tool calls fail with MCP_UNAVAILABLE, tasks go on.',
    true,
  ),
  failureThreshold: integer('Consecutive task failures of one agent type that open its breaker.', {
    min: 1,
    max: 1000,
    def: 3,
  }),
  breakerCooldown: duration('How long an open breaker refuses work before letting one trial task through.', 30_000),
  taskMaxAttempts: integer('Attempts of one task (first run included) when it fails with a retryable code.', {
    min: 1,
    max: 100,
    def: 2,
  }),
  retryOn: list(
    'Error codes that make a task retryable. RESOURCE_LIMIT_EXCEEDED is left out on purpose: a task that broke a memory or output limit would most likely break it again.',
    ['AGENT_CRASHED', 'TIMEOUT', 'HEARTBEAT_TIMEOUT'],
  ),
});

const topicPatterns = z.array(
  z
    .string()
    .min(1)
    .regex(/^[^*]*\*?$/, 'a topic, or a prefix ending in a single "*" (e.g. "review.*"), or "*"'),
);

/** What agents of one type may do on the message bus: topic patterns they may publish and subscribe to. */
export const BusGrantSchema = z.strictObject({
  /** Topics it may publish on: exact names, prefixes ending in `*` (`review.*`), or `*` for every topic. Default none. */
  publish: topicPatterns.default([]),
  /** Topics (or prefix patterns) it may subscribe to; subscribing to `*` needs `*` here. Default none. */
  subscribe: topicPatterns.default([]),
});

/** `security`: tool-call audit, refusal allowance, Cortex tenancy and bus access control. */
export const SecurityConfigSchema = section('security', {
  auditFile: text(
    'JSONL file (mode 0600) every tool-call attempt of every agent is appended to, refused, malformed, oversized and wrong-task ones included; unset = events only.',
  ),
  auditMaxBytes: size('Size at which the audit file is rotated to `<auditFile>.1`.', 10 * MiB),
  auditMaxFiles: integer('Rotated audit files kept (`.1` newest … `.N` oldest); older ones are deleted.', {
    min: 0,
    max: 1000,
    def: 5,
  }),
  maxRefusedToolCalls: integer(
    'Refused tool-call attempts one task may make (not allowed, over budget, other workspace, wrong task id, malformed, oversized, too deep); the next fails it with TOOL_REFUSAL_LIMIT and stops its agent.',
    { min: 0, max: 100_000, def: 20 },
  ),
  maxArgumentDepth: integer("Deepest nesting of a tool call's arguments; deeper calls are refused and audited.", {
    min: 1,
    max: 10_000,
    def: 64,
  }),
  defaultWorkspace: text(
    "Cortex workspace of tasks whose agent was spawned without `workspaceId` and whose context names none. Agents' Cortex calls are always pinned to their task's workspace.",
    'default',
  ),
  bus: json(
    'Bus access per agent type: `{ "<type>": { "publish": [...], "subscribe": [...] } }` with exact topics, `prefix.*` or `*`. Types not listed get `defaultBus`.',
    z.record(z.string().min(1), BusGrantSchema).default({}),
    'an object of {"<agent type>": {"publish": ["topic", "prefix.*"], "subscribe": ["topic"]}}',
    '{}',
  ),
  defaultBus: json(
    "Bus access of agent types not listed in `bus`. It never grants a subscription to `*` (every topic): that needs `*` in the type's own `bus` entry.",
    BusGrantSchema.default({ publish: ['*'], subscribe: ['*'] }),
    'an object {"publish": [...], "subscribe": [...]}',
    '{"publish":["*"],"subscribe":["*"]}',
  ),
});

/** The whole runtime configuration. Every section and field is optional in the input; defaults are the seed's. */
export const RuntimeConfigSchema = z.strictObject({
  process: ProcessConfigSchema,
  resources: ResourcesConfigSchema,
  mcp: McpConfigSchema,
  monitoring: MonitoringConfigSchema,
  recovery: RecoveryConfigSchema,
  security: SecurityConfigSchema,
});

/** A complete, validated runtime configuration (durations in ms, sizes in bytes). */
export type RuntimeConfig = z.output<typeof RuntimeConfigSchema>;
/** What users may write: any subset, durations as ms or `"30s"`, sizes as bytes or `"2GiB"`. */
export type RuntimeConfigInput = z.input<typeof RuntimeConfigSchema>;
/** Names of the configuration sections. */
export type ConfigSectionName = keyof RuntimeConfig;
/** The section schemas by name. */
export const configSections = RuntimeConfigSchema.shape;

/** One leaf of the configuration with its path and metadata. */
export interface ConfigFieldEntry {
  /** `[section, field]`. */
  path: [ConfigSectionName, string];
  /** The field's zod schema. */
  schema: z.ZodType;
  /** What the field is: kind, description, expected value, unit, default, environment variable. */
  info: FieldInfo;
}

/** Every configuration leaf in schema order (drives env parsing, error messages and the generated docs). */
export function configFieldList(): ConfigFieldEntry[] {
  const out: ConfigFieldEntry[] = [];
  for (const sectionName of Object.keys(RuntimeConfigSchema.shape) as ConfigSectionName[]) {
    for (const [key, schema] of Object.entries(sectionShapes.get(sectionName) ?? {})) {
      const info = configFields.get(schema);
      if (info) out.push({ path: [sectionName, key], schema, info });
    }
  }
  return out;
}
