import {
  AAP_PROTOCOL_VERSION,
  AAP_SUPPORTED_VERSIONS,
  AapErrorCode,
  InitializeResultSchema,
  isSupportedAapVersion,
  type InitializeResult,
} from '@axon/agent';
import { readFileSync } from 'node:fs';
import type { AgentSpec, ProcessManagerConfig } from '../config/schema.js';
import { ProcessError } from '../errors.js';
import type { EventHub } from '../events/emitter.js';
import type { ResourceSampler } from '../resources/sampler.js';
import type { Agent } from './agent.js';

/** Connects an agent's peer and resources to the manager: heartbeats, logs, bad frames, ping, sampling. */
export function wireAgent(agent: Agent, hub: EventHub, sampler: ResourceSampler): void {
  const { peer, id } = agent;
  peer.onNotification('heartbeat', (p) => {
    const hb = p;
    agent.lastHeartbeatAt = Date.now();
    hub.emit({
      type: 'heartbeat',
      id,
      at: agent.lastHeartbeatAt,
      state: hb.state,
      ...(hb.taskId ? { taskId: hb.taskId } : {}),
    });
  });
  peer.onNotification('log', (l) => {
    agent.log(`[${l.level}] ${l.message}`, {
      level: l.level,
      ...(l.data !== undefined && { data: l.data }),
      ...(l.taskId !== undefined && { taskId: l.taskId }),
    });
  });
  peer.onRequest('ping', () => ({ timestamp: Date.now() }));
  let unlogged = 0;
  peer.onProtocolError((e) => {
    agent.badFrames++;
    // A flood of garbage is logged at the peer's answer rate; every frame still counts and makes an event.
    if (e.unanswered) unlogged++;
    else {
      const more = unlogged > 0 ? ` (${unlogged} more bad frames before it not logged)` : '';
      unlogged = 0;
      agent.log(`[axon] bad frame from agent (${e.code}): ${e.message}${e.line ? `: ${e.line}` : ''}${more}`);
    }
    hub.emit({ type: 'bad-frame', id, at: Date.now(), code: e.code, message: e.message });
  });
  if (agent.groupPid > 0) {
    const untrack = sampler.track({
      rootPid: agent.groupPid,
      pgid: agent.groupPid,
      excludePids: agent.wrapperPids,
      procsFile: agent.cgroupProcsFile,
      limits: agent.limits,
      cpuOver: () => agent.cpuOver,
      onSample: (u, pids) => agent.onSample(u, pids),
    });
    void agent.exited.then(untrack);
  }
}

