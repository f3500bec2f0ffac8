export {
  sampleAgentPath,
  sampleAgentCommand,
  sampleAgentSandbox,
  sampleAgentsRoot,
  pythonAgentPath,
  SAMPLE_AGENT_CAPABILITIES,
} from './paths.js';
export type { SampleAgentName, SampleAgentSandbox } from './paths.js';
export { reviewFiles } from './review/review.js';
export { RULES } from './review/rules.js';
export type { Rule, RuleOptions } from './review/rules.js';
export { formatFinding } from './review/finding.js';
export type { Finding, Severity } from './review/finding.js';
export { planChanges, fixFor } from './plan/plan.js';
export type { PlanStep } from './plan/plan.js';
export { parseTestOutput } from './testing/parse.js';
export type { TestCounts } from './testing/parse.js';
export { splitCommand } from './testing/command.js';
export { collectFiles } from './scope/files.js';
export type { ScopeFile, CollectOptions } from './scope/files.js';
export { readContext } from './task/task.js';
export type { SampleTask, TaskContext } from './task/task.js';
export type { AgentOutput } from './task/output.js';
