import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  bwrapArgs,
  containArgv,
  containment,
  killOnExit,
  NetworkProxy,
  resolveCommand,
  sandboxSupport,
  signalGroup,
  signalName,
  type SandboxPolicy,
} from '@axon/sandbox';
import { StderrBuffer } from './stderr-buffer.js';

/** Options of {@link ProcessTransport}. */
export interface ProcessTransportOptions {
  /** Executable. */
  command: string;
  /** Arguments. Default `[]`. */
  args?: string[];
  /** The complete environment of the child (nothing else is inherited). */
  env: Record<string, string>;
  /** Working directory. Default: this process's. */
  cwd?: string;
  /** Protocol version written into the `initialize` request instead of the SDK's latest. Default: the SDK's choice. */
  protocolVersion?: string;
  /** Bytes of stderr kept. Default `65536`. */
  stderrBufferSize?: number;
  /** Called with each complete stderr line. */
  onStderrLine?: (line: string) => void;
  /** ms between closing stdin and SIGTERM, and SIGTERM and SIGKILL. Default `2000`. */
  gracePeriod?: number;
  /**
   * Contain the server (Linux, where it works): `setpriv --pdeathsig KILL` and a PID namespace, so that it and its
   * children die with this process even when this process is SIGKILLed. Default `true`.
   */
  parentDeathSignal?: boolean;
  /**
   * Run the server in this sandbox (bubblewrap; its working directory is the workspace). Default none: the server
   * is still contained (own process group, parent-death signal and PID namespace where the platform has them), so
   * it never outlives a SIGKILLed pool process. Start fails where the sandbox cannot run.
   */
  sandbox?: SandboxPolicy | null;
}

/** How the child ended. */
export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

// ms to wait for stdout to drain after the child exited, before the connection is declared closed anyway.
const STDOUT_DRAIN_AFTER_EXIT = 20;

