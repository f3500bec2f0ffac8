import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { SandboxSettingInput } from '@axon/sandbox';
import { NODE, REPO_ROOT, fixture } from '../support/paths.js';
import { startRuntime, type ChaosRuntime } from '../support/runtime.js';
import type { EscapeContext } from './types.js';

const SECRET_NAMES = ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'OPENAI_API_KEY'];
const ALLOWED = 'allowed.escape.test';
const DENIED = 'denied.escape.test';

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** The world of one escape run: secrets, servers, a runtime and the hostile agent (sandboxed or, for control, not). */
export async function createEscapeContext(opts: {
  sandboxed: boolean;
  maxProcesses: number;
}): Promise<EscapeContext & { close(): Promise<void> }> {
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, `escape-${n.toLowerCase()}-${randomUUID()}`]));
  const saved = Object.fromEntries(SECRET_NAMES.map((n) => [n, process.env[n]]));
  const restore = () => {
    for (const n of SECRET_NAMES)
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
  };
  const tcp = createTcpServer((s) => {
    s.on('error', () => s.destroy());
    s.end('hello from the host loopback\n');
  });
  const http = createHttpServer((_req, res) => res.end('ESCAPE-SERVER'));
  const [loopbackPort, serverPort] = await Promise.all([listen(tcp), listen(http)]);
  // /proc/<pid>/environ shows a process's initial environment: a process started with the secrets stands for a
  // runtime (or any neighbour) launched with them, which the runtime's own later process.env changes would not show.
  const decoy = spawn(NODE, ['-e', 'setInterval(() => {}, 1e6)'], { env: { ...secrets }, stdio: 'ignore' });
  const sandbox: SandboxSettingInput = opts.sandboxed
    ? {
        filesystem: { read: [REPO_ROOT] },
        network: { allow: [ALLOWED], ports: [serverPort], hosts: { [ALLOWED]: '127.0.0.1', [DENIED]: '127.0.0.1' } },
      }
    : false;
  let env: ChaosRuntime;
  Object.assign(process.env, secrets);
  try {
    env = await startRuntime({ process: { maxConcurrentProcesses: 4, sandbox } });
  } catch (e) {
    restore();
    decoy.kill('SIGKILL');
    tcp.close();
    http.close();
    throw e;
  }
  const workspace = join(env.dir, 'workspace');
  mkdirSync(workspace);
  const secretFile = join(env.dir, 'secret.txt');
  const secretText = `escape-secret-${randomUUID()}`;
  writeFileSync(secretFile, secretText);
  const { runtime } = env;
  const agentId = await runtime.spawnAgent('hostile', 'hostile', NODE, [fixture('hostile-agent.mjs')], {
    cwd: workspace,
    limits: { maxProcesses: opts.maxProcesses },
  });
  let n = 0;
  return {
    runtime,
    agentId,
    sandboxed: opts.sandboxed,
    async attempt(attempt) {
      const r = await runtime.executeTask(agentId, {
        objective: `escape attempt ${++n}: ${attempt.kind}`,
        boundaries: { scope: ['.'], timeout: 60_000 },
        context: { attempt },
      });
      return (r.output ?? {}) as Record<string, unknown>;
    },
    dir: env.dir,
    workspace,
    secretFile,
    secretText,
    secrets,
    loopbackPort,
    allowedName: ALLOWED,
    deniedName: DENIED,
    serverPort,
    maxProcesses: opts.maxProcesses,
    async close() {
      restore();
      decoy.kill('SIGKILL');
      tcp.close();
      http.close();
      await env.close();
    },
  };
}
