import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@axon/core';
import { isClusterError, readWorkerFile } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-worker-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'worker.yaml');
writeFileSync(
  file,
  [
    'process:',
    '  maxConcurrentProcesses: 2',
    '  spawnTimeout: 4s',
    'mcp:',
    '  cortexUrl: http://cortex-host:7400/mcp',
    'agentTypes:',
    '  reviewer:',
    '    command: node',
    '    args: [./agents/reviewer.js]',
    '    capabilities: [CodeReview]',
    '',
  ].join('\n'),
);

describe('readWorkerFile', () => {
  it('lets AXON_* environment variables override the file, as loadConfig does on one machine', () => {
    const env = {
      AXON_PROCESS_MAX_CONCURRENT_PROCESSES: '7',
      AXON_MCP_CORTEX_TOKEN: 'from-the-environment',
      AXON_RECOVERY_TASK_MAX_ATTEMPTS: '5',
    };
    const wf = readWorkerFile(file, { env });
    expect(wf.config.process.maxConcurrentProcesses).toBe(7); // env over file
    expect(wf.config.process.spawnTimeout).toBe(4_000); // file kept where no variable is set
    expect(wf.config.mcp.cortexUrl).toBe('http://cortex-host:7400/mcp');
    expect(wf.config.mcp.cortexToken).toBe('from-the-environment'); // a secret kept out of the file
    expect(wf.config.recovery.taskMaxAttempts).toBe(5); // a section the file does not have
    expect(wf.agentTypes.reviewer!.args).toEqual([join(dir, 'agents/reviewer.js')]);
    // The same configuration the single-machine loader builds from the same sections and variables.
    const single = join(dir, 'axon.config.yaml');
    writeFileSync(
      single,
      'process:\n  maxConcurrentProcesses: 2\n  spawnTimeout: 4s\nmcp:\n  cortexUrl: http://cortex-host:7400/mcp\n',
    );
    expect(wf.config).toEqual(loadConfig({ file: single, env }));
  });

  it('without variables, takes the file as it is', () => {
    const wf = readWorkerFile(file, { env: {} });
    expect(wf.config.process.maxConcurrentProcesses).toBe(2);
    expect(wf.config.mcp.cortexToken).toBeUndefined();
  });

  it('names the variable when a bad value came from the environment', () => {
    let error: unknown;
    try {
      readWorkerFile(file, { env: { AXON_PROCESS_MAX_CONCURRENT_PROCESSES: 'lots' } });
    } catch (e) {
      error = e;
    }
    expect(isClusterError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      data: { file, field: 'process.maxConcurrentProcesses' },
    });
    expect((error as Error).message).toMatch(
      /process\.maxConcurrentProcesses.*lots.*from AXON_PROCESS_MAX_CONCURRENT_PROCESSES/,
    );
  });

  it('names the file and field of a bad value in the file', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'process:\n  maxConcurrentProcesses: -1\nagentTypes:\n  a: { command: node }\n');
    expect(() => readWorkerFile(bad, { env: {} })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        data: expect.objectContaining({ file: bad, field: 'process.maxConcurrentProcesses' }),
        message: expect.stringMatching(/bad\.yaml.*from .*bad\.yaml/),
      }),
    );
  });
});
