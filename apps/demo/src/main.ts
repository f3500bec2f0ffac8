#!/usr/bin/env node
// The seed's multi-agent example, made real: `node dist/main.js` (or `pnpm demo` at the root).
// `--no-sandbox` runs the agents with process isolation only (they are sandboxed by default where the platform can).
import { runDemo } from './demo.js';

const ok = await runDemo({ sandbox: !process.argv.includes('--no-sandbox') });
process.exitCode = ok ? 0 : 1;