/** Sends `initialize` and resolves with the answer; any failure stops the agent and becomes a ProcessError. */
export async function initializeAgent(
  agent: Agent,
  o: { config: ProcessManagerConfig; spec: AgentSpec; timeout: number; signal?: AbortSignal },
): Promise<InitializeResult> {
  const { config, spec } = o;
  const interval = config.heartbeatInterval ?? Math.max(10, Math.floor(config.heartbeatTimeout / 3));
  const limits = { ...config.limits, ...spec.limits };
  const request = agent.peer.request(
    'initialize',
    {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { id: agent.id, name: spec.name, type: spec.type },
      heartbeatIntervalMs: interval,
      limits: {
        maxMemoryBytes: limits.maxMemoryBytes,
        cpuLimitPercent: limits.cpuLimitPercent,
        maxFileDescriptors: limits.maxFileDescriptors,
        maxOutputSizeBytes: limits.maxOutputSizeBytes,
      },
    },
    { timeout: 0, ...(o.signal ? { signal: o.signal } : {}) },
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), o.timeout)));
  const junk = { lines: 0, first: '', last: '' };
  let tooMuchJunk!: () => void;
  const garbage = new Promise<'garbage'>((r) => (tooMuchJunk = () => r('garbage')));
  const offJunk = agent.peer.onProtocolError((e) => {
    if (e.remote) return;
    junk.last = e.line ?? '';
    // An answer that is JSON-RPC but not a valid AAP result is judged below, not counted as junk.
    if (e.code !== AapErrorCode.PARSE_ERROR && e.code !== AapErrorCode.INVALID_REQUEST) return;
    if (junk.lines++ === 0) junk.first = e.line ?? e.message;
    if (junk.lines >= MAX_BAD_FRAMES_BEFORE_READY) tooMuchJunk();
  });
  let failure: { code: 'SPAWN_FAILED' | 'TIMEOUT'; what: string; cause?: unknown };
  try {
    const r = await Promise.race([
      request.then((v) => ({ v })),
      agent.exited.then(() => 'exit' as const),
      timedOut,
      garbage,
    ]);
    if (r === 'timeout') failure = { code: 'TIMEOUT', what: `did not answer initialize within ${o.timeout} ms` };
    else if (r === 'exit') failure = { code: 'SPAWN_FAILED', what: 'exited before answering initialize' };
    else if (r === 'garbage') failure = { code: 'SPAWN_FAILED', what: 'wrote no answer to initialize' };
    else {
      const parsed = InitializeResultSchema.safeParse(r.v);
      if (!parsed.success)
        failure = {
          code: 'SPAWN_FAILED',
          what: `answered initialize with an invalid result (${parsed.error.issues[0]?.message ?? ''})`,
          cause: parsed.error,
        };
      else if (!isSupportedAapVersion(parsed.data.protocolVersion))
        failure = {
          code: 'SPAWN_FAILED',
          what: `speaks AAP protocol version ${parsed.data.protocolVersion}, but this runtime speaks ${AAP_SUPPORTED_VERSIONS.join(', ')}`,
        };
      else if (agent.machine.state !== 'starting')
        failure = {
          code: 'SPAWN_FAILED',
          what: `was stopped while starting (${agent.failure?.message ?? agent.machine.state})`,
        };
      else return parsed.data;
    }
  } catch (err) {
    failure = {
      code: 'SPAWN_FAILED',
      what: looksLikeMcpRefusal(err)
        ? `is not an AAP agent: it refused initialize the way an MCP server does (it wants MCP's clientInfo and capabilities); MCP servers belong in mcp.servers`
        : /"serverInfo"/.test(junk.last)
          ? `is not an AAP agent: it answered initialize like an MCP server (with serverInfo: ${JSON.stringify(junk.last.slice(0, 120))}); MCP servers belong in mcp.servers`
          : `failed to initialize (${(err as Error).message})`,
      cause: err,
    };
  } finally {
    clearTimeout(timer);
    offJunk();
  }
  if (junk.lines > 0 && !failure.what.startsWith('is not')) {
    failure.what += `; its stdout had ${junk.lines} line(s) that are not AAP frames, the first: ${JSON.stringify(junk.first.slice(0, 120))} — it is probably not an AAP agent`;
  }
  request.catch(() => undefined);
  agent.fail(
    spawnFailed(agent, failure.code, failure.what, failure.cause),
    failure.code === 'TIMEOUT' ? 'spawn timeout' : 'spawn failed',
  );
  await agent.kill(0);
  // Exit code and stderr are final only once the process is gone.
  throw spawnFailed(agent, failure.code, failure.what, failure.cause);
}

// Lines that are not JSON-RPC before the handshake is answered after which a spawn fails at once: an agent
// writes nothing before `initialize`, so this many means a program that is not an agent.
const MAX_BAD_FRAMES_BEFORE_READY = 32;

// An MCP SDK server answers AAP's initialize with an error about MCP's required params.
function looksLikeMcpRefusal(err: unknown): boolean {
  const m = String((err as Error)?.message ?? '');
  return /clientInfo/.test(m) && /capabilities/.test(m);
}

function spawnFailed(agent: Agent, code: 'SPAWN_FAILED' | 'TIMEOUT', what: string, cause?: unknown): ProcessError {
  const tail = agent.logs.tail();
  const x = agent.exit;
  const how = x ? ` (${x.signal ? `signal ${x.signal}` : `exit code ${x.exitCode}`})` : '';
  return new ProcessError(code, `Agent "${agent.id}" ${what}${how}.${tail ? ` Last stderr:\n${tail}` : ''}`, {
    agentId: agent.id,
    exitCode: agent.exit?.exitCode ?? null,
    signal: agent.exit?.signal ?? null,
    stderrTail: tail,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Finds the agent program's own pid below its isolation wrappers, and marks the wrappers as not the agent's. */
export async function findAgentPid(agent: Agent, sampler: ResourceSampler): Promise<void> {
  if (agent.info().isolation.pidNamespace === 'none' || agent.exit) return;
  let pid = agent.groupPid;
  for (let depth = 0; depth < 2; depth++) {
    const child = firstChild(pid) ?? (await sampler.snapshot()).children.get(pid)?.[0];
    if (child === undefined) return;
    agent.wrapperPids.add(pid);
    pid = child;
  }
  agent.agentPid = pid;
}

function firstChild(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}
