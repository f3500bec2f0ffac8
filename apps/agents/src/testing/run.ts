import { spawn } from 'node:child_process';
import { splitCommand } from './command.js';

/** How a test command ended. */
export interface CommandResult {
  /** argv that was run. */
  argv: string[];
  /** Exit code, `null` when a signal ended it. */
  exitCode: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** True when the timeout stopped it. */
  timedOut: boolean;
  /** True when the AbortSignal stopped it. */
  cancelled: boolean;
  /** stdout and stderr interleaved as they arrived, capped at `maxOutputBytes` (the tail is kept). */
  output: string;
  /** From start to exit, ms. */
  durationMs: number;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Working directory. */
  cwd: string;
  /** Stop the command after this long, ms (SIGTERM, then SIGKILL 2 s later). */
  timeout: number;
  /** Stops the command like the timeout does. */
  signal?: AbortSignal;
  /** Output kept, bytes (the tail). Default 1 MiB. */
  maxOutputBytes?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/**
 * Runs a command line (no shell) as a child process in the agent's process group, so that the runtime's
 * group termination also reaches it. Resolves when it exits; never rejects on a non-zero exit.
 */
export function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
  const argv = splitCommand(command);
  const maxBytes = options.maxOutputBytes ?? 1024 * 1024;
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const append = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.length > maxBytes) output = output.slice(output.length - maxBytes);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const stop = (): void => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeout);
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`cannot run test command "${command}": ${error.message}`, { cause: error }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolvePromise({ argv, exitCode, signal, timedOut, cancelled, output, durationMs: Date.now() - started });
    });
  });
}
