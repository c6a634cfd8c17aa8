/**
 * `setTimeout`, `setInterval`, `setImmediate`, their clears, and `queueMicrotask`, as in Node.
 * Timeout and Immediate objects carry Node's public-looking fields: the callback runs as
 * `timeout._onTimeout()`, so a stack frame reads `Timeout._onTimeout` (or `Timeout.fn [as
 * _onTimeout]`), and an immediate's `_onImmediate` is cleared once it ran, which makes its frame
 * read `Immediate.<anonymous>`, as Node's do.
 */
import { invalidArgType } from "./errors.js";
import type { EventLoop, ImmediateHandle, TimerHandle } from "./loop.js";

const TIMER = Symbol("timer");
const LOOP = Symbol("loop");
type Callback = (...args: unknown[]) => void;

function hide(target: object, key: symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, enumerable: false, configurable: false });
}

export class Timeout {
  declare [TIMER]: TimerHandle;
  declare [LOOP]: EventLoop;
  _idleTimeout: number;
  _onTimeout: Callback | null;
  _timerArgs: unknown[] | undefined;
  _repeat: number | null;
  _destroyed = false;
  constructor(handle: TimerHandle, loop: EventLoop, callback: Callback, args: unknown[]) {
    hide(this, TIMER, handle);
    hide(this, LOOP, loop);
    this._idleTimeout = handle.delay;
    this._onTimeout = callback;
    this._timerArgs = args.length > 0 ? args : undefined;
    this._repeat = handle.repeat ? handle.delay : null;
  }
  ref(): this {
    this[LOOP].refTimer(this[TIMER], true);
    return this;
  }
  unref(): this {
    this[LOOP].refTimer(this[TIMER], false);
    return this;
  }
  hasRef(): boolean {
    return this[TIMER].refed;
  }
  refresh(): this {
    this[LOOP].refreshTimer(this[TIMER]);
    return this;
  }
  close(): this {
    this[LOOP].clearTimer(this[TIMER]);
    this._onTimeout = null;
    this._destroyed = true;
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this[TIMER].id;
  }
}

export class Immediate {
  declare [TIMER]: ImmediateHandle;
  declare [LOOP]: EventLoop;
  _onImmediate: Callback | null;
  _argv: unknown[] | undefined;
  _destroyed = false;
  constructor(handle: ImmediateHandle, loop: EventLoop, callback: Callback, args: unknown[]) {
    hide(this, TIMER, handle);
    hide(this, LOOP, loop);
    this._onImmediate = callback;
    this._argv = args.length > 0 ? args : undefined;
  }
  ref(): this {
    this[TIMER].refed = true;
    return this;
  }
  unref(): this {
    this[TIMER].refed = false;
    return this;
  }
  hasRef(): boolean {
    return this[TIMER].refed;
  }
  close(): this {
    this[LOOP].clearImmediate(this[TIMER]);
    this._onImmediate = null;
    this._destroyed = true;
    return this;
  }
}

export function createTimers(loop: EventLoop, reportMicrotaskError: (error: unknown) => void) {
  const byId = new Map<number, Timeout>();
  const check = (callback: unknown): void => {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  };
  const start = (repeat: boolean) =>
    function (callback: unknown, delay?: unknown, ...args: unknown[]): Timeout {
      check(callback);
      let timeout: Timeout | undefined;
      const handle = loop.addTimer(delay as number, repeat, () => {
        if (!repeat) {
          byId.delete(handle.id);
          timeout!._destroyed = true;
        }
        const run = timeout!._onTimeout;
        if (typeof run !== "function") return;
        if (timeout!._timerArgs === undefined) timeout!._onTimeout!();
        else timeout!._onTimeout!(...timeout!._timerArgs);
      });
      timeout = new Timeout(handle, loop, callback as Callback, args);
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
      let immediate: Immediate | undefined;
      const handle = loop.addImmediate(() => {
        const target = immediate!;
        const run = target._onImmediate;
        target._destroyed = true;
        if (typeof run !== "function") return;
        try {
          if (target._argv === undefined) target._onImmediate!();
          else target._onImmediate!(...target._argv);
        } finally {
          target._onImmediate = null;
        }
      });
      immediate = new Immediate(handle, loop, callback as Callback, args);
      return immediate;
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
