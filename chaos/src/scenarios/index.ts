import type { Scenario } from '../scenario.js';
import { accessEscapes } from './access-escapes.js';
import { agentKills } from './agent-kills.js';
import { badFrames } from './bad-frames.js';
import { cortexKill } from './cortex-kill.js';
import { escape } from './escape.js';
import { backpressure, garbageCost, longLived } from './hostile-io.js';
import { limits } from './limits.js';
import { runtimeKill } from './runtime-kill.js';
import { secrets } from './secrets.js';

/** Every scenario, in run order. */
export const SCENARIOS: readonly Scenario[] = [
  agentKills,
  runtimeKill,
  cortexKill,
  badFrames,
  limits,
  secrets,
  escape,
  accessEscapes,
  backpressure,
  garbageCost,
  longLived,
];
