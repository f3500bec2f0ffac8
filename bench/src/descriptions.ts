/**
 * How each suite measures, one paragraph each, for docs/benchmarks.md. A suite may carry its own `description`
 * instead (it wins); keep these in step with src/suites/*.ts.
 */
export const SUITE_DESCRIPTIONS: Record<string, string> = {
  cluster:
    'A real redis-server (AOF, fsync every second) on this machine; worker hosts are separate `node` processes running ' +
    '`ClusterWorker` with warm agents. `cluster_overhead_p50`: 300 sequential no-op tasks, submit → result through ' +
    'Redis (`ClusterClient.submit`, one worker host) against `AgentRuntime.submit` on a local warm agent in the same ' +
    'run; p50 of each. `cluster_scaling`: 120 tasks per host that sleep 50 ms, 4 agents per host, with 1, 2 and 4 ' +
    'worker hosts; the 4-host rate against 4 × the 1-host rate (ideal linear), the 2-host figure beside it. Client, ' +
    'Redis and every host share the same 2 cores, so on a loaded machine the figures measure the load as much as the design.',
  process:
    '`spawn_to_ready`: a minimal agent (`runAgent` from `@axon/agent/sdk`, written to a temporary directory) spawned by a ' +
    '`ProcessManager` with isolation on (on Linux: `setpriv --pdeathsig`, a PID namespace, an rlimit and a cgroup, where ' +
    'available) until `spawn()` resolves Ready, against a bare `node` child spawned with `child_process.spawn` running a ' +
    'one-line `.mjs` script (the same kind of entry file as the agent) until its first stdout line. ' +
    '`spawn_to_ready_sandboxed` is the same agent in a bubblewrap sandbox (default policy: its directory as the workspace, the repository readable, no network; skipped where bubblewrap cannot run); ' +
    '`spawn_to_ready_no_isolation` is the same with `enableIsolation: false`; `spawn_to_ready_vs_bare_agent` compares the ' +
    'isolated subject with the same agent spawned bare (detached) and sent `initialize` through a plain `JsonRpcPeer`, so ' +
    "the ratio is what isolation and supervision add, without the agent's own start-up; `spawn_to_ready_vs_node_e` compares the " +
    'isolated subject with a `node -e` child, which loads no module file. All five are measured in turn in each of 25 ' +
    'rounds (after a warm-up round) so that load hits them alike; the figures are medians. ' +
    '`idle_supervision_cpu`: 100 such agents (spawned 10 at a time) with 1 s heartbeats and 1 s resource sampling; after ' +
    '3 s to settle, `process.cpuUsage()` of the supervising process (the bench process itself) over 30 s of wall time, ' +
    'as percent of one core. `idle_supervision_cpu_10s_heartbeats` is the same with heartbeats every 10 s (the ' +
    "runtime's default, `heartbeatTimeout` / 3): receiving a heartbeat frame is most of the cost, so the two show the " +
    'sampling and the heartbeats apart. With `AXON_BENCH_IDLE_1000=1`, `idle_supervision_cpu_1000`: 1 000 stdlib ' +
    'Python sample agents (apps/agents/python), 1 s sampling, 10 s heartbeats. The same process without agents, idle ' +
    'for 5 s, is given for reference.',
  mcp:
    '`pool_call_p50`: `cortex_search` (200 memories) through `McpServerPool` against the MCP SDK `Client.callTool` ' +
    'connected directly to the same Cortex binary and database; 300 warm-up calls each, then 10 alternating rounds of 200 ' +
    'sequential calls each; medians. `cortex_search_50k`: 50 000 generated memories stored in Cortex and, as entities in ' +
    'its JSONL file, in the official `@modelcontextprotocol/server-memory`; 40 distinct tag queries to `cortex_search` ' +
    '(limit 20) and 20 to `search_nodes`, both over stdio with the SDK client after a warm-up; median and p95. ' +
    '`cortex_store_rate`: 2 000 sequential `cortex_store` calls through the pool after 50 warm-up calls; ' +
    '`cortex_store_rate_16`: 4 000 more with 16 in flight, against the sequential rate. ' +
    'With `AXON_BENCH_CORTEX_1M=1 pnpm bench mcp`: 1 000 000 memories seeded in bulk (Cortex creates the schema, then one ' +
    'better-sqlite3 transaction inserts the rows as `store()` would, with the FTS index rebuilt once instead of row by ' +
    'row); `cortex_search_1m` (p50 of 200 two-word searches, limit 20, SDK client over stdio, against the 50 000 p50), ' +
    '`cortex_search_1m_p99`, `cortex_store_rate_1m` (500 sequential `cortex_store` through the pool, against ' +
    '`cortex_store_rate`) and `cortex_db_size_1m` (the database file after seeding).',
  executor:
    'No-op tasks on 2 agents. Subject: `AgentExecutor` on 2 `runAgent` agents under a `ProcessManager`. Baselines in the ' +
    'same process and run: newline-delimited JSON request/response over the stdio of 2 plain Node children (pipelined), ' +
    "Tinypool with `runtime: 'child_process'` and 2 workers, and a bare AAP `task/execute` through `JsonRpcPeer` on the " +
    'same agents (what the executor adds on top). 1 000 warm-up tasks per runner; latency: 5 000 sequential tasks with ' +
    'the runners taking turns task by task, median; throughput: 4 000 tasks with 64 submitted in flight (at most one ' +
    'running per agent), 5 interleaved rounds, median. `throughput_64_concurrent`: the same 4 000 tasks with 64 in ' +
    'flight through `executeTasksParallel` on 2 other `runAgent` agents that announce `concurrency: 32` in ' +
    '`initialize`, so all 64 run at once (32 per agent), measured in the same interleaved rounds, against the pipelined ' +
    'raw pipe (which also keeps 64 requests outstanding over its 2 children). `throughput_64_ceiling` runs the raw pipe ' +
    'with one request in flight per child, in the same rounds, against Tinypool: with one task per process at a time, ' +
    'throughput is bounded by the round trip of each process, so this ratio is the most `throughput_64` can reach.',
  core:
    'Measured in separate plain `node` processes that run only an `AgentRuntime` (built `dist`, no bench harness), so CPU, ' +
    "RSS and heap are the runtime's own. Supervision: 100 idle agents spawned 10 at a time at the default heartbeat and " +
    'sampling intervals, 5 s to settle, then CPU (percent of one core) and peak RSS over 30 s, against the same runtime ' +
    'with 0 agents. Heap: 100 000 no-op tasks through `submit` on a pool of 8 agents with 64 in flight; heap used after ' +
    'two forced GCs at 10 000 tasks (baseline) and at 100 000; tasks per second between the two.',
  scale:
    '200 agents (a no-op `runAgent` agent) through `AgentRuntime`, against the same 200 agents (same command, same ' +
    'tasks) driven by bare `JsonRpcPeer`s from `@axon/agent` in the same run. Time to all Ready: spawn until ' +
    '`initialize` is answered, 50 in parallel (`spawnAgent` on one side, `child_process.spawn` + an `initialize` request ' +
    "on the other; the bare children are detached like the runtime's agents, so the kernel's autogroup scheduler treats " +
    'both alike). `scale_time_to_all_ready_warm_pool`: a runtime whose agent type has `minIdle` = `max` = 200, from ' +
    '`start()` until all 200 are Ready (the pool starts them, at most 32 at a time), against the same bare baseline. ' +
    'Then 20 000 no-op tasks with 400 in flight and at most one task per agent on both sides (`submit` ' +
    'against a free-agent queue over the peers): tasks per second and p50/p99 latency per task. RSS per idle agent: ' +
    "growth of the driving process's RSS from before the first spawn to all Ready, divided by the number of agents (the " +
    'runtime runs first, in the fresher process, so memory the baseline freed does not hide its growth). ' +
    '`AXON_BENCH_SCALE_1000=1 pnpm bench scale` adds the same figures (suffix `_1000_python`) at 1 000 agents running ' +
    'the stdlib Python sample agent (`apps/agents/python`, lighter than a Node process) on an empty scope; ' +
    '`AXON_BENCH_SCALE_AGENTS` and `AXON_BENCH_SCALE_TASKS` shrink the default run for a smoke check.',
  serve:
    '`axon serve` (`AxonServer` from the built `@axon/server`) in a separate plain `node` process. ' +
    '`serve_overhead_tasks_per_second`: no-op tasks on a pool of 8 agents with 64 in flight, through `POST /api/tasks` ' +
    '(`node:http` keep-alive client in the server process, 202, then the `task.completed` event) against `runtime.submit` in the same process; a warm-up ' +
    'of 500 each, then 3 alternating rounds of 4 000, medians. `serve_overhead_dashboard_cpu`: 100 idle agents, 5 s to ' +
    'settle, `process.cpuUsage()` of the server over 20 s without a client, then over 20 s with the dashboard open in ' +
    'headless Debian chromium (playwright-core) and live (its SSE stream and API polling); skipped without chromium.',
};
