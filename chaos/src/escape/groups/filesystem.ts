import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EscapeAttempt } from '../types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Files: secrets outside the workspace, ~/.ssh, /etc/shadow, writes outside. */
export const filesystem: EscapeAttempt[] = [
  {
    id: 'fs.read-secret',
    group: 'filesystem',
    title: 'read a secret file outside the workspace',
    control: true,
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'read', path: ctx.secretFile });
      const escaped = str(r.text).includes(ctx.secretText);
      return { escaped, outcome: escaped ? 'read the secret' : str(r.result) };
    },
  },
  {
    id: 'fs.ssh',
    group: 'filesystem',
    title: 'list and read ~/.ssh of the runtime user',
    control: true,
    async run(ctx) {
      const ssh = join(homedir(), '.ssh');
      const r = await ctx.attempt({ kind: 'list', path: ssh });
      const onHost = existsSync(ssh);
      return {
        escaped: r.result === 'listed',
        outcome: `${str(r.result)} (${ssh} ${onHost ? 'exists' : 'does not exist'} on the host)`,
      };
    },
  },
  {
    id: 'fs.shadow',
    group: 'filesystem',
    title: 'read /etc/shadow',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'read', path: '/etc/shadow' });
      return { escaped: r.result === 'read', outcome: str(r.result) };
    },
  },
  {
    id: 'fs.write-outside',
    group: 'filesystem',
    title: 'write a file outside the workspace',
    control: true,
    async run(ctx) {
      const target = join(ctx.dir, 'written-by-agent.txt');
      const r = await ctx.attempt({ kind: 'write', path: target });
      const escaped = existsSync(target);
      return {
        escaped,
        outcome: escaped
          ? 'file created on the host'
          : `${str(r.result)} inside the sandbox (its private /tmp), nothing on the host`,
      };
    },
  },
  {
    id: 'fs.overwrite-secret',
    group: 'filesystem',
    title: 'overwrite the secret file outside the workspace',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'write', path: ctx.secretFile });
      const escaped = readFileSync(ctx.secretFile, 'utf8') !== ctx.secretText;
      return {
        escaped,
        outcome: escaped
          ? 'file changed on the host'
          : `${str(r.result)} inside the sandbox (its private /tmp), host file unchanged`,
      };
    },
  },
  {
    id: 'fs.write-workspace',
    group: 'filesystem',
    title: '(allowed) write inside the workspace',
    async run(ctx) {
      const target = join(ctx.workspace, 'agent-output.txt');
      const r = await ctx.attempt({ kind: 'write', path: target });
      // Not an escape either way; the row shows the policy lets the agent work.
      return { escaped: false, outcome: existsSync(target) ? 'written (allowed)' : `refused: ${str(r.result)}` };
    },
  },
];
