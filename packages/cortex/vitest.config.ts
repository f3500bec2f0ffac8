import { axonProject } from '../../tools/vitest/project';

// The server tests run the built binary; global-setup rebuilds dist/ when a source file is newer.
export default axonProject('cortex', { globalSetup: ['test/global-setup.ts'] });
