#!/usr/bin/env node
// The tester sample agent: `node dist/tester.js`, started by the runtime, speaking AAP on stdin/stdout.
import { SAMPLE_AGENT_CAPABILITIES } from './paths.js';
import { testTask } from './work/test.js';
import { runSampleAgent } from './work/run.js';

runSampleAgent('tester', SAMPLE_AGENT_CAPABILITIES.tester, testTask);
