import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the slowest test files after a run, so that the suite's own time stays visible (issue: keep the whole
 * suite near five minutes on a quiet 2-core machine). `AXON_SLOWEST` sets how many (default 10; 0 turns it off).
 */
export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = Number(process.env.AXON_SLOWEST ?? 10);
    if (!(count > 0) || modules.length === 0) return;
    const rows = modules
      .map((m) => {
        const d = m.diagnostic();
        return { file: relative(process.cwd(), m.moduleId), ms: d.duration + d.collectDuration + d.setupDuration };
      })
      .sort((a, b) => b.ms - a.ms)
      .slice(0, count);
    const lines = rows.map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.file}`);
    process.stdout.write(`\nSlowest ${rows.length} test files (tests + collection + setup):\n${lines.join('\n')}\n`);
  }
}
