import { readFileSync } from 'node:fs';
import { format } from 'node:util';

/** Sends `console.log`/`info`/`debug` to stderr so that stdout carries protocol frames only. */
export function redirectConsoleToStderr(): void {
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/** True when this process leads its own process group (Linux only; `false` where it cannot tell). */
export function isProcessGroupLeader(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after "(comm)": state ppid pgrp …
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return pgrp === process.pid;
  } catch {
    return false;
  }
}

/** SIGTERMs the other members of our process group (our descendants), if we lead one; we ignore our own copy. */
export function terminateOwnProcessGroup(): void {
  if (!isProcessGroupLeader()) return;
  process.on('SIGTERM', () => {});
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {
    /* nobody left */
  }
}

/** Resolves once `output` flushed its buffer, or after `timeoutMs`. */
export function waitForDrain(output: NodeJS.WritableStream, timeoutMs: number): Promise<void> {
  const pending = (output as { writableLength?: number }).writableLength ?? 0;
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    output.once('drain', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves when `promise` settles or `timeoutMs` passes, whichever is first; never rejects. */
export function settleWithin(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
