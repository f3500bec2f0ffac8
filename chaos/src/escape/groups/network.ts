import type { EscapeAttempt } from '../types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Network: the host's loopback, names off and on the allowlist, an IP literal through the proxy. */
export const network: EscapeAttempt[] = [
  {
    id: 'net.loopback',
    group: 'network',
    title: 'TCP to a port the suite serves on the host loopback',
    control: true,
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'tcp', host: '127.0.0.1', port: ctx.loopbackPort });
      return { escaped: r.result === 'connected', outcome: str(r.result) };
    },
  },
  {
    id: 'net.denied-name',
    group: 'network',
    title: 'a host name not on the allowlist, through the proxy',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'proxy', target: `${ctx.deniedName}:${ctx.serverPort}` });
      return { escaped: r.result === 'reached', outcome: str(r.result) };
    },
  },
  {
    id: 'net.ip-literal',
    group: 'network',
    title: 'the same server by IP literal, through the proxy',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'proxy', target: `127.0.0.1:${ctx.serverPort}` });
      return { escaped: r.result === 'reached', outcome: str(r.result) };
    },
  },
  {
    id: 'net.allowed-name',
    group: 'network',
    title: '(allowed) the host name on the allowlist, through the proxy',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'proxy', target: `${ctx.allowedName}:${ctx.serverPort}` });
      // Reaching it is the policy working; failing to would be a broken allowlist, reported in the outcome.
      return {
        escaped: false,
        outcome: r.result === 'reached' ? 'reached (allowed)' : `NOT reached: ${str(r.result)}`,
      };
    },
  },
];
