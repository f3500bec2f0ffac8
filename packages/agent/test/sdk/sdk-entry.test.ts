import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as full from '../../src/index.js';
import * as sdk from '../../src/sdk.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every module reached from `file` through value imports/re-exports (type-only ones are erased by the compiler). */
function valueImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) valueImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('@axon/agent/sdk', () => {
  it('reaches no zod module, so an agent starts without loading zod', () => {
    const reached = [...valueImports(resolve(src, 'sdk.ts'))];
    expect(reached.some((f) => f.endsWith('/peer.ts'))).toBe(true);
    expect(
      reached.filter(
        (f) => f === 'zod' || f.startsWith('zod/') || f.includes('/protocol/schemas/') || f.endsWith('/methods.ts'),
      ),
    ).toEqual([]);
  });

  it('exports the same runAgent, peer and errors as the main entry', () => {
    for (const name of Object.keys(sdk))
      expect((full as Record<string, unknown>)[name], name).toBe((sdk as Record<string, unknown>)[name]);
    expect(Object.keys(sdk).sort()).toEqual([
      'AAP_PROTOCOL_VERSION',
      'AapErrorCode',
      'AgentError',
      'JsonRpcPeer',
      'PeerClosedError',
      'RpcError',
      'aapErrorName',
      'isAgentError',
      'isRpcError',
      'runAgent',
    ]);
  });
});
