import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import type { RuntimeAgentInfo, RuntimeEvent, RuntimeStatistics } from '@axon/core';
import type { TaskDelegationInput } from '@axon/executor';
import { defaultStateDir, readState } from '../state/state-file.js';
import type { TaskView } from '../tasks/task-tracker.js';

/** An error answered by the admin API (or a failure to reach it: code `UNREACHABLE`). */
export class AdminApiError extends Error {
  constructor(
    /** The API's error code, e.g. `UNAUTHORIZED`, `INVALID_DELEGATION`, or `UNREACHABLE`. */
    readonly code: string,
    message: string,
    /** HTTP status (0 when unreachable). */
    readonly status: number,
    /** The API's `error.data`. */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** Where a client finds a server. */
export interface ServerLocation {
  /** Base URL. */
  url: string;
  /** Bearer token. */
  token: string;
}

/**
 * Finds the running server: `url`/`token` given (or `AXON_URL`/`AXON_TOKEN`), else the state file that `axon serve`
 * wrote in the state directory (`AXON_STATE_DIR`, `$XDG_STATE_HOME/axon`, `~/.local/state/axon`).
 */
export function locateServer(
  given: { url?: string; token?: string; stateDir?: string } = {},
  env: Record<string, string | undefined> = process.env,
): ServerLocation {
  const dir = given.stateDir ?? defaultStateDir(env);
  const state = readState(dir);
  const url = given.url ?? env.AXON_URL ?? state?.url;
  if (!url)
    throw new AdminApiError('UNREACHABLE', `no running axon serve found (no state file in ${dir}); pass --url`, 0);
  let token = given.token ?? env.AXON_TOKEN;
  if (token === undefined && state) {
    try {
      token = readFileSync(state.tokenFile, 'utf8').trim();
    } catch (e) {
      throw new AdminApiError(
        'UNAUTHORIZED',
        `cannot read the token file ${state.tokenFile}: ${(e as Error).message}`,
        0,
      );
    }
  }
  if (!token) throw new AdminApiError('UNAUTHORIZED', 'no token: pass --token or set AXON_TOKEN', 0);
  return { url: url.replace(/\/$/, ''), token };
}

/** Client of the admin API (used by `axon status`, `logs`, `top`, `submit`, `stop`). */
export class AdminClient {
  constructor(private readonly at: ServerLocation) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.at.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.at.token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new AdminApiError('UNREACHABLE', `cannot reach ${this.at.url}: ${(e as Error).message}`, 0);
    }
    const json = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; data?: Record<string, unknown> };
    } | null;
    if (!res.ok) {
      const err = json?.error;
      throw new AdminApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, res.status, err?.data);
    }
    return json as T;
  }

  /** Every agent. */
  async agents(): Promise<RuntimeAgentInfo[]> {
    return (await this.call<{ agents: RuntimeAgentInfo[] }>('GET', '/api/agents')).agents;
  }

  /** Tasks queued, running and recent. */
  tasks(): Promise<{ queued: TaskView[]; running: TaskView[]; recent: TaskView[] }> {
    return this.call('GET', '/api/tasks');
  }

  /** One task. */
  task(id: string): Promise<TaskView> {
    return this.call('GET', `/api/tasks/${encodeURIComponent(id)}`);
  }

  /** Runtime statistics and server state. */
  stats(): Promise<{ runtime: string; uptimeMs: number; pid: number; statistics: RuntimeStatistics }> {
    return this.call('GET', '/api/stats');
  }

  /** Submits a delegation; resolves with its task id once queued. */
  submit(delegation: TaskDelegationInput): Promise<{ taskId: string; status: string }> {
    return this.call('POST', '/api/tasks', delegation);
  }

  /** Cancels a task. */
  cancel(taskId: string): Promise<{ taskId: string; cancelling: boolean }> {
    return this.call('DELETE', `/api/tasks/${encodeURIComponent(taskId)}`);
  }

  /** Restarts an agent; resolves with its new snapshot. */
  restart(agentId: string): Promise<RuntimeAgentInfo> {
    return this.call('POST', `/api/agents/${encodeURIComponent(agentId)}/restart`);
  }

  /** An agent's log buffer (last `tail` lines). */
  async logs(agentId: string, tail = 200): Promise<string[]> {
    return (await this.call<{ lines: string[] }>('GET', `/api/agents/${encodeURIComponent(agentId)}/logs?tail=${tail}`))
      .lines;
  }

  /** Asks the server to drain and stop. */
  shutdown(): Promise<{ stopping: boolean }> {
    return this.call('POST', '/api/shutdown');
  }

  /**
   * Reads a server-sent events stream (`/api/events`, `/api/agents/:id/logs?follow`) until `signal` aborts or the
   * server ends it; `onEvent` gets each event's parsed data.
   */
  async stream(
    path: string,
    onEvent: (data: unknown, event: string | undefined) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.at.url}${path}`, {
        headers: { authorization: `Bearer ${this.at.token}`, accept: 'text/event-stream' },
        ...(signal && { signal }),
      });
    } catch (e) {
      if (signal?.aborted) return;
      throw new AdminApiError('UNREACHABLE', `cannot reach ${this.at.url}: ${(e as Error).message}`, 0);
    }
    if (!res.ok || !res.body) {
      const err = ((await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null)?.error;
      throw new AdminApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, res.status);
    }
    const parser = createParser({ onEvent: (m) => onEvent(JSON.parse(m.data) as unknown, m.event) });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        parser.feed(decoder.decode(chunk, { stream: true }));
    } catch (e) {
      if (!signal?.aborted) throw e;
    }
  }

  /** Follows the runtime's events. */
  events(onEvent: (e: RuntimeEvent) => void, signal?: AbortSignal): Promise<void> {
    return this.stream('/api/events', (d) => onEvent(d as RuntimeEvent), signal);
  }
}
