/**
 * Parent environment variables every agent gets (when set): what a program needs to find executables, its home,
 * its locale, its terminal and its temporary directory. Credentials (AWS_*, GITHUB_TOKEN, …) are never passed
 * unless named in `envAllowlist` or given in `environment`/`spec.env`.
 */
export const DEFAULT_ENV_ALLOWLIST: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TERM',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'SYSTEMROOT',
  'COMSPEC',
  'PATHEXT',
  'WINDIR',
];

/** Options of {@link buildAgentEnv}. */
export interface BuildEnvOptions {
  /** The parent environment to pick from. Default `process.env`. */
  parent?: NodeJS.ProcessEnv;
  /** Extra names passed through from the parent. */
  allowlist?: readonly string[];
  /** Pass the whole parent environment. */
  inherit?: boolean;
  /** Manager-wide extra variables. */
  environment?: Record<string, string>;
  /** The spec's variables (win over everything). */
  specEnv?: Record<string, string>;
}

/** The environment of one agent: allowlisted parent variables, then the manager's, then the spec's. */
export function buildAgentEnv(opts: BuildEnvOptions = {}): Record<string, string> {
  const parent = opts.parent ?? process.env;
  const env: Record<string, string> = {};
  const names = opts.inherit ? Object.keys(parent) : [...DEFAULT_ENV_ALLOWLIST, ...(opts.allowlist ?? [])];
  for (const name of names) {
    const v = parent[name];
    if (v !== undefined) env[name] = v;
  }
  return { ...env, ...opts.environment, ...opts.specEnv };
}
