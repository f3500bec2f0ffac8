import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable, parentDeathWrapper } from '../../src/transport/parent-death.js';
import { alive, until } from '../helpers.js';

const host = fileURLToPath(new URL('../fixtures/pool-host.mjs', import.meta.url));
let leftovers: number[] = [];
afterEach(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  leftovers = [];
});

describe('MCP servers and a SIGKILLed pool process', () => {
  it('die with the process that runs the pool, even one killed by SIGKILL', async (ctx) => {
    if ((await parentDeathWrapper()) === undefined) return ctx.skip('setpriv --pdeathsig is not available here');
    const child = spawn(process.execPath, [host], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { pids } = JSON.parse(line) as { pids: number[] };
    leftovers = pids;
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await until(() => !pids.some(alive), 10_000, 'the servers to die with their pool');
  });

  it('finds a command as spawn would, so a missing one still fails with ENOENT', () => {
    expect(findExecutable(process.execPath, {})).toBe(process.execPath);
    expect(findExecutable('node', { PATH: `/nonexistent:${process.execPath.replace(/\/node$/, '')}` })).toBe(
      process.execPath,
    );
    expect(findExecutable('no-such-command-axon', { PATH: process.env.PATH ?? '' })).toBeUndefined();
  });
});
