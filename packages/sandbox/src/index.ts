export {
  SandboxPolicySchema,
  SandboxSettingSchema,
  FilesystemPolicySchema,
  NetworkAllowlistSchema,
  resolveSandboxSetting,
} from './policy/schema.js';
export type { SandboxPolicy, SandboxPolicyInput, SandboxSettingInput, NetworkAllowlist } from './policy/schema.js';
export { nodePackageReadPaths, packagePaths } from './policy/node-packages.js';
export { probeSandbox, sandboxSupport } from './platform/probe.js';
export type { SandboxSupport } from './platform/probe.js';
export { bwrapArgs } from './bwrap/args.js';
export type { BwrapArgsOptions } from './bwrap/args.js';
export { NetworkProxy } from './network/proxy.js';
export type { NetworkProxyOptions, ProxyDecision } from './network/proxy.js';
export { hostAllowed } from './network/match.js';
export { signalGroup, signalPid, signalName, killOnExit } from './terminate/group.js';
export { probeContainment, containment, containArgv, PID_NAMESPACE_INIT } from './platform/contain.js';
export type { Containment } from './platform/contain.js';
export { resolveCommand, isDirectory } from './platform/resolve.js';
