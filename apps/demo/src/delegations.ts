import type { AgentRuntime } from '@axon/core';

/** A task delegation as `AgentRuntime` takes it. */
export type DelegationInput = Parameters<AgentRuntime['executeTask']>[1];

/** Which demo agent runs a delegation. */
export type DemoWorker = 'Developer-1' | 'Reviewer-1' | 'Tester-1';

/** The seed's three delegations, scoped to the sample project (paths relative to `root`). */
export function demoDelegations(
  root: string,
  workspaceId: string,
): Array<{ worker: DemoWorker; delegation: DelegationInput }> {
  const context = { root, workspaceId };
  return [
    {
      worker: 'Developer-1',
      delegation: {
        taskId: 'auth-feature',
        objective: 'Implement the authentication feature: plan concrete changes that harden the auth module',
        outputFormat: { formatType: 'json', requiredSections: ['plan'] },
        boundaries: { scope: ['src/auth'], constraints: ['keep the public API'], maxToolCalls: 20, timeout: '120s' },
        priority: 8,
        requiredCapabilities: ['Planning'],
        // The three run in parallel: the developer waits (through the message bus) for the reviewer's findings.
        context: { ...context, awaitReviewMs: 60_000 },
      },
    },
    {
      worker: 'Reviewer-1',
      delegation: {
        taskId: 'code-review',
        objective: 'Review the auth module for security and maintainability issues',
        outputFormat: { formatType: 'json', requiredSections: ['findings', 'recommendations'] },
        boundaries: { scope: ['src/auth'], maxToolCalls: 15, timeout: '90s' },
        priority: 7,
        requiredCapabilities: ['CodeReview'],
        context,
      },
    },
    {
      worker: 'Tester-1',
      delegation: {
        taskId: 'auth-tests',
        objective: 'Run the auth module tests and report the results',
        outputFormat: { formatType: 'json', requiredSections: ['counts'] },
        boundaries: { scope: ['test'], maxToolCalls: 25, timeout: '150s' },
        priority: 6,
        requiredCapabilities: ['Testing'],
        context: { ...context, testCommand: 'node test/run.mjs' },
      },
    },
  ];
}
