import { axonProject } from '../../tools/vitest/project';

export default axonProject('cluster');
