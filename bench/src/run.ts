import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeMarkdown } from './markdown.js';
import { writeResults, type Suite } from './report.js';

// `pnpm bench <suite…>` runs those suites and writes bench/results/<suite>.json.
// `pnpm bench` runs every suite in src/suites, then writes docs/benchmarks.md.
// `pnpm bench --report` only regenerates docs/benchmarks.md from bench/results/*.json.
const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(here, 'suites');
const docFile = join(here, '..', '..', 'docs', 'benchmarks.md');
const available = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const wanted = args.filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!available.includes(name)) {
    console.error(`unknown suite "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
}

const descriptions: Record<string, string> = {};
let failed = false;
if (!reportOnly) {
  const selected = wanted.length > 0 ? wanted : available;
  const started = performance.now();
  const durations: string[] = [];
  for (const name of selected) {
    const t0 = performance.now();
    try {
      const suite = ((await import(pathToFileURL(join(suitesDir, `${name}.ts`)).href)) as { default: Suite }).default;
      if (suite.description) descriptions[name] = suite.description;
      const figures = await suite.run();
      writeResults(name, figures, performance.now() - t0);
    } catch (err) {
      failed = true;
      console.error(`suite ${name} failed:`, err);
    }
    durations.push(`${name} ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  console.log(`\n${durations.join(', ')}; total ${Math.round((performance.now() - started) / 1000)} s`);
}
if (reportOnly || wanted.length === 0) {
  const n = writeMarkdown(docFile, descriptions);
  console.log(`wrote ${docFile} (${n} suites)`);
}
process.exit(failed ? 1 : 0);
