import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `axon` executable (tests run the real CLI as a process). */
export const AXON_BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
if (!existsSync(AXON_BIN)) throw new Error(`${AXON_BIN} is missing: build @axon/cli first`);

/** What a finished `axon` run printed and returned. */
export interface AxonRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `axon` process. */
export interface AxonProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  done: Promise<AxonRun>;
}

/** Starts `node dist/cli.js …args` with `cwd` and extra `env`; stdout/stderr are pipes (not a TTY). */
export function startAxon(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): AxonProcess {
  const child = spawn(process.execPath, [AXON_BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.input ?? '');
  const done = new Promise<AxonRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs `axon …args` to completion. */
export function axon(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<AxonRun> {
  return startAxon(args, opts).done;
}
