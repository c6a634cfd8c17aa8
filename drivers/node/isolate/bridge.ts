/**
 * The sandbox's only way out: references to a few functions of the V8 host, handed in at session
 * start and kept in this closure (they are removed from the global object before user code runs).
 * Everything crossing is copied (structured clone), never shared.
 */
import type { BridgeReply, SerializedError } from "../protocol.js";
import { codedError } from "./errors.js";

/** The subset of isolated-vm's Reference that the runtime uses. */
interface HostReference {
  applySync(receiver: undefined, args: unknown[], options?: object): unknown;
  applySyncPromise(receiver: undefined, args: unknown[], options?: object): unknown;
  applyIgnored(receiver: undefined, args: unknown[], options?: object): void;
}

export interface RawBridge {
  call: HostReference;
  callAsync: HostReference;
  write: HostReference;
  exit: HostReference;
  /** Answered on the spot by the V8 host, for calls made while it runs sandbox code itself. */
  callSync: HostReference;
}

const COPY_IN = { arguments: { copy: true } };

export interface Bridge {
  /** A syscall answered before this returns; throws the sandbox-side error it failed with. */
  call<T = unknown>(op: string, args: unknown[]): T;
  /**
   * A call during which the host runs sandbox code (require() of an ES module evaluates it while
   * the sandbox waits): that code may not call the host synchronously, as the host is busy
   * running it; such a call throws ERR_NOT_SUPPORTED_IN_SANDBOX instead of waiting forever.
   */
  callNesting<T = unknown>(op: string, args: unknown[], what: string): T;
  /** A syscall whose answer arrives later as an event-loop task; `id` names it in the completion. */
  callAsync(op: string, args: unknown[], id: number): void;
  write(fd: 1 | 2, data: string | Uint8Array): void;
  /** Tells the host the session is over (and why, for an uncaught error); the host stops the isolate. */
  exit(code: number, errorMessage?: string): void;
}

export function createBridge(raw: RawBridge, makeError: (error: SerializedError) => Error): Bridge {
  const { call, callAsync, write, exit, callSync } = raw;
  /** What the host is running for a `callNesting` under way (innermost last). */
  const nesting: string[] = [];
  const callHost = <T>(op: string, args: unknown[]): T => {
    const reply = call.applySyncPromise(undefined, [op, args], COPY_IN) as BridgeReply;
    if (reply.ok) return reply.value as T;
    throw makeError(reply.error);
  };
  return {
    call<T>(op: string, args: unknown[]): T {
      if (nesting.length > 0) {
        // What the V8 host can answer alone (the node_modules overlay's lookups) it answers now.
        const reply = callSync.applySync(undefined, [op, args], COPY_IN) as BridgeReply | undefined;
        if (reply !== undefined) {
          if (reply.ok) return reply.value as T;
          throw makeError(reply.error);
        }
        throw codedError(
          "ERR_NOT_SUPPORTED_IN_SANDBOX",
          `A synchronous call to the host (${op}) while ${nesting.at(-1)} is not supported in the sandbox: the host is busy running that code. Load the module with import() instead.`,
        );
      }
      return callHost<T>(op, args);
    },
    callNesting<T>(op: string, args: unknown[], what: string): T {
      nesting.push(what);
      try {
        return callHost<T>(op, args);
      } finally {
        nesting.pop();
      }
    },
    callAsync(op, args, id) {
      callAsync.applyIgnored(undefined, [op, args, id], COPY_IN);
    },
    write(fd, data) {
      write.applyIgnored(undefined, [fd, data], COPY_IN);
    },
    exit(code, errorMessage) {
      exit.applySync(undefined, errorMessage === undefined ? [code] : [code, errorMessage], COPY_IN);
    },
  };
}
