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
  /** The sandbox the agent runs in (bubblewrap), or null when it is not sandboxed. */
  sandbox: SandboxReport | null;
  /**
   * How each limit is enforced, as verified at spawn: `kernel: …` (a cgroup or rlimit value that was written and
   * took), `sampled: …` (checked every sampling interval, the agent is stopped when over), or
   * `not enforced: <reason>`.
   */
  enforcement: { memory: string; processes: string; openFiles: string };
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
  /** Whether sandboxed agents can run here (bubblewrap with user namespaces), and if not what is missing. */
  sandbox: { available: boolean; missing: string | null };
  /** Why mechanisms are missing. */
  notes: string[];
}

/** What a sandboxed agent can see and reach. */
export interface SandboxReport {
  /** `none`, or the host names reachable through the runtime's filtering proxy. */
  network: 'none' | string[];
  /** The uid inside the sandbox (never 0). */
  uid: number;
  /** The host uid the sandbox maps to (the runtime's, or the policy's `hostUser`). */
  hostUid: number;
  /** Paths visible read-only beyond the system directories. */
  read: string[];
  /** Paths writable: the workspace (unless read-only), the policy's `write`; plus a private `/tmp`. */
  write: string[];
}
