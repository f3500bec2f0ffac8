import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageReadPaths } from '@axon/sandbox';

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

/** The part of a sandbox policy (`@axon/sandbox` `SandboxPolicy`) that the sample agents need. */
export interface SampleAgentSandbox {
  filesystem: { read: string[] };
  network: 'none';
}

/**
 * The sandbox a sample agent runs in: its own package and its run-time dependencies readable (real paths, so pnpm's
 * symlinked layout resolves inside), the working directory (the task's code base) as the workspace, no network.
 * The agents reach Cortex through the runtime over their stdio, so they need nothing else. `extraRead`: more
 * absolute paths to make readable, e.g. the toolchain a code base's tests need when it lives outside the code base.
 */
export function sampleAgentSandbox(extraRead: readonly string[] = []): SampleAgentSandbox {
  // The package as reached (maybe through a symlink) and as it really is, then what it depends on.
  const read = [...nodePackageReadPaths(sampleAgentsRoot), ...extraRead];
  return { filesystem: { read: [...new Set(read)] }, network: 'none' };
}
