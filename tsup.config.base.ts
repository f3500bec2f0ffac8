import type { Options } from 'tsup';

/**
 * The one tsup configuration every package reuses: ESM + CJS + .d.ts, sourcemaps, Node 20.
 * `entry` defaults to `src/index.ts`; packages with binaries add their entry points.
 */
export function axonTsup(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    shims: true,
    ...overrides,
  };
}
