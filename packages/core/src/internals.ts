/**
 * `@axon/core/internals`: the building blocks `AgentRuntime` and `LeadAgent` are made of, for advanced use
 * (custom runtimes, tools, tests). **Unstable**: names and signatures here may change in any minor release.
 * Everything a user of the runtime needs is exported from `@axon/core`.
 */

export { RUNTIME_MCP_KEY } from './runtime/agent-runtime.js';
export { parseAgentType } from './pool/agent-type.js';
export { PriorityQueue } from './queue/priority-queue.js';

export {
  ProcessConfigSchema,
  ResourcesConfigSchema,
  McpConfigSchema,
  MonitoringConfigSchema,
  RecoveryConfigSchema,
  configFieldList,
} from './config/schema.js';
export type { ConfigSectionName, ConfigFieldEntry } from './config/schema.js';
export type { FieldInfo, FieldKind } from './config/fields.js';
export { readConfigFile, mergeConfig, buildRuntimeConfig } from './config/load.js';
export type { BuildRuntimeConfigOptions } from './config/load.js';
export { configFromEnv, envBindings } from './config/env.js';
export type { EnvBinding, EnvConfig } from './config/env.js';
export { CONFIG_SCHEMA_ID } from './config/json-schema.js';
export { parseSize, formatDuration, formatSize } from './config/units.js';

export { toRuntimeError } from './errors/runtime-error.js';
export { CORE_ERROR_CODES, PROCESS_ERROR_CODES, MCP_ERROR_CODES, EXECUTOR_ERROR_CODES } from './errors/codes.js';

export { shouldRetry } from './recovery/retry-policy.js';
export type { RetryPolicy } from './recovery/retry-policy.js';

export { estimateComplexity, extractPaths } from './lead/complexity.js';
export { scoreStrategy } from './lead/strategy-planner.js';
export { synthesize } from './lead/synthesizer.js';
export { parseOutput } from './lead/output-parsing.js';
