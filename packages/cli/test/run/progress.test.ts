import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '@axon/core';
import { Progress } from '../../src/run/progress.js';

// The display reads only these fields; the runtime's events carry more (agentId, attempt, stamps).
const event = (e: { type: RuntimeEvent['type'] } & Record<string, unknown>): RuntimeEvent =>
  e as unknown as RuntimeEvent;

function stream(isTTY: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
  let text = '';
  const s = new Writable({ write: (chunk: Buffer, _e, cb) => ((text += chunk.toString()), cb()) });
  return Object.assign(s, { isTTY, columns: 120, text: () => text });
}

describe('Progress', () => {
  it('writes one plain timestamped line per event when not on a terminal', () => {
    const out = stream(false);
    const p = new Progress(out, [{ id: 'review', agent: 'Reviewer-1' }]);
    p.handle(event({ type: 'task.started', taskId: 'review' }));
    p.handle(event({ type: 'task.progress', taskId: 'review', progress: 0.5, message: 'half' }));
    p.handle(event({ type: 'tool.call', taskId: 'review', tool: 'cortex_store', outcome: 'ok' }));
    p.handle(event({ type: 'task.completed', taskId: 'review', durationMs: 1500, toolCalls: 1 }));
    p.handle(event({ type: 'task.started', taskId: 'unknown' }));
    p.stop();
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^\[\s*\d+ms\] review \(Reviewer-1\): started$/),
      expect.stringMatching(/review \(Reviewer-1\): 50% half$/),
      expect.stringMatching(/review \(Reviewer-1\): succeeded in 1\.5s, 1 tool call\(s\)$/),
    ]);
    expect(out.text()).not.toContain('\u001b[');
  });

  it('redraws one line per task in place on a terminal', () => {
    const out = stream(true);
    const p = new Progress(out, [
      { id: 'a', agent: 'A-1' },
      { id: 'b', agent: 'B-1' },
    ]);
    p.handle(event({ type: 'task.started', taskId: 'a' }));
    p.handle(event({ type: 'task.failed', taskId: 'b', code: 'TIMEOUT', message: 'too slow', willRetry: false }));
    p.stop();
    const text = out.text();
    expect(text).toContain('\u001b[2A'); // cursor back up over the two task lines
    const last = text.split('\u001b[2A').pop()!;
    expect(last).toMatch(/. a\s+A-1 .* started/);
    expect(last).toMatch(/✖ b\s+B-1 .*TIMEOUT: too slow/);
  });
});
