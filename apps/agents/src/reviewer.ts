#!/usr/bin/env node
// The reviewer sample agent: `node dist/reviewer.js`, started by the runtime, speaking AAP on stdin/stdout.
import { SAMPLE_AGENT_CAPABILITIES } from './paths.js';
import { reviewTask } from './work/review.js';
import { runSampleAgent } from './work/run.js';

runSampleAgent('reviewer', SAMPLE_AGENT_CAPABILITIES.reviewer, reviewTask);
