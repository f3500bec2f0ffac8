import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The names of the TypeScript sample agents. */
export type SampleAgentName = 'developer' | 'reviewer' | 'tester';

// From dist/ the agents are next to this file; from src/ (tests run on sources) they are in ../dist.
function distDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith('dist') ? here : join(here, '..', 'dist');
}

/** The package's root directory. */
export const sampleAgentsRoot: string = join(distDir(), '..');

/** Absolute path of a built agent script (`dist/<name>.js`); run it with `node <path>`. */
export function sampleAgentPath(name: SampleAgentName): string {
  return join(distDir(), `${name}.js`);
}

/** Absolute path of the Python 3 sample agent; run it with `python3 <path>`. */
export const pythonAgentPath: string = join(sampleAgentsRoot, 'python', 'summary_agent.py');

/**
 * How to start each sample agent: command, args and the capabilities it announces. `node` is the running
 * Node.js binary (`process.execPath`). Throws when the agents are not built, naming the build command.
 */
export function sampleAgentCommand(name: SampleAgentName): { command: string; args: string[]; capabilities: string[] } {
  const path = sampleAgentPath(name);
  if (!existsSync(path)) {
    throw new Error(
      `sample agent "${name}" is not built (${path} missing): run \`pnpm --filter @axon/sample-agents build\``,
    );
  }
  return { command: process.execPath, args: [path], capabilities: [...SAMPLE_AGENT_CAPABILITIES[name]] };
}

/** The capabilities each sample agent announces in `initialize`. */
export const SAMPLE_AGENT_CAPABILITIES: Readonly<Record<SampleAgentName, readonly string[]>> = {
  developer: ['Planning', 'Refactoring', 'Research'],
  reviewer: ['CodeReview', 'Security', 'Analysis'],
  tester: ['Testing', 'Verification'],
};
