import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pythonAgentPath } from '../../src/paths.js';
import { hasPython } from '../helpers/python.js';

// The Python agent of docs/protocol.md §8, exactly as printed there, and the sample summary agent: both must
// answer every malformed frame as the protocol says and never crash.
const docs = readFileSync(fileURLToPath(new URL('../../../../docs/protocol.md', import.meta.url)), 'utf8');
const docSample = /## 8\. A complete agent in Python[\s\S]*?```python\n([\s\S]*?)```/.exec(docs)?.[1];
const dir = mkdtempSync(join(tmpdir(), 'axon-py-conformance-'));
const docAgentPath = join(dir, 'doc_agent.py');
writeFileSync(docAgentPath, docSample ?? '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Frame = {
  id?: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: { code?: string; issues?: Array<{ path: string }> } };
};

/** A real python3 agent process, driven with raw lines (so that garbage can be sent). */
class RawAgent {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  private readonly frames: Frame[] = [];
  private wake: (() => void) | undefined;

  constructor(script: string) {
    this.child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.resume();
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const frame = JSON.parse(line) as Frame & { method?: string };
      if (frame.method === 'heartbeat') return;
      this.frames.push(frame);
      this.wake?.();
    });
  }

  send(line: string | Buffer): void {
    this.child.stdin.write(line);
    this.child.stdin.write('\n');
  }

  request(id: number | string, method: string, params: unknown): void {
    this.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  }

  /** The next frame the agent wrote (heartbeats skipped). */
  async next(): Promise<Frame> {
    while (this.frames.length === 0) {
      const exited = this.exited.then((code) => new Error(`agent exited (${code}) before answering`));
      const got = new Promise<void>((r) => (this.wake = r));
      const r = await Promise.race([got, exited]);
      if (r instanceof Error && this.frames.length === 0) throw r;
    }
    return this.frames.shift()!;
  }

  async answerTo(id: number | string): Promise<Frame> {
    for (;;) {
      const f = await this.next();
      if (f.id === id) return f;
    }
  }

  async initialize(): Promise<Frame> {
    this.request(1, 'initialize', {
      protocolVersion: '2026-11-01',
      agent: { id: 'py-1', name: 'py', type: 'python' },
      heartbeatIntervalMs: 50,
    });
    return this.answerTo(1);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

let agent: RawAgent | undefined;
afterEach(async () => {
  if (agent && agent.child.exitCode === null && agent.child.signalCode === null) {
    agent.kill();
    await agent.exited;
  }
  agent = undefined;
});

const agents: Array<[string, string]> = [
  ['the docs/protocol.md §8 sample', docAgentPath],
  ['apps/agents/python/summary_agent.py', pythonAgentPath],
];

describe.runIf(hasPython)('Python agents against the protocol', () => {
  it('finds the sample in docs/protocol.md', () => {
    expect(docSample).toContain('def handle(msg)');
  });

  describe.each(agents)('%s', (_name, script) => {
    it('answers malformed frames with the documented errors and keeps serving', async () => {
      agent = new RawAgent(script);
      expect((await agent.initialize()).result).toMatchObject({ protocolVersion: '2026-11-01' });

      for (const junk of [
        '[{"jsonrpc":"2.0","id":7,"method":"ping","params":{}}]',
        '[]',
        '5',
        '"ping"',
        'null',
        'true',
      ]) {
        agent.send(junk);
        expect(await agent.next(), junk).toMatchObject({ id: null, error: { code: -32600 } });
      }
      agent.send('this is not json');
      expect(await agent.next()).toMatchObject({ id: null, error: { code: -32700 } });
      agent.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
      expect(await agent.next()).toMatchObject({ id: null, error: { code: -32700 } });

      agent.request(2, 'task/execute', {});
      const noTask = await agent.answerTo(2);
      expect(noTask.error?.code).toBe(-32602);
      expect(noTask.error?.data?.issues?.[0]?.path).toBe('task');
      agent.request(3, 'task/execute', 5);
      expect((await agent.answerTo(3)).error?.code).toBe(-32600);
      agent.send(JSON.stringify({ jsonrpc: '2.0', method: 'task/cancel', params: 'not an object' }));
      agent.request(4, 'no/such/method', {});
      expect((await agent.answerTo(4)).error?.code).toBe(-32601);

      agent.request(5, 'ping', {});
      expect((await agent.answerTo(5)).result).toMatchObject({ timestamp: expect.any(Number) });
      expect(agent.child.exitCode).toBeNull();
    });

    it('refuses tasks after shutdown and exits 0 when stdin closes', async () => {
      agent = new RawAgent(script);
      await agent.initialize();
      agent.request('s', 'shutdown', {});
      expect((await agent.answerTo('s')).result).toEqual({});
      agent.request(6, 'task/execute', {
        task: { taskId: 'late', objective: 'too late', boundaries: { scope: ['.'] } },
        attempt: 1,
      });
      const late = await agent.answerTo(6);
      expect(late.error).toMatchObject({ code: -32003, data: { code: 'AGENT_BUSY' } });
      agent.child.stdin.end();
      expect(await agent.exited).toBe(0);
    });
  });
});
