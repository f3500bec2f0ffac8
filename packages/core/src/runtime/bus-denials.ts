import type { AgentExecutor } from '@axon/executor';
import type { BusDenial } from '../bus/agent-bridge.js';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { AgentRecord } from './agent-record.js';

/**
 * Audits a refused bus request: a `bus.denied` event and an audit record (`tool` is `bus/publish` or
 * `bus/subscribe`, outcome `access_denied`). One by one up to `security.maxRefusedToolCalls` + 1 per agent process;
 * after that only counted, so a flood of refused publishes cannot flush the history or fill the audit for free.
 */
export function auditBusDenial(
  bus: MessageBus,
  executor: AgentExecutor,
  rec: AgentRecord,
  denial: BusDenial,
  config: RuntimeConfig,
): void {
  rec.busDenials += 1;
  if (rec.busDenials > config.security.maxRefusedToolCalls + 1) return;
  bus.publish({ type: 'bus.denied', agentId: rec.id, agentType: rec.type, action: denial.action, topic: denial.topic });
  executor.recordAttempt({
    agentId: rec.id,
    tool: `bus/${denial.action}`,
    argsDigest: '',
    durationMs: 0,
    outcome: 'access_denied',
    errorCode: 'ACCESS_DENIED',
    detail: denial.message.slice(0, 200),
  });
}
