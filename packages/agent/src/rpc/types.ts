import type { RpcId } from './classify.js';

/** Options of `JsonRpcPeer`. */
export interface JsonRpcPeerOptions {
  /** Where frames come from (an agent's stdin, or a child's stdout on the runtime side). */
  input: NodeJS.ReadableStream;
  /** Where frames go (an agent's stdout, or a child's stdin). `close()` does not end it. */
  output: NodeJS.WritableStream;
  /** Longest accepted line, bytes (newline excluded). Longer lines are dropped and reported (-32700). Default 8 MiB. */
  maxLineLength?: number;
  /** Default timeout of `request()`, ms; `0` = none. Default 30 000. */
  requestTimeout?: number;
  /** Name used in error messages, e.g. the agent id. Default `'peer'`. */
  name?: string;
}

/** Options of one `request()`. */
export interface RequestOptions {
  /** Timeout of this request, ms; `0` = none. Default: the peer's `requestTimeout`. */
  timeout?: number;
  /** Aborts the wait (the request is not cancelled on the other side). */
  signal?: AbortSignal;
}

/** Context handed to a request handler. */
export interface RequestContext {
  /** Aborted when the peer closes before the handler finished. */
  signal: AbortSignal;
  /** The JSON-RPC id of the request. */
  id: RpcId;
}

/** A request handler: return the result, or throw `RpcError` to answer an error (other throws answer -32603). */
export type RequestHandler<P = unknown, R = unknown> = (params: P, ctx: RequestContext) => R | Promise<R>;

/** A notification handler. */
export type NotificationHandler<P = unknown> = (params: P) => void | Promise<void>;

/** A frame that was rejected, or an error the other side reported about one of ours. */
export interface ProtocolErrorEvent {
  /** JSON-RPC error code, e.g. -32700 (parse error), -32600 (invalid request), -32601, -32602. */
  code: number;
  /** What was wrong, naming the field for invalid params. */
  message: string;
  /** The start of the offending line (at most 200 characters), when there was one. */
  line?: string;
  /** True when the other side reported this error (an error response with id `null`) rather than us. */
  remote?: boolean;
}

/** Counters of a peer. */
export interface PeerStats {
  /** Non-blank lines received (valid or not). */
  framesIn: number;
  /** Frames written. */
  framesOut: number;
  /** Received lines that were rejected: unparsable, invalid, unknown method, invalid params, unmatched response. */
  badFrames: number;
  /** Own requests waiting for an answer. */
  pendingRequests: number;
}
