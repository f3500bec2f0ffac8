/** Redis key and channel names of one cluster (all under its prefix). */
export interface ClusterKeys {
  /** BullMQ's key prefix. */
  readonly bullPrefix: string;
  /** The committed outcome of a task (SET NX). */
  outcome(taskId: string): string;
  /** The last checkpoint of a task. */
  checkpoint(taskId: string): string;
  /** Marks a task the caller cancelled (a worker that picks it up afterwards refuses it). */
  cancelled(taskId: string): string;
  /** Pub/sub channel announcing committed outcomes. */
  readonly doneChannel: string;
  /** Pub/sub channel of cancel requests. */
  readonly cancelChannel: string;
  /** Pub/sub channel of bus topic messages. */
  readonly busChannel: string;
  /** Hash of host heartbeats: field host id → JSON statistics. */
  readonly hosts: string;
}

/** The key names of the cluster `prefix`. */
export function clusterKeys(prefix: string): ClusterKeys {
  return {
    bullPrefix: `${prefix}:bull`,
    outcome: (id) => `${prefix}:task:${id}:outcome`,
    checkpoint: (id) => `${prefix}:task:${id}:checkpoint`,
    cancelled: (id) => `${prefix}:task:${id}:cancelled`,
    doneChannel: `${prefix}:done`,
    cancelChannel: `${prefix}:cancel`,
    busChannel: `${prefix}:bus`,
    hosts: `${prefix}:hosts`,
  };
}
