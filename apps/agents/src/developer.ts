#!/usr/bin/env node
// The developer sample agent: `node dist/developer.js`, started by the runtime, speaking AAP on stdin/stdout.
import { SAMPLE_AGENT_CAPABILITIES } from './paths.js';
import { developTask } from './work/develop.js';
import { runSampleAgent } from './work/run.js';

runSampleAgent('developer', SAMPLE_AGENT_CAPABILITIES.developer, developTask);
