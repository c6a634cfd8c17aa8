/** `timers/promises`: promise forms of the timers, cancellable with an AbortSignal. */
import { invalidArgType } from "../errors.js";
import type { BuiltinContext } from "./index.js";

interface Signal {
  aborted: boolean;
  reason: unknown;
  addEventListener(type: string, listener: () => void, options?: unknown): void;
  removeEventListener(type: string, listener: () => void): void;
}
type TimerOptions = { signal?: Signal; ref?: boolean };

function abortError(signal: Signal): Error {
  const error = new Error("The operation was aborted") as Error & { code: string; cause?: unknown };
  error.name = "AbortError";
  Object.defineProperty(error, "code", { value: "ABORT_ERR", enumerable: true, writable: true, configurable: true });
  if (signal.reason !== undefined) error.cause = signal.reason;
  return error;
}

function checkOptions(options: unknown): TimerOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) throw invalidArgType("options", "of type object", options);
  const { signal, ref } = options as TimerOptions;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || !("aborted" in signal))) {
    throw invalidArgType("options.signal", "an instance of AbortSignal", signal);
  }
  if (ref !== undefined && typeof ref !== "boolean") throw invalidArgType("options.ref", "of type boolean", ref);
  return options as TimerOptions;
}

export function createTimersPromises({ global }: BuiltinContext): Record<string, unknown> {
  type Handle = { unref?(): unknown };
  const setTimer = global.setTimeout as (fn: () => void, ms?: number) => Handle;
  const clearTimer = global.clearTimeout as (handle: Handle) => void;
  const setImmediateFn = global.setImmediate as (fn: () => void) => Handle;
  const clearImmediateFn = global.clearImmediate as (handle: Handle) => void;
  const setIntervalFn = global.setInterval as (fn: () => void, ms?: number) => Handle;
  const clearIntervalFn = global.clearInterval as (handle: Handle) => void;

  function schedule<T>(start: (done: () => void) => Handle, stop: (handle: Handle) => void, value: T, options: unknown): Promise<T> {
    let checked: TimerOptions;
    try {
      checked = checkOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal, ref } = checked;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        stop(handle);
        reject(abortError(signal!));
      };
      const handle = start(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      });
      if (ref === false) handle.unref?.();
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T> {
    return schedule((done) => setTimer(done, delay), clearTimer, value as T, options);
  }
  function setImmediate<T = void>(value?: T, options?: TimerOptions): Promise<T> {
    return schedule((done) => setImmediateFn(done), clearImmediateFn, value as T, options);
  }
  async function* setInterval<T = void>(delay?: number, value?: T, options?: TimerOptions): AsyncGenerator<T> {
    const { signal, ref } = checkOptions(options);
    if (signal?.aborted) throw abortError(signal);
    let pending = 0;
    let wake: (() => void) | undefined;
    let aborted = false;
    const handle = setIntervalFn(() => {
      pending++;
      wake?.();
    }, delay);
    if (ref === false) handle.unref?.();
    const onAbort = () => {
      aborted = true;
      wake?.();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      while (true) {
        if (pending === 0 && !aborted) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        if (aborted) throw abortError(signal!);
        for (; pending > 0; pending--) yield value as T;
      }
    } finally {
      clearIntervalFn(handle);
      signal?.removeEventListener("abort", onAbort);
    }
  }
  const scheduler = {
    wait: (delay: number, options?: TimerOptions) => setTimeout(delay, undefined, options),
    yield: () => setImmediate(),
  };
  return { setTimeout, setImmediate, setInterval, scheduler };
}
