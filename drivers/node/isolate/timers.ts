/** `setTimeout`, `setInterval`, `setImmediate`, their clears, and `queueMicrotask`, as in Node. */
import { codedError } from "./errors.js";
import type { EventLoop, ImmediateHandle, TimerHandle } from "./loop.js";

const TIMER = Symbol("timer");

export class Timeout {
  [TIMER]: TimerHandle;
  constructor(handle: TimerHandle, private readonly loop: EventLoop) {
    this[TIMER] = handle;
  }
  ref(): this {
    this.loop.refTimer(this[TIMER], true);
    return this;
  }
  unref(): this {
    this.loop.refTimer(this[TIMER], false);
    return this;
  }
  hasRef(): boolean {
    return this[TIMER].refed;
  }
  refresh(): this {
    this.loop.refreshTimer(this[TIMER]);
    return this;
  }
  close(): this {
    this.loop.clearTimer(this[TIMER]);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this[TIMER].id;
  }
}

export class Immediate {
  constructor(
    readonly handle: ImmediateHandle,
    private readonly loop: EventLoop,
  ) {}
  ref(): this {
    this.handle.refed = true;
    return this;
  }
  unref(): this {
    this.handle.refed = false;
    return this;
  }
  hasRef(): boolean {
    return this.handle.refed;
  }
  close(): this {
    this.loop.clearImmediate(this.handle);
    return this;
  }
}

export function createTimers(loop: EventLoop, reportMicrotaskError: (error: unknown) => void) {
  const byId = new Map<number, Timeout>();
  const check = (callback: unknown): void => {
    if (typeof callback !== "function") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received ${callback === null ? "null" : typeof callback}`, TypeError);
    }
  };
  const start = (repeat: boolean) =>
    function (callback: unknown, delay?: unknown, ...args: unknown[]): Timeout {
      check(callback);
      let timeout: Timeout;
      const handle = loop.addTimer(delay as number, repeat, () => {
        if (!repeat) byId.delete(handle.id);
        (callback as (...a: unknown[]) => void).apply(timeout, args);
      });
      timeout = new Timeout(handle, loop);
      byId.set(handle.id, timeout);
      return timeout;
    };
  const clear = (timeout: unknown): void => {
    if (timeout instanceof Timeout) {
      timeout.close();
      byId.delete(timeout[TIMER].id);
    } else if (typeof timeout === "number" || typeof timeout === "string") {
      const found = byId.get(Number(timeout));
      found?.close();
      byId.delete(Number(timeout));
    }
  };
  return {
    setTimeout: start(false),
    setInterval: start(true),
    clearTimeout: clear,
    clearInterval: clear,
    setImmediate(callback: unknown, ...args: unknown[]): Immediate {
      check(callback);
      return new Immediate(loop.addImmediate(() => (callback as (...a: unknown[]) => void)(...args)), loop);
    },
    clearImmediate(immediate: unknown): void {
      if (immediate instanceof Immediate) immediate.close();
    },
    queueMicrotask(callback: unknown): void {
      check(callback);
      Promise.resolve().then(() => {
        try {
          (callback as () => void)();
        } catch (error) {
          // An error in a microtask is an uncaught exception, not a rejection.
          reportMicrotaskError(error);
        }
      });
    },
  };
}
