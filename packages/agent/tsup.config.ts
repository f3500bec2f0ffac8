import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// Two entries: the full package, and `sdk` (runAgent without zod, for fast agent start-up).
export default defineConfig(axonTsup({ entry: ['src/index.ts', 'src/sdk.ts'] }));
