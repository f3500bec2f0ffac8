import { axonProject } from '../tools/vitest/project';

// The chaos run is one long real child process; give it the CI profile's budget and then some.
export default axonProject('chaos', { testTimeout: 600_000, hookTimeout: 60_000 });
