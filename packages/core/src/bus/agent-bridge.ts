import { randomUUID } from 'node:crypto';
import { AapErrorCode, RpcError, type JsonRpcPeer } from '@axon/agent';
import { mayPublish, maySubscribe, type EffectiveBusGrant } from './access.js';
import type { MessageBus } from './message-bus.js';

/** Subscriptions one agent may hold at once; one more is refused `-32004 OVERLOADED`. */
export const MAX_AGENT_SUBSCRIPTIONS = 64;

/** Who an agent is, as the runtime knows it: stamped on every message it publishes. */
export interface BusSender {
  /** Agent id. */
  agentId: string;
  /** Name given at spawn. */
  name: string;
  /** Agent type. */
  type: string;
}

/** A bus request the bridge refused. */
export interface BusDenial {
  action: 'publish' | 'subscribe';
  topic: string;
  message: string;
}

/** Options of {@link bridgeAgentBus}. */
export interface AgentBusBridgeOptions {
  sender: BusSender;
  peer: JsonRpcPeer;
  bus: MessageBus;
  /** What the agent may publish and subscribe to. */
  grant: EffectiveBusGrant;
  /** Called for each refused request (the runtime audits it). */
  onDenied: (denial: BusDenial) => void;
}

/**
 * Connects one agent process to the message bus over AAP, within its type's grant: `bus/publish` publishes a topic
 * message stamped with the agent's identity as the runtime knows it (`from` and `sender`; whatever the payload
 * claims is only payload), `bus/subscribe` forwards matching messages as `bus/message` notifications (never its
 * own), `bus/unsubscribe` stops them. A publish outside the grant is dropped, a subscription outside it is refused
 * with `ACCESS_DENIED`; both are reported to `onDenied`. Returns the function that detaches everything.
 */
export function bridgeAgentBus(o: AgentBusBridgeOptions): () => void {
  const { sender, peer, bus, grant } = o;
  const agentId = sender.agentId;
  const subscriptions = new Map<string, () => void>();
  const offs = [
    peer.onNotification('bus/publish', (params) => {
      if (!mayPublish(grant, params.topic)) {
        o.onDenied({
          action: 'publish',
          topic: params.topic,
          message: `agent type "${sender.type}" may not publish on topic "${params.topic}"`,
        });
        return;
      }
      bus.publishTopic(params.topic, params.payload, agentId, sender);
    }),
    peer.onRequest('bus/subscribe', (params) => {
      const { topic } = params;
      if (!maySubscribe(grant, topic)) {
        const message = `topic: agent type "${sender.type}" may not subscribe to "${topic}"${topic === '*' ? ' (every topic needs an explicit "*" grant in security.bus)' : ''}`;
        o.onDenied({ action: 'subscribe', topic, message });
        throw new RpcError(AapErrorCode.ACCESS_DENIED, message, { code: 'ACCESS_DENIED', field: 'topic' });
      }
      if (subscriptions.size >= MAX_AGENT_SUBSCRIPTIONS)
        throw new RpcError(
          AapErrorCode.OVERLOADED,
          `bus/subscribe "${topic}" refused: agent ${agentId} already holds ${MAX_AGENT_SUBSCRIPTIONS} subscriptions (unsubscribe first)`,
          { code: 'OVERLOADED', limit: 'subscriptions', max: MAX_AGENT_SUBSCRIPTIONS },
        );
      const subscriptionId = randomUUID();
      const off = bus.subscribe({ type: 'bus.message', topic }, (event) => {
        if (event.type !== 'bus.message' || event.from === agentId) return;
        try {
          peer.notify('bus/message', {
            topic: event.topic,
            payload: event.payload,
            ...(event.from !== undefined && { from: event.from }),
            ...(event.sender !== undefined && { sender: event.sender }),
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
