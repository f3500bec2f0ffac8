import { describe, expect, it } from 'vitest';
import type { ExitInfoLike } from '../../src/executor/deps.js';
import { ExitWatch } from '../../src/executor/exit-watch.js';

function exitedLater(): { exited: Promise<ExitInfoLike>; exit: (i: ExitInfoLike) => void } {
  let exit!: (i: ExitInfoLike) => void;
  return { exited: new Promise((r) => (exit = r)), exit };
}

describe('ExitWatch', () => {
  it('resolves current waiters on exit and not disposed ones', async () => {
    const { exited, exit } = exitedLater();
    const w = new ExitWatch(exited);
    const a = w.wait();
    const b = w.wait();
    b.dispose();
    let bSettled = false;
    void b.promise.then(() => (bSettled = true));
    exit({ exitCode: 1, signal: null });
    await expect(a.promise).resolves.toEqual({ exitCode: 1, signal: null });
    await new Promise((r) => setTimeout(r, 10));
    expect(bSettled).toBe(false);
  });
  it('answers at once after the exit', async () => {
    const w = new ExitWatch(Promise.resolve({ exitCode: 0, signal: null }));
    await new Promise((r) => setTimeout(r, 0));
    await expect(w.wait().promise).resolves.toEqual({ exitCode: 0, signal: null });
  });
});
