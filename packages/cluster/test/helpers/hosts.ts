// Worker hosts as separate processes (test/fixtures/worker-host.mjs on the built package).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AgentTypeSpecInput } from '@axon/core';

const hostScript = fileURLToPath(new URL('../fixtures/worker-host.mjs', import.meta.url));
/** The test agent. */
export const agentScript = fileURLToPath(new URL('../fixtures/agent.mjs', import.meta.url));

/** An agent type of the test agent with these capabilities; its agents report `hostId` as theirs. */
export function testAgentType(hostId: string, capabilities: string[], max = 2): AgentTypeSpecInput {
  const env = { AXON_TEST_HOST: hostId };
  return { command: process.execPath, args: [agentScript, capabilities.join(',')], capabilities, max, env };
}

/** A worker host process. */
export interface Host {
  hostId: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Fast failure detection for tests: a dead host's jobs run again after about a second. */
export const FAST_STALL = { lockDuration: 2_000, stalledInterval: 1_000, statsInterval: 200 };

/** Starts a worker host and waits until it consumes its queues. */
export async function startHost(options: Record<string, unknown> & { hostId: string }): Promise<Host> {
  const child = spawn(process.execPath, [hostScript, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready ')) resolve();
    });
    void exited.then(() => reject(new Error(`worker host ${options.hostId} exited before ready: ${err}`)));
  });
  return { hostId: options.hostId, child, exited };
}

/** Stops a host gracefully (SIGTERM), or waits for it if it already died. */
export async function stopHost(h: Host): Promise<void> {
  if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGTERM');
  await h.exited;
}

/** SIGKILLs a host (its agents exit when their stdin closes). */
export async function killHost(h: Host): Promise<void> {
  h.child.kill('SIGKILL');
  await h.exited;
}
