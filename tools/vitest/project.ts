import { fileURLToPath } from 'node:url';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const noLeaks = fileURLToPath(new URL('./no-leaks.ts', import.meta.url));

/**
 * The vitest project every package uses: tests run against workspace sources (the `@axon/source`
 * export condition), each file ends with a check that no child process was left behind.
 */
export function axonProject(name: string, overrides: UserWorkspaceConfig['test'] = {}): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ['@axon/source'] },
    ssr: { resolve: { conditions: ['@axon/source'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      setupFiles: [noLeaks],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...overrides,
    },
  });
}
