import { axonProject } from '../tools/vitest/project';

export default axonProject('e2e', { testTimeout: 300_000, hookTimeout: 300_000 });
