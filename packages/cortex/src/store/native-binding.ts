// better-sqlite3 compiles (or downloads) its native addon in an install script. Where install scripts are blocked
// (pnpm 10 by default, `npm install --ignore-scripts`, an npm script policy) the addon is missing and every open
// fails with "Could not locate the bindings file"; after a Node.js upgrade it was built for another ABI.
const MISSING =
  /Could not locate the bindings file|NODE_MODULE_VERSION|was compiled against a different Node\.js version/;

/** What to do when better-sqlite3's native addon cannot load, or `undefined` when `error` is something else. */
export function nativeBindingAdvice(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!MISSING.test(message)) return undefined;
  return (
    "better-sqlite3's native addon is not built (its install script was blocked or built for another Node.js). " +
    'pnpm: add better-sqlite3 to `onlyBuiltDependencies` in pnpm-workspace.yaml (or run `pnpm approve-builds`), then ' +
    '`pnpm rebuild better-sqlite3`; npm: install without --ignore-scripts, or run `npm rebuild better-sqlite3`'
  );
}
