#!/usr/bin/env node
// The seed's multi-agent example, made real: `node dist/main.js` (or `pnpm demo` at the root).
import { runDemo } from './demo.js';

const ok = await runDemo();
process.exitCode = ok ? 0 : 1;
