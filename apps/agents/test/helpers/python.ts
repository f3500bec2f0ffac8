import { execFileSync } from 'node:child_process';

/** Whether `python3` runs here (the Python agent's tests are skipped otherwise). */
export const hasPython: boolean = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
