export { McpServerPool } from './pool/pool.js';
export { backoffDelay, type BackoffOptions } from './server/backoff.js';
export { Breaker, type BreakerOptions, type BreakerState } from './server/breaker.js';
export { DegradingMcpPool, type DegradingPoolOptions } from './pool/degrading-pool.js';
export {
  McpConfigSchema,
  McpServerSpecSchema,
  McpStdioServerSpecSchema,
  McpUrlServerSpecSchema,
  DEFAULT_ENV_ALLOWLIST,
  parseMcpConfig,
  type McpConfig,
  type McpConfigInput,
  type McpServerSpec,
  type McpServerSpecInput,
} from './config/schema.js';
export { McpError, isMcpError, type McpErrorCode, type McpErrorOptions } from './errors/mcp-error.js';
export {
  discoverCortex,
  type CortexDiscovery,
  type CortexCandidate,
  type CortexSource,
  type DiscoverOptions,
} from './discovery/discover.js';
export type { McpPoolEvent, McpPoolListener } from './pool/events.js';
export type { McpPoolStatistics, McpServerStatistics } from './pool/statistics.js';
export type {
  McpCallOptions,
  McpListOptions,
  McpServerFailure,
  McpSessionInfo,
  McpToolCall,
  McpToolList,
  McpToolResult,
} from './pool/types.js';
export type { McpToolInfo } from './server/tool-catalog.js';
export { ProcessTransport, type ProcessTransportOptions, type ProcessExit } from './transport/process-transport.js';
export { UrlTransport } from './transport/url-transport.js';
export type { StderrBuffer } from './transport/stderr-buffer.js';
