// An agent that remembers a fact in Cortex and finds it again.
import { runAgent } from '@axon/agent';

runAgent({
  name: 'memo-agent',
  capabilities: ['research'],
  async execute(task, ctx) {
    await ctx.tools.call('cortex_store', { content: task.context.fact, tags: ['example'] });
    const found = await ctx.tools.call('cortex_search', { query: task.context.question, limit: 1 });
    ctx.reportUsage({ tokensUsed: 0 }); // a real LLM agent reports what it used
    return { answer: found.structuredContent.results[0]?.snippet ?? 'nothing found' };
  },
});
