import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * The SDK's Streamable HTTP client transport for a server reached by URL, with the surface the pool reads from a
 * process transport: no pid, no exit status, no stderr. A bearer token goes in every request's `Authorization` header.
 */
export class UrlTransport extends StreamableHTTPClientTransport {
  /** Always `undefined`: the server is not a child process of the pool. */
  readonly pid: number | undefined = undefined;
  /** Always `undefined` (see {@link pid}). */
  readonly exit: undefined = undefined;
  /** No stderr to read from a remote server. */
  readonly stderr = { tail: (_lines: number): string => '' };

  constructor(url: string, headers: Record<string, string>) {
    super(new URL(url), { requestInit: { headers } });
  }

  /** The protocol version the server answered in `initialize`. */
  get negotiatedProtocolVersion(): string | undefined {
    return this.protocolVersion;
  }
}

/** Request headers for a URL server: its own, plus `Authorization: Bearer <token>` when a token is set. */
export function urlHeaders(token: string | undefined, headers: Record<string, string> = {}): Record<string, string> {
  return token === undefined ? { ...headers } : { ...headers, Authorization: `Bearer ${token}` };
}
