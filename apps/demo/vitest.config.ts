import { axonProject } from '../../tools/vitest/project';

export default axonProject('demo', { testTimeout: 120_000 });
