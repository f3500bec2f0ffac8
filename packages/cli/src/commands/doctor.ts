import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentRuntime } from '@axon/core';
import { discoverCortex, McpServerPool } from '@axon/mcp';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { renderTable } from '../output/table.js';
import { bundledAgentPath } from '../util/agents.js';
import { configFile, loadRuntimeConfig, type GlobalOptions } from '../util/config.js';
import { definedOnly } from '../util/options.js';

/** One line of the doctor's report. */
export interface DoctorCheck {
  /** What was checked. */
  check: string;
  /** `ok`, `warn` (works, degraded) or `fail` (Axon cannot work as configured: exit code 1). */
  status: 'ok' | 'warn' | 'fail';
  /** What was found, and why. */
  detail: string;
}

/** What the runtime's start-up probe found (isolation mechanisms and notes). */
type PlatformCaps = Awaited<ReturnType<AgentRuntime['start']>>;

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  // 20.19 is the first Node.js 20 that can require() ESM-only packages (execa), which the CJS builds do.
  const supported = major > 20 || (major === 20 && minor >= 19);
  return {
    check: 'node',
    status: supported ? 'ok' : 'fail',
    detail: `Node.js ${process.version} (${supported ? 'supported' : 'Axon needs >= 20.19'}) on ${platform()} ${release()}, ${cpus().length} CPU(s)`,
  };
}

// The probe a runtime runs when it starts (a real `true` under each mechanism): start one, read it, stop it.
async function probePlatform(options: GlobalOptions): Promise<PlatformCaps> {
  const runtime = new AgentRuntime(loadRuntimeConfig(options));
  try {
    return await runtime.start();
  } finally {
    await runtime.shutdown({ timeout: 5_000 });
  }
}

async function isolationChecks(options: GlobalOptions): Promise<DoctorCheck[]> {
  let caps: PlatformCaps;
  try {
    caps = await probePlatform(options);
  } catch (error) {
    return [{ check: 'isolation', status: 'fail', detail: `the runtime did not start: ${(error as Error).message}` }];
  }
  const note = (needle: string): string => caps.notes.find((n) => n.includes(needle)) ?? '';
  return [
    {
      check: 'process groups',
      status: 'ok',
      detail: 'each agent leads its own process group; termination signals reach its whole tree',
    },
    {
      check: 'parent-death signal',
      status: caps.pdeathsig ? 'ok' : 'warn',
      detail: caps.pdeathsig
        ? 'setpriv --pdeathsig KILL works: agents die with a SIGKILLed runtime'
        : note('pdeathsig') || 'unavailable',
    },
    {
      check: 'PID namespace',
      status: caps.pidNamespace === 'none' ? 'warn' : 'ok',
      detail:
        caps.pidNamespace === 'none'
          ? note('unshare') || 'unavailable'
          : `unshare --pid works (${caps.pidNamespace === 'root' ? 'as root' : 'in a user namespace'}): no grandchild outlives its agent`,
    },
    {
      check: 'fd limit',
      status: caps.fdLimit ? 'ok' : 'warn',
      detail: caps.fdLimit ? 'open files capped per agent with an rlimit' : note('ulimit') || 'unavailable',
    },
    {
      check: 'cgroups',
      status: caps.cgroup ? 'ok' : 'warn',
      detail: caps.cgroup
        ? `cgroup v${caps.cgroup.version}: memory ${caps.cgroup.memoryParent ? 'limit enforced by the kernel' : 'not enforced: controller not enabled'}, pids ${caps.cgroup.pidsParent ? 'capped' : 'not enforced: controller not enabled'}${caps.notes.some((n) => n.startsWith('cgroup v2:')) ? ` (${caps.notes.filter((n) => n.startsWith('cgroup v2:')).join(' ')})` : ''}`
        : `${caps.notes.find((n) => /cgroup/i.test(n)) ?? 'unavailable'}; memory and CPU limits are enforced by sampling instead`,
    },
    {
      check: 'sandbox',
      status: caps.sandbox.available ? 'ok' : 'warn',
      detail: caps.sandbox.available
        ? 'bubblewrap with user, PID and network namespaces works: sandboxed agents can run (docs/security.md)'
        : `not available: ${caps.sandbox.missing ?? 'unknown'}; sandboxed spawns are refused with SANDBOX_UNAVAILABLE`,
    },
  ];
}

async function cortexChecks(options: GlobalOptions): Promise<DoctorCheck[]> {
  const config = loadRuntimeConfig(options);
  const mcp = definedOnly(config.mcp as Record<string, unknown>);
  let found;
  try {
    found = await discoverCortex(mcp);
  } catch (error) {
    return [{ check: 'cortex', status: 'fail', detail: (error as Error).message }];
  }
  const skipped = found.tried.filter((t) => !t.ok).map((t) => `${t.source}: ${t.reason}`);
  const checks: DoctorCheck[] = [
    { check: 'cortex', status: 'ok', detail: `${found.source}: ${found.path}` },
    {
      check: 'cortex discovery',
      status: 'ok',
      detail: `${found.reason}${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}`,
    },
  ];
  // A real handshake on a scratch database, so that the user's memories are not touched.
  const dir = mkdtempSync(join(tmpdir(), 'axon-doctor-'));
  const pool = new McpServerPool({
    ...mcp,
    cortexBinaryPath: found.path,
    cortexEnv: { CORTEX_DB: join(dir, 'doctor.db') },
    mode: 'shared',
    idleTimeout: 0,
  });
  try {
    const listed = await pool.listTools('axon-doctor');
    if (listed.errors[0]) throw listed.errors[0].error;
    const tools = listed.tools.map((t) => t.name);
    const missing = ['cortex_search', 'cortex_store', 'cortex_retrieve', 'cortex_consolidate'].filter(
      (t) => !tools.includes(t),
    );
    checks.push({
      check: 'cortex handshake',
      status: missing.length ? 'warn' : 'ok',
      detail: missing.length
        ? `missing tools: ${missing.join(', ')}`
        : `MCP handshake done, ${tools.length} tools listed`,
    });
  } catch (error) {
    checks.push({ check: 'cortex handshake', status: 'fail', detail: (error as Error).message });
  } finally {
    await pool.shutdownAll();
    rmSync(dir, { recursive: true, force: true });
  }
  return checks;
}

