import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AAP_PROTOCOL_VERSION, JsonRpcPeer, type InitializeResult, type TaskExecuteResult } from '../../src/index.js';

const doc = readFileSync(fileURLToPath(new URL('../../../../docs/protocol.md', import.meta.url)), 'utf8');
const source = /```python\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const kills: Array<() => void> = [];
afterEach(() => kills.splice(0).forEach((k) => k()));

describe.skipIf(!hasPython())('the Python agent in docs/protocol.md', () => {
  it('handshakes, heartbeats, runs a task and exits on stdin end', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aap-py-')), 'agent.py');
    writeFileSync(file, source);
    const child = spawn('python3', ['-u', file], { stdio: ['pipe', 'pipe', 'inherit'] });
    kills.push(() => child.kill('SIGKILL'));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const peer = new JsonRpcPeer({ input: child.stdout, output: child.stdin, requestTimeout: 10_000 });
    let beats = 0;
    peer.onNotification('heartbeat', () => void beats++);
    const init = await peer.request<InitializeResult>('initialize', {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { id: 'py-1', name: 'py', type: 'echo' },
      heartbeatIntervalMs: 50,
    });
    expect(init).toEqual({
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { name: 'py-echo', version: '0.1.0' },
      capabilities: ['echo'],
    });
    const res = await peer.request<TaskExecuteResult>('task/execute', {
      task: { taskId: 't1', objective: 'hi' },
      attempt: 1,
    });
    expect(res.output).toEqual({ echo: 'hi' });
    expect(await peer.request('shutdown', {})).toEqual({});
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(beats).toBeGreaterThan(0);
    expect(peer.stats.badFrames).toBe(0);
  });
});
