import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample agents bundled with the CLI. */
export type BundledAgent = 'developer' | 'reviewer' | 'tester';

/** Capabilities each bundled agent announces. */
export const BUNDLED_AGENT_CAPABILITIES: Record<BundledAgent, string[]> = {
  developer: ['Planning', 'Refactoring', 'Research'],
  reviewer: ['CodeReview', 'Security', 'Analysis'],
  tester: ['Testing', 'Verification'],
};

// dist/cli.js → dist/agents/<name>.js; from src/ (tests on sources) the built dist/ next to it.
function distDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (here.endsWith('dist')) return here;
  return join(here, '..', '..', 'dist');
}

/** Absolute path of a bundled sample agent (`dist/agents/<name>.js`). */
export function bundledAgentPath(name: BundledAgent): string {
  return join(distDir(), 'agents', `${name}.js`);
}

/** Command, args and capabilities of a bundled sample agent; throws when it is missing. */
export function bundledAgent(name: BundledAgent): { command: string; args: string[]; capabilities: string[] } {
  const path = bundledAgentPath(name);
  if (!existsSync(path)) throw new Error(`bundled sample agent ${name} is missing at ${path}: rebuild @axon/cli`);
  return { command: process.execPath, args: [path], capabilities: [...BUNDLED_AGENT_CAPABILITIES[name]] };
}
