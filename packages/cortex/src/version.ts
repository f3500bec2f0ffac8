import pkg from '../package.json' with { type: 'json' };

/** Version of @axon/cortex, reported as the MCP server version. */
export const CORTEX_VERSION: string = pkg.version;
