import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The absolute path `command` runs as under `PATH` (relative to `cwd` when it has a slash), or undefined. */
export function resolveCommand(command: string, cwd: string, path: string | undefined): string | undefined {
  const candidates =
    command.includes('/') || isAbsolute(command)
      ? [resolve(cwd, command)]
      : (path ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(resolve(cwd, dir), command));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** True when `dir` is an existing directory. */
export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
