/**
 * `@axon/agent/internals`: helpers the peer is built from (the validation that names each bad field, the empty
 * params/result schemas). **Unstable**: may change in any minor release; `@axon/agent` is the stable API.
 */

export { validate, formatPath } from './protocol/validate.js';
export type { ValidationIssue, ValidationOutcome } from './protocol/validate.js';
export { EmptyParamsSchema, EmptyResultSchema } from './protocol/schemas/common.js';
export type { EmptyParams, EmptyResult } from './protocol/schemas/common.js';
