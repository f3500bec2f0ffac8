import { accessSync, constants, statSync } from 'node:fs';

/** How to run an executable found at `path`: JavaScript files run with this Node, anything else directly. */
export function launchFor(path: string, args: readonly string[]): { command: string; args: string[] } {
  return /\.[cm]?js$/.test(path)
    ? { command: process.execPath, args: [path, ...args] }
    : { command: path, args: [...args] };
}

/** Why `path` cannot be run, or undefined when it can. */
export function notRunnable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
  } catch {
    return `${path} does not exist`;
  }
  if (/\.[cm]?js$/.test(path)) return undefined;
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `${path} is not executable`;
  }
}
