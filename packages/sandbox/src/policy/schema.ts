import { z } from 'zod';

const absolutePath = z.string().refine((p) => p.startsWith('/'), { message: 'must be an absolute path' });

// RFC 1123 host names, optionally with a leading `*.` wildcard label.
const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** A network allowlist: only these host names, through the runtime's HTTP CONNECT proxy. */
export const NetworkAllowlistSchema = z.object({
  /**
   * Host names the agent may reach (`api.example.com`, or `*.example.com` for every subdomain). Matched
   * case-insensitively against the name in the CONNECT request; IP literals never match unless listed.
   */
  allow: z.array(z.string().regex(HOST_PATTERN, 'must be a host name, optionally starting with "*."')).min(1),
  /** Ports allowed on those hosts. Default `[443, 80]`. */
  ports: z.array(z.number().int().min(1).max(65_535)).default([443, 80]),
  /**
   * Fixed addresses for allowed names (`{ "api.internal": "10.0.0.7" }`), resolved by the proxy instead of DNS.
   * Default `{}`.
   */
  hosts: z.record(z.string(), z.string().min(1)).default({}),
});

/** Filesystem view of a sandboxed process. */
export const FilesystemPolicySchema = z.object({
  /** Extra absolute paths mounted read-only (the agent's code, its node_modules, data). Default `[]`. */
  read: z.array(absolutePath).default([]),
  /** Extra absolute paths mounted read-write. Default `[]`. */
  write: z.array(absolutePath).default([]),
  /** How the working directory (the agent's workspace) is mounted: `write` or `read`. Default `write`. */
  workspace: z.enum(['write', 'read']).default('write'),
});

/**
 * What a sandboxed process may see and do. Everything not listed is invisible: system directories (`/usr`, `/bin`,
 * `/lib*`, a few files of `/etc`) are mounted read-only, the workspace and a private `/tmp` are writable, `/proc` is
 * the sandbox's own and `/sys` (and with it cgroupfs) is absent.
 */
export const SandboxPolicySchema = z.object({
  /** Paths visible beyond the system directories. */
  filesystem: FilesystemPolicySchema.prefault({}),
  /** `none` (default): no network at all, not even the host's loopback; or an allowlist of host names. */
  network: z.union([z.literal('none'), NetworkAllowlistSchema]).default('none'),
  /** The uid (and gid) the process runs as inside the sandbox; never 0. Default 65534 (`nobody`). */
  uid: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31)
    .default(65_534),
  /**
   * Run the sandbox as this host uid/gid (`setpriv` before bubblewrap) when the runtime is root. Off by default:
   * the sandbox then maps to the runtime's uid, which the kernel exempts from the process-count rlimit when it is
   * root (the pids cgroup still applies). Set it to an unprivileged uid that can use the workspace.
   */
  hostUser: z.object({ uid: z.number().int().min(1), gid: z.number().int().min(1) }).optional(),
});

/** Input accepted wherever a sandbox policy is configured (all fields optional). */
export type SandboxPolicyInput = z.input<typeof SandboxPolicySchema>;
/** {@link SandboxPolicySchema} after defaults. */
export type SandboxPolicy = z.infer<typeof SandboxPolicySchema>;
/** {@link NetworkAllowlistSchema} after defaults. */
export type NetworkAllowlist = z.infer<typeof NetworkAllowlistSchema>;

/**
 * Where a policy is chosen (runtime default, agent type, one spawn): a policy, `true` for the default policy, or
 * `false` to run without a sandbox.
 */
export const SandboxSettingSchema = z.union([z.boolean(), SandboxPolicySchema]);
/** Input of {@link SandboxSettingSchema}. */
export type SandboxSettingInput = z.input<typeof SandboxSettingSchema>;

/** The effective policy of a setting (`false` → null, `true` → the default policy). */
export function resolveSandboxSetting(setting: SandboxSettingInput | undefined): SandboxPolicy | null {
  if (setting === undefined || setting === false) return null;
  return SandboxPolicySchema.parse(setting === true ? {} : setting);
}
