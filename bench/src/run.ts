import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeResults, type Suite } from './report.js';

// `pnpm bench <suite>` runs one suite; `pnpm bench` runs every suite in bench/src/suites.
const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const available = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = wanted.length > 0 ? wanted : available;
for (const name of selected) {
  if (!available.includes(name)) {
    console.error(`unknown suite "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
}
let failed = false;
for (const name of selected) {
  const mod = (await import(pathToFileURL(join(suitesDir, `${name}.ts`)).href)) as { default: Suite };
  try {
    const figures = await mod.default.run();
    writeResults(name, figures);
  } catch (err) {
    failed = true;
    console.error(`suite ${name} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);
