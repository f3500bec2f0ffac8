import { spawnSync } from 'node:child_process';

/** Whether `python3` runs here (tests of the Python agent are skipped otherwise). */
export const hasPython: boolean = spawnSync('python3', ['--version']).status === 0;
