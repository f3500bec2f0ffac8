import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyFrame } from '../../src/rpc/classify.js';
import { AapErrorCode, aapErrorName, getAapMethod, TaskFailureDataSchema } from '../../src/index.js';
import { validate } from '../../src/internals.js';

const doc = readFileSync(fileURLToPath(new URL('../../../../docs/protocol.md', import.meta.url)), 'utf8');
const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
  m[1]!.split('\n').filter((l) => l.trim() !== ''),
);

describe('docs/protocol.md', () => {
  it('has JSON examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(15);
  });

  it.each(blocks.map((b, i) => [i, b] as const))('example block %i is valid AAP', (_i, lines) => {
    const methodsById = new Map<unknown, string>();
    for (const line of lines) {
      const frame = classifyFrame(JSON.parse(line));
      expect(frame.kind, line).not.toBe('invalid');
      if (frame.kind === 'request' || frame.kind === 'notification') {
        const spec = getAapMethod(frame.method);
        expect(spec, `unknown method in ${line}`).toBeDefined();
        expect(spec!.kind).toBe(frame.kind);
        const checked = validate(spec!.params, frame.params ?? {});
        expect(checked.success ? '' : checked.message, line).toBe('');
        if (frame.kind === 'request') methodsById.set(frame.id, frame.method);
      } else if (frame.kind === 'response' && frame.error) {
        const name = aapErrorName(frame.error.code);
        expect(name, line).toBeDefined();
        if (frame.error.code > -32100) expect((frame.error.data as { code?: string }).code).toBe(name);
        if (frame.error.code === AapErrorCode.TASK_FAILED)
          expect(TaskFailureDataSchema.safeParse(frame.error.data).success).toBe(true);
      } else if (frame.kind === 'response') {
        const method = methodsById.get(frame.id);
        expect(method, `answer without its request in ${line}`).toBeDefined();
        const checked = validate(getAapMethod(method!)!.result!, frame.result);
        expect(checked.success ? '' : checked.message, line).toBe('');
      }
    }
  });
});
