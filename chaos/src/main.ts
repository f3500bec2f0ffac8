import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILES, type Profile } from './profile.js';
import { keptTail, machine, printResults, renderMarkdown, writeFile, type RunMeta } from './report.js';
import { anyLoss, type Scenario, type ScenarioResult } from './scenario.js';
import { SCENARIOS } from './scenarios/index.js';
import { REPO_ROOT } from './support/paths.js';

const USAGE = `usage: chaos [--profile ci|full] [--only id,id] [--out docs/reliability.md] [--json results.json]
scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`;

function parse(): { profile: Profile; only: readonly Scenario[]; out: string; json: string | undefined } {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'ci' },
      only: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const profile = PROFILES[values.profile as Profile['name']];
  if (!profile) throw new Error(`--profile must be ci or full, got "${values.profile}"\n${USAGE}`);
  const ids = values.only?.split(',').filter(Boolean);
  const unknown = ids?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  const only = ids ? SCENARIOS.filter((s) => ids.includes(s.id)) : SCENARIOS;
  // A partial run goes elsewhere unless asked, so docs/reliability.md always holds a whole run.
  const out = values.out
    ? resolve(values.out)
    : ids
      ? join(REPO_ROOT, 'chaos', 'results', 'partial.md')
      : join(REPO_ROOT, 'docs', 'reliability.md');
  return { profile, only, out, json: values.json ? resolve(values.json) : undefined };
}

async function main(): Promise<number> {
  const { profile, only, out, json } = parse();
  const t0 = Date.now();
  const results: ScenarioResult[] = [];
  for (const s of only) {
    console.log(`[chaos] ${s.id}: ${s.title} …`);
    const started = Date.now();
    try {
      const r = await s.run(profile);
      results.push({ id: s.id, title: s.title, durationMs: Date.now() - started, ...r });
    } catch (error) {
      // A scenario that throws is a loss: the harness could not show the property.
      console.error(`[chaos] ${s.id} threw:`, error);
      results.push({
        id: s.id,
        title: s.title,
        how: 'The scenario did not complete.',
        durationMs: Date.now() - started,
        notes: [String(error instanceof Error ? error.stack : error)],
        figures: [{ name: 'scenario completed', value: 'no', target: 'yes', ok: false }],
      });
    }
  }
  const meta: RunMeta = {
    profile: profile.name,
    date: new Date().toISOString(),
    ...machine(),
    durationMs: Date.now() - t0,
    passed: !anyLoss(results),
  };
  printResults(results, meta);
  writeFile(out, renderMarkdown(results, meta) + keptTail(out));
  console.log(`[chaos] wrote ${out}`);
  if (json) writeFile(json, JSON.stringify({ meta, results }, null, 2) + '\n');
  return meta.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
