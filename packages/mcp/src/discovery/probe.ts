import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ProcessTransport } from '../transport/process-transport.js';

/** Starts `command`, completes the MCP handshake, and checks it lists `tool`; the process is always stopped. */
export async function probeMcpServer(opts: {
  command: string;
  args: string[];
  env: Record<string, string>;
  tool: string;
  timeout: number;
  protocolVersion: string;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const transport = new ProcessTransport({
    command: opts.command,
    args: opts.args,
    env: opts.env,
    protocolVersion: opts.protocolVersion,
    gracePeriod: 500,
  });
  const client = new Client({ name: 'axon-mcp-probe', version: '0.1.0' }, { capabilities: {} });
  client.onerror = () => {};
  try {
    await client.connect(transport, { timeout: opts.timeout });
    const { tools } = await client.listTools({}, { timeout: opts.timeout });
    if (!tools.some((t) => t.name === opts.tool))
      return { ok: false, reason: `completed the handshake but does not list ${opts.tool}` };
    return { ok: true };
  } catch (err) {
    const tail = transport.stderr.tail(3);
    return { ok: false, reason: `handshake failed: ${(err as Error).message}${tail ? ` (stderr: ${tail})` : ''}` };
  } finally {
    await transport.close().catch(() => {});
    await client.close().catch(() => {});
  }
}
