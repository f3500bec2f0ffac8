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
  /**
   * Most bytes that may wait in `output` unwritten (the other side is not reading). A frame is queued only while
   * fewer bytes than this are waiting, so one frame of up to `maxLineLength` always fits an empty queue; beyond
   * it a request rejects with `AgentError` `BACKPRESSURE`, an answer or notification is dropped, and
   * `onBackpressure` is called. Default 8 MiB; `0` = unbounded.
   */
  maxQueuedBytes?: number;
  /**
   * Most requests from the other side whose handlers are still running; one more is answered `-32004 OVERLOADED`
   * without running its handler. Default 1 000; `0` = unbounded.
   */
  maxInflightRequests?: number;
  /**
   * Called once per overflow of `maxQueuedBytes` (again only after the queue drained), with the bytes waiting.
   * The runtime stops an agent that does not read its stdin here.
   */
  onBackpressure?: (queuedBytes: number) => void;
  /**
   * Called with the size of input that is not protocol: every line rejected as unparsable (not UTF-8, not JSON, too
   * long: the whole line, as it streams in). Bytes of parsed frames, valid or not, are never reported here.
   */
  onStrayBytes?: (bytes: number) => void;
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
  /**
   * The start of the offending line (at most 200 characters), when there was one; absent for a line that is not
   * JSON at all past the answer rate (`unanswered`), whose bytes are not decoded.
   */
  line?: string;
  /** True when the other side reported this error (an error response with id `null`) rather than us. */
  remote?: boolean;
  /**
   * Bytes of the rejected line for a parse error (-32700): for a line over `maxLineLength`, the bytes seen when it
   * was dropped.
   */
  bytes?: number;
  /**
   * True when the rejected frame was not answered: beyond a burst of 100, the peer answers at most 100 bad frames
   * without an id (unparsable lines and the like) per second, so a stream of garbage cannot make it write without
   * bound. Requests with an id are always answered. Every bad frame is still counted and reported.
   */
  unanswered?: boolean;
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
