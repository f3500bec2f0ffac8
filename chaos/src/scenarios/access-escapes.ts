import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRuntimeError, type AgentRuntime, type RuntimeEvent } from '@axon/core';
import { checked, zero, type Figure, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { eventsOf, startRuntime } from '../support/runtime.js';

const ALLOWANCE = 20;
const FLOOD_CALLS = 1_100;
const SECRET = 'password=chaos-hunter2';

type Outcome = { ok: boolean; code?: string; structured?: unknown; text?: string };
interface AuditLine {
  agentId: string;
  taskId: string;
  tool: string;
  outcome: string;
  errorCode?: string;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'completed';
  } catch (e) {
    return isRuntimeError(e) ? e.code : 'error';
  }
}

function readAudit(file: string): AuditLine[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}

/** Every attempt of one kind: how many there were, how many got through, were refused right, were audited. */
function rows(kind: string, attempts: number, escapes: number, refusedRight: number, audited: number): Figure[] {
  return [
    zero(`${kind}: escapes`, escapes),
    checked(`${kind}: refused with the right error`, refusedRight, `${attempts}`, (v) => v === attempts),
    checked(`${kind}: audited`, audited, `${attempts}`, (v) => v === attempts),
  ];
}

async function task(runtime: AgentRuntime, agent: string, context: Record<string, unknown>, scope = ['.']) {
  return runtime.executeTask(agent, {
    objective: `hostile ${String(context.action)}`,
    boundaries: { scope, timeout: 60_000, maxToolCalls: (context.budget as number | undefined) ?? 50 },
    context,
  });
}

/**
 * The access escapes of issue #10 tried by a hostile agent against a real runtime: another tenant's memories,
 * a forged bus sender, a subscription to every topic, scope paths out of its workspace, and a flood of refused
 * tool calls. Zero escapes; every attempt refused with its typed error and found in the audit trail.
 */
export const accessEscapes: Scenario = {
  id: 'access-escapes',
  title: 'A hostile agent tries to escape tenancy, bus grants, its scope and the audit',
  async run() {
    const auditDir = mkdtempSync(join(tmpdir(), 'axon-chaos-audit-'));
    const auditFile = join(auditDir, 'audit.jsonl');
    const env = await startRuntime({
      security: {
        auditFile,
        maxRefusedToolCalls: ALLOWANCE,
        bus: {
          reviewer: { publish: ['review.*'], subscribe: [] },
          hostile: { publish: ['hostile.*'], subscribe: ['hostile.*'] },
        },
      },
    });
    try {
      return await attack(env.runtime, env.events, env.dir, auditFile);
    } finally {
      await env.close();
      rmSync(auditDir, { recursive: true, force: true });
    }
  },
};

