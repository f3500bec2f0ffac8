import type { AgentRuntime } from '@axon/core';

/** What an attempt gets: a running runtime with a hostile agent, and the things it will try to reach. */
export interface EscapeContext {
  runtime: AgentRuntime;
  /** The hostile agent (chaos/fixtures/hostile-agent.mjs), sandboxed unless `sandboxed` is false. */
  agentId: string;
  /** Whether the agent runs in a sandbox (false for the control run, which shows the attempts can succeed). */
  sandboxed: boolean;
  /** Runs one attempt on the hostile agent (a task with `context.attempt`) and returns its answer. */
  attempt(attempt: { kind: string } & Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A scratch directory outside the workspace (holds the secret file). */
  dir: string;
  /** The agent's workspace (its working directory). */
  workspace: string;
  /** A file outside the workspace whose content is {@link secretText}. */
  secretFile: string;
  secretText: string;
  /** Secret environment variables set in the runtime's own environment: name → value. */
  secrets: Record<string, string>;
  /** A TCP port the suite serves on the host's loopback. */
  loopbackPort: number;
  /** A host name on the agent's allowlist, served by a local HTTP server (registered under that name). */
  allowedName: string;
  /** A host name not on the allowlist, served by the same server. */
  deniedName: string;
  /** The local server's port. */
  serverPort: number;
  /** Processes the suite caps the agent at (`maxProcesses`). */
  maxProcesses: number;
}

/** The outcome of one attempt. */
export interface AttemptOutcome {
  /** True when the agent got what it tried for (read the secret, wrote outside, reached the network, …). */
  escaped: boolean;
  /** What happened, in a few words (`ENOENT`, `403 not on the allowlist`, `stopped at 64 processes`). */
  outcome: string;
}

/** One thing a hostile agent tries. Groups live in `groups/`, one file each; `index.ts` lists them. */
export interface EscapeAttempt {
  /** Short id, unique in the suite, e.g. `fs.read-secret`. */
  id: string;
  /** The group (file) it belongs to, e.g. `filesystem`. */
  group: string;
  /** What the agent tries, one line. */
  title: string;
  /** Also run against an unsandboxed agent (the control run): safe to let succeed on the host. */
  control?: boolean;
  run(ctx: EscapeContext): Promise<AttemptOutcome>;
}

/** One row of the results table. */
export interface AttemptResult extends AttemptOutcome {
  id: string;
  group: string;
  title: string;
}
