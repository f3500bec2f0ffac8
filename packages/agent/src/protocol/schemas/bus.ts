import { z } from 'zod';
import { IdSchema } from './common.js';

/** `bus/publish` params (agent → runtime notification): publish `payload` on `topic` of the runtime's message bus. */
export const BusPublishParamsSchema = z.object({ topic: IdSchema, payload: z.unknown() });
/** `bus/publish` params. */
export type BusPublishParams = z.infer<typeof BusPublishParamsSchema>;

/** `bus/subscribe` params (agent → runtime request): receive `bus/message` for `topic`. */
export const BusSubscribeParamsSchema = z.object({ topic: IdSchema });
/** `bus/subscribe` params. */
export type BusSubscribeParams = z.infer<typeof BusSubscribeParamsSchema>;
/** `bus/subscribe` result. */
export const BusSubscribeResultSchema = z.object({ subscriptionId: IdSchema });
/** `bus/subscribe` result. */
export type BusSubscribeResult = z.infer<typeof BusSubscribeResultSchema>;

/** `bus/unsubscribe` params (agent → runtime request, optional for runtimes: may answer -32601). */
export const BusUnsubscribeParamsSchema = z.object({ subscriptionId: IdSchema });
/** `bus/unsubscribe` params. */
export type BusUnsubscribeParams = z.infer<typeof BusUnsubscribeParamsSchema>;
/** `bus/unsubscribe` result: `{}`. */
export const BusUnsubscribeResultSchema = z.object({});
/** `bus/unsubscribe` result. */
export type BusUnsubscribeResult = z.infer<typeof BusUnsubscribeResultSchema>;

/** `bus/message` params (runtime → agent notification): a message on a subscribed topic. */
export const BusMessageParamsSchema = z.object({
  topic: IdSchema,
  payload: z.unknown(),
  /** Id of the publishing agent, when an agent published it (stamped by the runtime). */
  from: z.string().optional(),
  /** The publishing agent as the runtime knows it (stamped by the runtime; an agent cannot set it). */
  sender: z.object({ agentId: z.string(), name: z.string(), type: z.string() }).optional(),
  /** The subscription this delivery belongs to. */
  subscriptionId: IdSchema.optional(),
});
/** `bus/message` params. */
export type BusMessageParams = z.infer<typeof BusMessageParamsSchema>;
