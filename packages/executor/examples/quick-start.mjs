import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentExecutor, TaskDelegation } from '@axon/executor';
import { McpServerPool } from '@axon/mcp';
import { ProcessManager } from '@axon/process';

const dir = mkdtempSync(join(tmpdir(), 'axon-executor-example-'));
const processes = new ProcessManager();
const pool = new McpServerPool({ cortexArgs: ['mcp', 'stdio', '--db', join(dir, 'cortex.db')] });
const executor = new AgentExecutor(processes, pool, { auditFile: join(dir, 'audit.jsonl') });
executor.subscribe((e) => {
  if (e.type === 'tool-call') console.log('tool call:', e.tool, e.outcome, e.argsDigest.slice(0, 19) + '…');
});

const agent = await processes.spawn({
  name: 'memo',
  type: 'research',
  command: process.execPath,
  args: [new URL('./agent.mjs', import.meta.url).pathname],
});

const task = TaskDelegation.research()
  .objective('Remember when we deploy, then answer: when do we deploy?')
  .addScope('ops/deploys')
  .allowTool('cortex_store', 'cortex_search')
  .maxToolCalls(5)
  .timeout('30s')
  .context({ fact: 'We deploy every Thursday at 14:00 UTC.', question: 'deploy Thursday' })
  .build();

const result = await executor.executeTask(agent.id, task);
console.log({
  success: result.success,
  output: result.output,
  toolCalls: result.toolCalls,
  tokensUsed: result.tokensUsed,
  attempt: result.attempt,
});

const stats = executor.getStatistics();
console.log({
  totalTasks: stats.totalTasks,
  successfulTasks: stats.successfulTasks,
  totalToolCalls: stats.totalToolCalls,
});

await executor.close();
await processes.terminateAll();
await pool.shutdownAll();