function configCheck(options: GlobalOptions): DoctorCheck {
  const file = configFile(options);
  try {
    loadRuntimeConfig(options);
    return {
      check: 'config',
      status: 'ok',
      detail: file ? `${file} is valid` : 'no config file: defaults and AXON_* environment',
    };
  } catch (error) {
    return { check: 'config', status: 'fail', detail: (error as Error).message };
  }
}

// better-sqlite3 as the bundled Cortex loads it (@axon/cli → @axon/mcp → @axon/cortex → better-sqlite3).
function sqliteCheck(): DoctorCheck {
  const check = 'sqlite native addon';
  let Database: new (path: string) => { close(): void };
  try {
    const fromMcp = createRequire(createRequire(import.meta.url).resolve('@axon/mcp'));
    const fromCortex = createRequire(fromMcp.resolve('@axon/cortex/package.json'));
    Database = fromCortex('better-sqlite3') as typeof Database;
  } catch (error) {
    return { check, status: 'warn', detail: `the bundled Cortex is not installed: ${(error as Error).message}` };
  }
  try {
    new Database(':memory:').close();
    return { check, status: 'ok', detail: 'better-sqlite3 loads (the bundled Cortex can open its database)' };
  } catch (error) {
    const message = (error as Error).message;
    const missing = /Could not locate the bindings file|NODE_MODULE_VERSION|different Node\.js version/.test(message);
    return {
      check,
      status: 'fail',
      detail: missing
        ? "better-sqlite3's native addon is not built (install scripts were blocked or it was built for another Node.js): " +
          'pnpm: add better-sqlite3 to `onlyBuiltDependencies` in pnpm-workspace.yaml (or `pnpm approve-builds`), then `pnpm rebuild better-sqlite3`; ' +
          'npm: install without --ignore-scripts, or `npm rebuild better-sqlite3`'
        : `better-sqlite3 does not load: ${message.split('\n')[0]}`,
    };
  }
}

function agentsCheck(): DoctorCheck {
  const missing = (['developer', 'reviewer', 'tester'] as const).filter((n) => !existsSync(bundledAgentPath(n)));
  return missing.length
    ? {
        check: 'sample agents',
        status: 'warn',
        detail: `not built: ${missing.join(', ')} (axon query and sample: agents need them)`,
      }
    : { check: 'sample agents', status: 'ok', detail: 'developer, reviewer, tester bundled' };
}

function pythonCheck(): Promise<DoctorCheck> {
  return new Promise((resolve) =>
    execFile('python3', ['--version'], { timeout: 5_000 }, (error, stdout, stderr) =>
      resolve(
        error
          ? {
              check: 'python3',
              status: 'warn',
              detail: 'python3 not found: the Python sample agent cannot run (optional)',
            }
          : { check: 'python3', status: 'ok', detail: `${(stdout || stderr).trim()} (for agents written in Python)` },
      ),
    ),
  );
}

/** Runs every check. */
export async function runDoctor(options: GlobalOptions): Promise<DoctorCheck[]> {
  const config = configCheck(options);
  const [isolation, cortex, python] = await Promise.all([
    config.status === 'fail' ? Promise.resolve<DoctorCheck[]>([]) : isolationChecks(options),
    config.status === 'fail' ? Promise.resolve<DoctorCheck[]>([]) : cortexChecks(options),
    pythonCheck(),
  ]);
  return [nodeCheck(), config, sqliteCheck(), ...cortex, ...isolation, agentsCheck(), python];
}

/** `axon doctor`. */
export function doctorCommand(io: CliIo): Command {
  return new Command('doctor')
    .description('check this machine: Node.js, config, which Cortex is found and why, which isolation and limits work')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const checks = await runDoctor(cmd.optsWithGlobals<GlobalOptions>());
      const failed = checks.filter((c) => c.status === 'fail');
      if (opts.json) printJson(io.out, { ok: failed.length === 0, checks });
      else {
        println(
          io.out,
          renderTable(
            ['check', 'status', 'detail'],
            checks.map((c) => [c.check, c.status, c.detail]),
          ),
        );
        println(io.out);
        println(io.out, failed.length ? `${failed.length} check(s) failed` : 'all required checks passed');
      }
      if (failed.length) {
        throw new CliError('DOCTOR_FAILED', `${failed.map((c) => c.check).join(', ')} failed`, {
          hint: 'see the detail column above',
          data: { reported: true },
        });
      }
    });
}
