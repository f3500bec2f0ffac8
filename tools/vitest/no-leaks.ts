import { afterAll } from 'vitest';
import { waitForNoDescendants } from './descendants.js';

// Every test file must end with zero leftover child processes. The leak is killed so that later
// files are not affected, and the file fails naming what it left behind.
afterAll(async () => {
  const left = await waitForNoDescendants(5000);
  if (left.length === 0) return;
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  throw new Error(
    `test file leaked ${left.length} process(es): ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`,
  );
}, 10_000);
