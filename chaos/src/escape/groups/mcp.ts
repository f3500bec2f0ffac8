import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { processesWithMarker } from '../../support/proc.js';
import { fixture } from '../../support/paths.js';
import { waitFor } from '../../support/stats.js';
import type { EscapeAttempt } from '../types.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** MCP servers: an extra server that ignores stdin EOF must not outlive a SIGKILLed runtime. */
export const mcp: EscapeAttempt[] = [
  {
    id: 'mcp.orphan',
    group: 'mcp',
    title: 'an extra MCP server (ignores stdin EOF, has a child) outlives a SIGKILLed runtime',
    async run() {
      const marker = `axon-escape-mcp-${randomUUID()}`;
      const host = spawn(process.execPath, [fixture('mcp-host.mjs'), marker], { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise<string>((resolve, reject) => {
        let buf = '';
        host.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
        });
        host.once('exit', (code) => reject(new Error(`mcp-host exited early (${code})`)));
      });
      const { cortex } = JSON.parse(line) as { cortex: number };
      const pids = [cortex, ...processesWithMarker(marker).map((p) => p.pid)];
      host.kill('SIGKILL');
      await new Promise((r) => host.once('exit', r));
      const gone = await waitFor(() => pids.every((p) => !alive(p)), 10_000);
      const left = pids.filter(alive);
      for (const p of left) process.kill(p, 'SIGKILL');
      return {
        escaped: !gone,
        outcome: gone
          ? `Cortex, the server and its child (${pids.length} host pids) gone after the SIGKILL`
          : `${left.length} of ${pids.length} left`,
      };
    },
  },
];
