/**
 * The per-session state every part of the in-isolate runtime shares: the bridge, the event loop,
 * the session's configuration, and the bookkeeping of pending host requests.
 */
import type { Bridge } from "./bridge.js";
import type { EventLoop } from "./loop.js";
import type { BridgeReply, SessionSpec } from "../protocol.js";
import { systemError } from "./errors.js";

export interface RuntimeConfig {
  spec: SessionSpec;
  /** Wall clock at session start, ms since the epoch. */
  startWall: number;
  /** Monotonic clock at session start, ms (the loop's time origin). */
  startMonotonic: number;
  version: string;
  versions: Record<string, string>;
  arch: string;
  execPath: string;
}

export class Runtime {
  private nextRequest = 1;
  private readonly callbacks = new Map<number, (reply: BridgeReply) => void>();
  /** process.exit() is under way ('exit' listeners may still write). */
  exiting = false;
  /** The host has been told the session is over: nothing more leaves the sandbox. */
  exited = false;
  /** `Name: message` of the uncaught error that is ending the session, if one is. */
  fatalMessage: string | undefined;

  constructor(
    /** Replaced once by `attach` in an isolate made from a snapshot that was set up already. */
    public bridge: Bridge,
    readonly loop: EventLoop,
    /** Replaced once when a prepared isolate is claimed by a session (`configure`). */
    public config: RuntimeConfig,
  ) {}

  /** A syscall answered synchronously. */
  call<T = unknown>(op: string, ...args: unknown[]): T {
    return this.bridge.call<T>(op, args);
  }

  /** A syscall answered later: `done` runs as a poll-phase task of the event loop. */
  callAsync(op: string, args: unknown[], done: (error: Error | null, value?: unknown) => void): void {
    const id = this.nextRequest++;
    this.callbacks.set(id, (reply) => (reply.ok ? done(null, reply.value) : done(systemError(reply.error))));
    this.loop.beginPending();
    this.bridge.callAsync(op, args, id);
  }

  /** The promise form of `callAsync`. */
  callPromise<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => this.callAsync(op, args, (error, value) => (error ? reject(error) : resolve(value as T))));
  }

  /** Called by the host with the answers that arrived since the last step. */
  deliver(id: number, reply: BridgeReply): void {
    const callback = this.callbacks.get(id);
    if (!callback) return;
    this.callbacks.delete(id);
    this.loop.complete(() => callback(reply));
  }
}