/**
 * An MCP client transport over a child's stdio, like the SDK's `StdioClientTransport`, but the child runs
 * in its own process group (`detached`), the group is signalled on close and on exit, stderr always goes
 * into a bounded buffer, and the connection closes as soon as the child exits. Framing is the SDK's
 * (`ReadBuffer`, `serializeMessage`).
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  /** The protocol version the server answered in `initialize`. */
  negotiatedProtocolVersion: string | undefined;
  /** The child's stderr (newest bytes). */
  readonly stderr: StderrBuffer;
  /** Resolves when the child has exited. */
  readonly exited: Promise<ProcessExit>;

  private child: ChildProcessWithoutNullStreams | undefined;
  private starting = false;
  private proxy: NetworkProxy | undefined;
  private readonly readBuffer = new ReadBuffer();
  private drainWaiters: Array<() => void> = [];
  private closed = false;
  private exitInfo: ProcessExit | undefined;
  private resolveExited!: (e: ProcessExit) => void;

  constructor(private readonly opts: ProcessTransportOptions) {
    this.stderr = new StderrBuffer(opts.stderrBufferSize ?? 64 * 1024, opts.onStderrLine);
    this.exited = new Promise((r) => (this.resolveExited = r));
  }

  /** The child's pid (also its process group id), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How the child ended, once it has. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  async start(): Promise<void> {
    if (this.child || this.starting) throw new Error('ProcessTransport already started');
    this.starting = true;
    let argv: string[];
    try {
      argv = await this.argv();
    } catch (err) {
      this.closed = true;
      this.finishExit({ exitCode: null, signal: null });
      throw err;
    }
    const [file, ...args] = argv;
    const wrapped = file !== this.opts.command;
    return new Promise((resolve, reject) => {
      const child = spawn(file!, args, {
        env: this.opts.env,
        cwd: this.opts.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        shell: false,
      });
      this.child = child;
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        const untrack = killOnExit(child.pid!);
        void this.exited.then(untrack);
        resolve();
      });
      child.once('error', (err) => {
        if (!spawned) {
          this.closed = true;
          this.finishExit({ exitCode: null, signal: null });
          reject(err);
        } else this.onerror?.(err);
      });
      child.stdin.on('error', (err) => this.onerror?.(err));
      child.stdin.on('drain', () => this.flushDrainWaiters());
      child.stdout.on('error', (err) => this.onerror?.(err));
      child.stderr.on('error', () => {});
      child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
      child.stdout.on('data', (chunk: Buffer) => {
        this.readBuffer.append(chunk);
        this.processReadBuffer();
      });
      let stdoutEnded = false;
      child.stdout.once('close', () => {
        stdoutEnded = true;
        if (this.exitInfo) this.fireClose();
      });
      child.once('exit', (exitCode, signal) => {
        // Behind the PID-namespace init a signal death arrives as exit code 128+n.
        if (wrapped && signal === null && exitCode !== null && exitCode > 128 && exitCode < 160) {
          signal = signalName(exitCode - 128);
          if (signal) exitCode = null;
        }
        // Kill whatever the server left behind in its group, then close the connection: at once if
        // stdout is done, else after a short drain so that answers already written are not lost.
        signalGroup(child.pid!, 'SIGKILL');
        void this.proxy?.close();
        this.finishExit({ exitCode, signal });
        if (stdoutEnded) this.fireClose();
        else setTimeout(() => this.fireClose(), STDOUT_DRAIN_AFTER_EXIT).unref();
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed || !stdin.writable) return Promise.reject(new Error('Not connected'));
    if ('method' in message && message.method === 'initialize' && 'id' in message && this.opts.protocolVersion) {
      // SDK 1.x always offers its latest version; a pinned pool offers the configured one instead.
      message = { ...message, params: { ...message.params, protocolVersion: this.opts.protocolVersion } };
    }
    if (stdin.write(serializeMessage(message))) return Promise.resolve();
    // One 'drain' listener serves every waiting sender (no listener per send, so no MaxListeners warnings).
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  setProtocolVersion(version: string): void {
    this.negotiatedProtocolVersion = version;
  }

  /** Sends `signal` to the child's whole process group. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    const pid = this.child?.pid;
    if (pid !== undefined && !this.exitInfo) signalGroup(pid, signal);
  }

  /** Closes stdin, then SIGTERMs and finally SIGKILLs the process group; resolves once the child has exited. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo) {
      this.fireClose();
      return;
    }
    const grace = this.opts.gracePeriod ?? 2_000;
    const waitExit = (ms: number) =>
      Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    try {
      child.stdin.end();
    } catch {
      /* already closed */
    }
    if (!(await waitExit(grace))) {
      signalGroup(child.pid!, 'SIGTERM');
      if (!(await waitExit(grace))) {
        signalGroup(child.pid!, 'SIGKILL');
        await this.exited;
      }
    }
    this.fireClose();
  }

  // The command line: in the sandbox when one is asked for (refused where unavailable), else contained.
  private async argv(): Promise<string[]> {
    const command = [this.opts.command, ...(this.opts.args ?? [])];
    const cwd = this.opts.cwd ?? process.cwd();
    // Behind wrappers a missing command would only show as an exit code: say ENOENT as a plain spawn would.
    if (!resolveCommand(this.opts.command, cwd, this.opts.env.PATH))
      throw Object.assign(new Error(`spawn ${this.opts.command} ENOENT`), { code: 'ENOENT' });
    const policy = this.opts.sandbox;
    if (!policy) return this.opts.parentDeathSignal === false ? command : containArgv(command, await containment());
    const support = await sandboxSupport();
    if (!support.available) throw new Error(`cannot start the server sandboxed: ${support.missing}`);
    if (policy.network !== 'none')
      this.proxy = await NetworkProxy.start({
        allowlist: policy.network,
        ...(policy.hostUser && { owner: policy.hostUser }),
      });
    return bwrapArgs({
      bwrap: support.bwrap!,
      policy,
      cwd,
      argv: command,
      fdLimit: null,
      maxProcesses: null,
      ...(this.proxy && { proxySocket: this.proxy.socketPath }),
    });
  }

  private processReadBuffer(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.readBuffer.readMessage();
      } catch (err) {
        this.onerror?.(err as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  private flushDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private finishExit(info: ProcessExit): void {
    if (this.exitInfo) return;
    this.exitInfo = info;
    this.resolveExited(info);
  }

  private fireClose(): void {
    if (this.onclose === undefined && this.closed) return;
    this.closed = true;
    this.flushDrainWaiters();
    this.readBuffer.clear();
    const cb = this.onclose;
    this.onclose = undefined;
    cb?.();
  }
}