async function attack(runtime: AgentRuntime, events: RuntimeEvent[], dir: string, auditFile: string) {
  const ws = join(dir, 'hostile-ws');
  mkdirSync(join(ws, 'src'), { recursive: true });
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'x.js'), `${SECRET}\n`);
  writeFileSync(join(dir, 'outside', 'secret.txt'), `${SECRET}\n`);
  symlinkSync(join(dir, 'outside'), join(ws, 'src', 'link-out'));
  const args = [fixture('hostile-access.mjs')];
  const victim = await runtime.spawnAgent('Victim-1', 'reviewer', NODE, args, { workspaceId: 'victim' });
  const hostile = await runtime.spawnAgent('Hostile-1', 'hostile', NODE, args, { workspaceId: 'attacker', cwd: ws });

  // 1. Another tenant's memories.
  const stored = (await task(runtime, victim, { action: 'store', content: `victim note: ${SECRET}` }))
    .output as Outcome;
  const memoryId = (stored.structured as { id: string }).id;
  const tenant = (await task(runtime, hostile, { action: 'tenant', victim: 'victim', memoryId, needle: 'hunter2' }))
    .output as Record<string, Outcome>;
  // An escape: a search that found the victim's memory, or any call on the victim's workspace that went through.
  const foreignHits = ((tenant.searchUnnamed?.structured as { results?: unknown[] } | undefined)?.results ?? []).length;
  const tenantEscapes =
    foreignHits +
    ['searchNamed', 'retrieve', 'retrieveNamed', 'store', 'consolidate'].filter((k) => tenant[k]?.ok === true).length;
  const expectDenied = ['searchNamed', 'retrieveNamed', 'store', 'consolidate'];
  const tenantRight =
    expectDenied.filter((k) => tenant[k]?.code === 'ACCESS_DENIED').length +
    (tenant.retrieve?.ok === false && (tenant.retrieve.text ?? '').includes('NOT_FOUND') ? 1 : 0) +
    (((tenant.searchUnnamed?.structured as { results?: unknown[] })?.results ?? [1]).length === 0 ? 1 : 0);

  // 2. A forged sender, 3. every topic.
  const forgedSeen: RuntimeEvent[] = [];
  const off = runtime.subscribe({ type: 'bus.message' }, (e) => void forgedSeen.push(e));
  await task(runtime, hostile, { action: 'forge', victimId: victim });
  const firehose = (await task(runtime, hostile, { action: 'firehose' })).output as Record<string, string>;
  off();
  const asVictim = forgedSeen.filter(
    (e) =>
      e.type === 'bus.message' && (e.from === victim || e.sender?.agentId === victim || e.topic === 'review.completed'),
  ).length;
  const own = forgedSeen.find((e) => e.type === 'bus.message' && e.topic === 'hostile.note');
  const stamped = own?.type === 'bus.message' && own.from === hostile && own.sender?.agentId === hostile ? 1 : 0;
  const denials = eventsOf(events, 'bus.denied').filter((e) => e.agentId === hostile);

  // 4. Scope paths out of its workspace.
  const scopes = ['../outside/secret.txt', '/etc/passwd', 'src/../../outside/x.js', 'src/link-out/secret.txt'];
  const scopeCodes: string[] = [];
  let scopeEscapes = 0;
  for (const s of scopes) {
    const run = task(runtime, hostile, { action: 'scope' }, [s]);
    scopeCodes.push(await codeOf(run));
    const out = await run.then((r) => JSON.stringify(r.output)).catch(() => '');
    if (out.includes('hunter2') || out.includes('root:')) scopeEscapes++;
  }
  const scopeFailed = eventsOf(events, 'task.failed').filter(
    (e) => e.agentId === hostile && e.code === 'INVALID_DELEGATION',
  );

  // 5. A flood of refused calls with a budget of 1.
  const pre = readAudit(auditFile);
  const before = pre.length;
  const floodCode = await codeOf(task(runtime, hostile, { action: 'flood', calls: FLOOD_CALLS, budget: 1 }));
  await runtime.shutdown({ timeout: 5_000 });
  const audit = readAudit(auditFile);
  const floodLines = audit.slice(before).filter((l) => l.agentId === hostile);
  const hostileLines = audit.filter((l) => l.agentId === hostile);
  const tenantAudited = audit
    .slice(0, before)
    .filter((l) => l.agentId === hostile && l.tool.startsWith('cortex_')).length;
  const busAudited = hostileLines.filter((l) => l.tool.startsWith('bus/') && l.outcome === 'access_denied').length;
  // Everything audited before the flood is still there, in order (the flood cannot push it out).
  const lost = pre.filter((l, n) => JSON.stringify(audit[n]) !== JSON.stringify(l)).length;

  const figures: Figure[] = [
    ...rows("other tenant's memories (6 attempts)", 6, tenantEscapes, tenantRight, Math.min(tenantAudited, 6)),
    ...rows(
      'forged bus sender (review.completed as the victim)',
      1,
      asVictim,
      denials.filter((d) => d.action === 'publish').length,
      busAudited >= 1 ? 1 : 0,
    ),
    checked('own message stamped with the real sender', stamped, '1', (v) => v === 1),
    ...rows(
      'subscriptions without a grant (`*`, review.completed)',
      2,
      Object.values(firehose).filter((c) => c === 'ok').length,
      Object.values(firehose).filter((c) => c === 'ACCESS_DENIED').length,
      denials.filter((d) => d.action === 'subscribe').length,
    ),
    ...rows(
      'scope paths out of the workspace (4)',
      4,
      scopeEscapes,
      scopeCodes.filter((c) => c === 'INVALID_DELEGATION').length,
      scopeFailed.length,
    ),
    ...rows(
      `refused tool-call flood (${FLOOD_CALLS} calls, budget 1)`,
      1,
      floodCode === 'TOOL_REFUSAL_LIMIT' ? 0 : 1,
      floodCode === 'TOOL_REFUSAL_LIMIT' ? 1 : 0,
      floodLines.length === ALLOWANCE + 2 ? 1 : 0,
    ),
    zero('audit records lost', lost),
    {
      name: 'flood: audit records written (allowance + 2)',
      value: floodLines.length,
      target: `${ALLOWANCE + 2}`,
      ok: floodLines.length === ALLOWANCE + 2,
    },
  ];
  return {
    how:
      `One runtime with \`security.auditFile\`, an allowance of ${ALLOWANCE} refused calls and bus grants for the ` +
      'types `reviewer` and `hostile`; a victim agent stores a secret in its workspace, then a hostile agent (its own ' +
      "workspace and working directory) searches, retrieves, writes and consolidates the victim's workspace, publishes " +
      'a `review.completed` claiming to be the victim, subscribes to `*`, is given scope paths that leave its ' +
      `working directory, and makes ${FLOOD_CALLS} refused tool calls with a budget of 1. Escapes are counted from what ` +
      'the agent got back and what the bus delivered; "audited" from the audit file and the bus events.',
    figures,
    notes: [
      `flood: ${floodLines.length} audit records for ${FLOOD_CALLS} attempts; the rest were counted in the error, not written`,
      `scope: ${scopeCodes.join(', ')}`,
    ],
  };
}
