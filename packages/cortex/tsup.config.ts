import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// cli.ts is the `cortex` binary (bin → dist/cli.js); tsup keeps its shebang and marks it executable.
export default defineConfig(axonTsup({ entry: ['src/index.ts', 'src/cli.ts'] }));
