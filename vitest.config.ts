import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'e2e', 'chaos'],
    // 2-core machines: real processes per test, so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
    pool: 'forks',
    reporters: ['default', './tools/vitest/slowest-files.ts'],
  },
});
