import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

let probed: Promise<string | undefined> | undefined;

/**
 * The absolute path of a working `setpriv` (util-linux) on Linux, else `undefined`. Servers are started under
 * `setpriv --pdeathsig KILL`, so the kernel kills a server when the pool's process dies, even by SIGKILL (when no
 * exit handler runs). Probed once per process by running `setpriv --pdeathsig KILL -- true`.
 */
export function parentDeathWrapper(): Promise<string | undefined> {
  probed ??= (async () => {
    if (process.platform !== 'linux') return undefined;
    const path = (process.env.PATH ?? '/usr/bin:/bin')
      .split(delimiter)
      .map((dir) => join(dir, 'setpriv'))
      .find((file) => {
        try {
          accessSync(file, constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
    if (path === undefined) return undefined;
    const works = await new Promise<boolean>((resolve) =>
      execFile(path, ['--pdeathsig', 'KILL', '--', 'true'], { timeout: 5_000 }, (err) => resolve(!err)),
    );
    return works ? path : undefined;
  })();
  return probed;
}

/**
 * The executable `command` names, as `spawn` would find it (a path, else a search of the child's `PATH`), or
 * `undefined`. Checked before wrapping, so that a missing command still fails the start with `ENOENT` rather than
 * with the wrapper's exit code.
 */
export function findExecutable(command: string, env: Record<string, string>, cwd?: string): string | undefined {
  const candidates = command.includes('/')
    ? [resolve(cwd ?? process.cwd(), command)]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
