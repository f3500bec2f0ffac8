import { filesystem } from './groups/filesystem.js';
import { mcp } from './groups/mcp.js';
import { network } from './groups/network.js';
import { processes } from './groups/processes.js';
import type { EscapeAttempt } from './types.js';

/** Every attempt of the escape suite, in run order (a group per file in `groups/`; add new groups here). */
export const ESCAPE_ATTEMPTS: readonly EscapeAttempt[] = [...filesystem, ...network, ...processes, ...mcp];
