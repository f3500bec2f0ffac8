import { SandboxSettingSchema } from '@axon/sandbox';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { McpError } from '../errors/mcp-error.js';

/** An extra MCP server run as a child process (stdio); its tools are reachable as `<name>__<tool>`. */
export const McpStdioServerSpecSchema = z.object({
  /** Executable to run (absolute path, or a name looked up on `PATH`). */
  command: z.string().min(1),
  /** Arguments. Default `[]`. */
  args: z.array(z.string()).default([]),
  /** Environment added on top of the allowlisted parent environment. Default `{}`. */
  env: z.record(z.string(), z.string()).default({}),
  /** Working directory. Default: the pool's process working directory. */
  cwd: z.string().optional(),
  /**
   * Sandbox of this server: `true` (default policy: its working directory writable, system directories read-only,
   * no network), a policy, or `false`. Default `false` (the server is still contained: process group, parent-death
   * signal and PID namespace where the platform has them). Refused with `MCP_START_FAILED` where bubblewrap cannot run.
   */
  sandbox: SandboxSettingSchema.optional(),
});

/** An extra MCP server reached by URL over Streamable HTTP (e.g. a shared Cortex on another host). */
export const McpUrlServerSpecSchema = z.strictObject({
  /** The MCP endpoint, `http://` or `https://` (e.g. `http://cortex.internal:7400/mcp`). */
  url: z.url({ protocol: /^https?$/ }),
  /** Bearer token sent as `Authorization: Bearer <token>` with every request. Default: none. */
  token: z.string().min(1).optional(),
  /** Extra request headers. Default `{}`. */
  headers: z.record(z.string(), z.string()).default({}),
});

/** An extra MCP server: a command to run (stdio) or a URL to connect to (Streamable HTTP). */
export const McpServerSpecSchema = z.union([McpUrlServerSpecSchema, McpStdioServerSpecSchema]);

/** An extra server as given by the user (defaults not yet applied). */
export type McpServerSpecInput = z.input<typeof McpServerSpecSchema>;
/** An extra server with defaults applied. */
export type McpServerSpec = z.infer<typeof McpServerSpecSchema>;

const ms = (def: number) => z.number().int().nonnegative().default(def);

/** Environment variables a server inherits from the pool's process by default (the rest is dropped). */
export const DEFAULT_ENV_ALLOWLIST = [
  'HOME',
  'LOGNAME',
  'PATH',
  'SHELL',
  'TERM',
  'USER',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TZ',
  'XDG_DATA_HOME',
];

/** Configuration of {@link McpServerPool}: the seed's MCP settings plus pooling and extra servers. */
export const McpConfigSchema = z.object({
  /** Path of the Cortex executable. Default: none, found by {@link discoverCortex}. A `.js`/`.mjs`/`.cjs` file runs with this Node. */
  cortexBinaryPath: z.string().min(1).optional(),
  /** Arguments for Cortex. Default `["mcp", "stdio"]`. */
  cortexArgs: z.array(z.string()).default(['mcp', 'stdio']),
  /**
   * URL of a shared Cortex served over Streamable HTTP (`cortex mcp http`): when set, the pool connects to it instead
   * of starting a Cortex process (discovery, `cortexBinaryPath`, `cortexArgs` and `cortexEnv` are then unused).
   * Default: none.
   */
  cortexUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Bearer token for `cortexUrl`. Default: none. */
  cortexToken: z.string().min(1).optional(),
  /** Environment added for Cortex (for example `CORTEX_DB`). Default `{}`. */
  cortexEnv: z.record(z.string(), z.string()).default({}),
  /**
   * The oldest MCP protocol version accepted from a server. The pool offers the newest version the SDK supports
   * (`LATEST_PROTOCOL_VERSION`) and accepts the server's answer if the SDK supports it and it is not older than this;
   * an older one fails the start with `MCP_START_FAILED` naming both versions. With `pinProtocolVersion` it is the
   * only version offered and accepted. One of the SDK's `SUPPORTED_PROTOCOL_VERSIONS`. Default `"2024-11-05"`.
   */
  protocolVersion: z
    .string()
    .refine((v) => SUPPORTED_PROTOCOL_VERSIONS.includes(v), {
      message: `must be an MCP version the SDK supports: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`,
    })
    .default('2024-11-05'),
  /** Offer exactly `protocolVersion` and refuse a server that answers another one. Default `false`. */
  pinProtocolVersion: z.boolean().default(false),
  /** Default per-call timeout in ms (queue wait included). Default `30000`. */
  requestTimeout: z.number().int().positive().default(30_000),
  /** Restarts of a dead server before its circuit breaker opens. Default `3`. */
  maxRetries: z.number().int().nonnegative().default(3),
  /** Emit `log` events with each server stderr line and MCP log notification. Default `false`. */
  enableMcpLogging: z.boolean().default(false),
  /** `per-agent`: one set of servers per agent id; `shared`: one set for every agent. Default `"per-agent"`. */
  mode: z.enum(['per-agent', 'shared']).default('per-agent'),
  /** Most server sets alive at once (released idle ones are evicted first). Default `64`. */
  maxServers: z.number().int().positive().default(64),
  /** ms a released server set stays warm before it is shut down; `0` stops it at once. Default `60000`. */
  idleTimeout: ms(60_000),
  /** Calls in flight on one server process; more wait in a FIFO queue. Default `64`. */
  maxInFlightPerServer: z.number().int().positive().default(64),
  /** Extra servers by name (letters, digits, `-`, `_`; no `__`). Default `{}`. */
  servers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*$/, 'letters, digits, "-" and single "_" only'),
      McpServerSpecSchema,
    )
    .default({}),
  /** Parent environment variables passed to servers. Default {@link DEFAULT_ENV_ALLOWLIST}. */
  envAllowlist: z.array(z.string()).default(DEFAULT_ENV_ALLOWLIST),
  /** ms allowed for spawn + initialize handshake. Default `10000`. */
  startTimeout: z.number().int().positive().default(10_000),
  /** First restart delay in ms; doubles per attempt, with ±50 % jitter. Default `100`. */
  restartBackoff: z.number().int().nonnegative().default(100),
  /** Upper bound of the restart delay in ms. Default `5000`. */
  maxRestartBackoff: z.number().int().nonnegative().default(5_000),
  /** ms the circuit stays open before one trial start is allowed; `0` keeps it open until `shutdown`. Default `30000`. */
  circuitResetTime: ms(30_000),
  /** Bytes of stderr kept per server (the newest). Default `65536`. */
  stderrBufferSize: z
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** ms between closing stdin and SIGTERM, and between SIGTERM and SIGKILL of the process group. Default `2000`. */
  shutdownGracePeriod: ms(2_000),
});

/** {@link McpConfigSchema} as given by the user: every field optional. */
export type McpConfigInput = z.input<typeof McpConfigSchema>;
/** {@link McpConfigSchema} with defaults applied. */
export type McpConfig = z.infer<typeof McpConfigSchema>;

/** Validates a config; a bad field throws `MCP_INVALID_ARGUMENTS` naming its path. */
export function parseMcpConfig(input: McpConfigInput = {}): McpConfig {
  const r = McpConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue ? issue.path.join('.') : '';
  throw new McpError('MCP_INVALID_ARGUMENTS', `invalid MCP config at "${path}": ${issue?.message ?? 'invalid'}`, {
    cause: r.error,
    data: { field: path, issues: r.error.issues },
  });
}
