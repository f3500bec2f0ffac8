import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The bundled Cortex's entry script: `cortexBinPath` of @axon/cortex, else its package.json `bin`. */
export async function bundledCortexPath(): Promise<string> {
  try {
    const mod = (await import('@axon/cortex')) as { cortexBinPath?: unknown };
    if (typeof mod.cortexBinPath === 'string') return mod.cortexBinPath;
  } catch {
    /* fall back to the package's bin field */
  }
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@axon/cortex/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.cortex;
  return join(dirname(pkgJson), bin ?? 'dist/cli.js');
}
