export { ProcessManager } from './manager/process-manager.js';
export type { AgentHandle, AgentInfo, ExitInfo, ProcessStatistics } from './manager/types.js';
export { ProcessError, isProcessError } from './errors.js';
export type { ProcessErrorCode, ProcessErrorOptions } from './errors.js';
export {
  ProcessManagerConfigSchema,
  AgentSpecSchema,
  ResourceLimitsSchema,
  ResourceLimitsOverrideSchema,
} from './config/schema.js';
export type {
  ProcessManagerConfig,
  ProcessManagerConfigInput,
  AgentSpec,
  AgentSpecInput,
  ResourceLimits,
  ResourceLimitsOverride,
} from './config/schema.js';
export type { AgentState } from './state/states.js';
export { TRANSITIONS, canTransition } from './state/states.js';
export type { ProcessEvent, ProcessEventListener, LimitName, LogFields } from './events/types.js';
export type { IsolationReport, PlatformCapabilities, SandboxReport } from './isolation/report.js';
export type { ResourceUsage } from './resources/sampler.js';
export { DEFAULT_ENV_ALLOWLIST, buildAgentEnv } from './spawn/env.js';
export type { BuildEnvOptions } from './spawn/env.js';
