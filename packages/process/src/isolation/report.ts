/** What one agent got from the platform's containment mechanisms. */
export interface IsolationReport {
  /**
   * `full`: nothing the agent spawns can outlive it and it cannot outlive the runtime, even on SIGKILL (parent-death
   * signal + PID namespace); `partial`: some mechanisms (process group, rlimit, pdeathsig) only; `none`: isolation off.
   */
  level: 'full' | 'partial' | 'none';
  /** The agent leads its own process group (signals reach the whole group). */
  processGroup: boolean;
  /** The kernel kills the agent's wrapper when the runtime dies (`setpriv --pdeathsig KILL`, Linux). */
  parentDeathSignal: boolean;
  /** PID namespace: `root` (privileged), `user` (via an unprivileged user namespace) or `none`. */
  pidNamespace: 'root' | 'user' | 'none';
  /** The open-files rlimit set on the agent, or null when none was set. */
  fdLimit: number | null;
  /** The cgroup the agent runs in, or null. */
  cgroup: { version: 1 | 2; paths: string[]; memoryMaxBytes: number | null; pidsMax: number | null } | null;
  /** Why mechanisms are missing (one sentence each). */
  notes: string[];
}

/** What this machine offers, probed once per process by actually trying each mechanism. */
export interface PlatformCapabilities {
  platform: NodeJS.Platform;
  /** `setpriv --pdeathsig KILL` works. */
  pdeathsig: boolean;
  /** The flags that give a PID namespace (`[]` when none works). */
  pidNamespaceFlags: string[];
  pidNamespace: 'root' | 'user' | 'none';
  /** `sh -c 'ulimit -n N'` works. */
  fdLimit: boolean;
  /** Cgroup directories under which per-agent cgroups can be created, or null. */
  cgroup: { version: 1 | 2; memoryParent: string | null; pidsParent: string | null } | null;
  /** Why mechanisms are missing. */
  notes: string[];
}
