import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPython } from '../helpers/python.js';
import { axon } from '../helpers/axon.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
// serve.yaml is an `axon serve` config and review.json a delegation for `axon submit` (tested in serve.test.ts).
const notWorkflows = new Set(['serve.yaml', 'review.json']);
const files = readdirSync(examples).filter((f) => /\.(ya?ml|json)$/.test(f) && !notWorkflows.has(f));

describe('the workflows in examples/', () => {
  it('exist', () => {
    expect(files).toContain('workflow.yaml');
  });

  it.for(files)('%s runs to success', async (file, ctx) => {
    if (file.startsWith('python') && !hasPython) ctx.skip();
    const r = await axon(['run', `${examples}${file}`, '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { success: boolean; tasks: Array<{ status: string }> };
    expect(report.success).toBe(true);
    expect(report.tasks.every((t) => t.status === 'succeeded')).toBe(true);
  });
});
