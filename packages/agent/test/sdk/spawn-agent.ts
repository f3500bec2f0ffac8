import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JsonRpcPeer, AAP_PROTOCOL_VERSION, type InitializeResult } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A fixture agent running as a real child process (its own process group), with a runtime-side peer. */
export interface SpawnedAgent {
  child: ChildProcess;
  peer: JsonRpcPeer;
  stderr: () => string;
  notifications: Array<{ method: string; params: unknown }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  initialize(heartbeatIntervalMs?: number): Promise<InitializeResult>;
}

const live = new Set<ChildProcess>();

/** Spawns `test/fixtures/<file>` with node and wires a peer to its stdio. */
export function spawnAgent(file = 'echo-agent.mjs'): SpawnedAgent {
  const child = spawn(process.execPath, [fixtures + file], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  live.add(child);
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const peer = new JsonRpcPeer({ input: child.stdout, output: child.stdin, name: 'runtime', requestTimeout: 10_000 });
  const notifications: Array<{ method: string; params: unknown }> = [];
  for (const method of ['heartbeat', 'task/progress', 'task/checkpoint', 'log', 'bus/publish']) {
    peer.onNotification(method, (params) => void notifications.push({ method, params }));
  }
  return {
    child,
    peer,
    stderr: () => err,
    notifications,
    exited,
    initialize: (heartbeatIntervalMs = 0) =>
      peer.request<InitializeResult>('initialize', {
        protocolVersion: AAP_PROTOCOL_VERSION,
        agent: { id: 'agent-1', name: 'echo', type: 'test' },
        heartbeatIntervalMs,
      }),
  };
}

/** SIGKILLs the process group of every agent still alive and waits for them. */
export async function killAllAgents(): Promise<void> {
  const waits: Array<Promise<unknown>> = [];
  for (const child of live) {
    waits.push(new Promise((r) => child.once('exit', r)));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  await Promise.all(waits);
}

/** Polls `predicate` every 20 ms until true or `timeoutMs` passes. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** True while a process with `pid` exists (zombies aside). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
