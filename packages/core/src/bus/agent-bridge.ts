import { randomUUID } from 'node:crypto';
import type { JsonRpcPeer } from '@axon/agent';
import type { MessageBus } from './message-bus.js';

/**
 * Connects one agent process to the message bus over AAP: `bus/publish` publishes a topic message from the
 * agent, `bus/subscribe` forwards matching messages to it as `bus/message` notifications (never its own),
 * `bus/unsubscribe` stops them. Returns the function that detaches everything (call it when the agent exits).
 */
export function bridgeAgentBus(agentId: string, peer: JsonRpcPeer, bus: MessageBus): () => void {
  const subscriptions = new Map<string, () => void>();
  const offs = [
    peer.onNotification('bus/publish', (params) => {
      bus.publishTopic(params.topic, params.payload, agentId);
    }),
    peer.onRequest('bus/subscribe', (params) => {
      const { topic } = params;
      const subscriptionId = randomUUID();
      const off = bus.subscribe({ type: 'bus.message', topic }, (event) => {
        if (event.type !== 'bus.message' || event.from === agentId) return;
        try {
          peer.notify('bus/message', {
            topic: event.topic,
            payload: event.payload,
            ...(event.from !== undefined && { from: event.from }),
            subscriptionId,
          });
        } catch {
          // The agent's pipe is closing; its exit detaches the bridge.
        }
      });
      subscriptions.set(subscriptionId, off);
      return { subscriptionId };
    }),
    peer.onRequest('bus/unsubscribe', (params) => {
      const { subscriptionId } = params;
      subscriptions.get(subscriptionId)?.();
      subscriptions.delete(subscriptionId);
      return {};
    }),
  ];
  return () => {
    for (const off of offs) off();
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  };
}
