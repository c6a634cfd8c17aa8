/**
 * `events`: the npm `events` package (Node's EventEmitter for other platforms) plus what Node 22
 * adds around it: `errorMonitor`, `on`, `getEventListeners`, `setMaxListeners`,
 * `getMaxListeners`, `addAbortListener`, `listenerCount`.
 */
import { EventEmitter } from "events";

const errorMonitor = Symbol("events.errorMonitor");
let patched = false;

type Listener = (...args: unknown[]) => unknown;
/** The part of the sandbox's AbortSignal used here (the isolate has no DOM types). */
interface AbortSignal {
  aborted: boolean;
  addEventListener(type: "abort", listener: (event: unknown) => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: (event: unknown) => void): void;
}
/** @types/events types event names as strings; Node's (and the package's) accept symbols too. */
type AnyEmitter = {
  listeners(name: string | symbol): Listener[];
  listenerCount(name: string | symbol): number;
  on(name: string | symbol, listener: Listener): unknown;
  off(name: string | symbol, listener: Listener): unknown;
};

/** `errorMonitor` listeners see an 'error' first, without counting as handling it. */
function patchErrorMonitor(): void {
  if (patched) return;
  patched = true;
  const emit = EventEmitter.prototype.emit;
  (EventEmitter.prototype as unknown as { emit: unknown }).emit = function (this: EventEmitter, type: string | symbol, ...args: unknown[]): boolean {
    if (type === "error") for (const listener of (this as unknown as AnyEmitter).listeners(errorMonitor)) listener.apply(this, args);
    return (emit as (this: EventEmitter, type: string | symbol, ...args: unknown[]) => boolean).call(this, type, ...args);
  };
}

/** `for await (const args of on(emitter, "event"))`: each emit's arguments, until an error or abort. */
function on(emitter: AnyEmitter, event: string | symbol, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<unknown[]> {
  const queue: unknown[][] = [];
  const waiting: Array<{ resolve(result: IteratorResult<unknown[]>): void; reject(error: unknown): void }> = [];
  let failure: unknown;
  let done = false;
  const onEvent = (...args: unknown[]) => {
    const next = waiting.shift();
    if (next) next.resolve({ value: args, done: false });
    else queue.push(args);
  };
  const onError = (error: unknown) => {
    done = true;
    const next = waiting.shift();
    if (next) next.reject(error);
    else failure = error;
    cleanup();
  };
  const cleanup = () => {
    emitter.off(event, onEvent);
    if (event !== "error") emitter.off("error", onError);
    for (const next of waiting.splice(0)) next.resolve({ value: undefined as never, done: true });
  };
  emitter.on(event, onEvent);
  if (event !== "error") emitter.on("error", onError);
  options.signal?.addEventListener("abort", () => onError(Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" })), { once: true });
  return {
    next(): Promise<IteratorResult<unknown[]>> {
      const value = queue.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined as never, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return(): Promise<IteratorResult<unknown[]>> {
      done = true;
      cleanup();
      return Promise.resolve({ value: undefined as never, done: true });
    },
    throw(error: unknown): Promise<IteratorResult<unknown[]>> {
      done = true;
      cleanup();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function createEvents(): typeof EventEmitter {
  patchErrorMonitor();
  const extras = {
    EventEmitter,
    default: EventEmitter,
    errorMonitor,
    captureRejections: false,
    on,
    getEventListeners: (emitter: unknown, name: string | symbol) =>
      typeof (emitter as AnyEmitter)?.listeners === "function" ? (emitter as AnyEmitter).listeners(name) : [],
    getMaxListeners: (emitter: EventEmitter) => emitter.getMaxListeners(),
    setMaxListeners(n = 10, ...emitters: EventEmitter[]) {
      if (emitters.length === 0) (EventEmitter as unknown as { defaultMaxListeners: number }).defaultMaxListeners = n;
      for (const emitter of emitters) emitter.setMaxListeners(n);
    },
    listenerCount: (emitter: AnyEmitter, name: string | symbol) => emitter.listenerCount(name),
    addAbortListener(signal: AbortSignal, listener: (event: unknown) => void) {
      if (signal.aborted) Promise.resolve().then(() => listener({ type: "abort", target: signal }));
      else signal.addEventListener("abort", listener, { once: true });
      const dispose = (Symbol as unknown as { dispose?: symbol }).dispose ?? Symbol.for("nodejs.dispose");
      return { [dispose]: () => signal.removeEventListener("abort", listener) };
    },
  };
  // Existing statics (once, defaultMaxListeners) stay; the additions go next to them.
  for (const [key, value] of Object.entries(extras)) {
    if (!(key in EventEmitter)) Object.defineProperty(EventEmitter, key, { value, writable: true, configurable: true, enumerable: true });
  }
  return EventEmitter;
}
