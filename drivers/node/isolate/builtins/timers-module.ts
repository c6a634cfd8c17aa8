/**
 * The `timers` builtin: the global timer functions, `promises` (the `timers/promises` module), and
 * Node's legacy, deprecated timer API on plain objects (`enroll`, `active`, `_unrefActive`,
 * `unenroll`): an object enrolled with a delay gets its `_onTimeout` called when the delay after
 * `active(object)` has passed.
 */
import { invalidArgType } from "./fs-errors.js";
import { codedError } from "../errors.js";

export type Deprecate = <T extends (...args: never[]) => unknown>(fn: T, message: string, code: string) => T;

interface Enrolled {
  _idleTimeout?: number;
  _onTimeout?: () => void;
}

const MAX_DELAY = 2 ** 31 - 1;

export function createTimersModule(global: Record<string, unknown>, promises: () => unknown, deprecate: () => Deprecate): Record<string, unknown> {
  const setTimeout = global.setTimeout as (fn: () => void, ms: number) => { unref(): unknown };
  const clearTimeout = global.clearTimeout as (timer: unknown) => void;
  const process = global.process as { emitWarning(message: string, type: string): void };
  const armed = new WeakMap<object, unknown>();
  const disarm = (item: object) => {
    clearTimeout(armed.get(item));
    armed.delete(item);
  };
  const arm = (item: Enrolled, unref: boolean) => {
    disarm(item);
    const delay = item._idleTimeout;
    if (delay === undefined || delay < 0) return;
    const timer = setTimeout(() => {
      armed.delete(item);
      item._onTimeout?.();
    }, delay);
    if (unref) timer.unref();
    armed.set(item, timer);
  };
  const enroll = (item: Enrolled, msecs: unknown) => {
    if (typeof msecs !== "number") throw invalidArgType("msecs", "number", msecs);
    if (msecs < 0 || !Number.isFinite(msecs)) {
      throw codedError("ERR_OUT_OF_RANGE", `The value of "msecs" is out of range. It must be a non-negative finite number. Received ${msecs}`, RangeError);
    }
    disarm(item);
    if (msecs > MAX_DELAY) {
      process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${MAX_DELAY}.`, "TimeoutOverflowWarning");
      msecs = MAX_DELAY;
    }
    item._idleTimeout = msecs as number;
  };
  const unenroll = (item: Enrolled) => {
    disarm(item);
    item._idleTimeout = -1;
  };
  const legacy = (fn: (item: Enrolled) => void) => (item: Enrolled) => {
    if (item._idleTimeout === undefined) return;
    fn(item);
  };
  const once = deprecate();
  const module: Record<string, unknown> = {
    setTimeout: global.setTimeout,
    clearTimeout: global.clearTimeout,
    setImmediate: global.setImmediate,
    clearImmediate: global.clearImmediate,
    setInterval: global.setInterval,
    clearInterval: global.clearInterval,
    _unrefActive: once(legacy((item) => arm(item, true)), "timers._unrefActive() is deprecated. Please use timeout.refresh() instead.", "DEP0127"),
    active: once(legacy((item) => arm(item, false)), "timers.active() is deprecated. Please use timeout.refresh() instead.", "DEP0126"),
    unenroll: once(unenroll, "timers.unenroll() is deprecated. Please use clearTimeout instead.", "DEP0096"),
    enroll: once(enroll, "timers.enroll() is deprecated. Please use setTimeout instead.", "DEP0095"),
  };
  Object.defineProperty(module, "promises", { get: promises, enumerable: true, configurable: true });
  return module;
}
