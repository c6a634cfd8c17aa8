/** `AbortController` and `AbortSignal` (abort, timeout, any), on the sandbox's EventTarget. */
import { codedError } from "../errors.js";
import { invalidArgType, validateUint32 } from "../builtins/fs-errors.js";
import { DOMException } from "./dom-exception.js";
import { defineEventHandler, Event, EventTarget, kTrusted } from "./events.js";
import { inspectCustom, type Inspect } from "./shared.js";

const kCreate = Symbol("kCreate");

interface SignalState {
  aborted: boolean;
  reason: unknown;
}
const signals = new WeakMap<object, SignalState>();

function signalState(self: unknown): SignalState {
  const state = signals.get(self as object);
  if (!state) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type AbortSignal', TypeError);
  return state;
}

function customInspect(self: object, shown: object, depth: number, options: { depth?: number | null }, inspect: Inspect): string {
  if (depth < 0) return self.constructor.name;
  const inner = { ...options, depth: options.depth === null || options.depth === undefined ? options.depth : options.depth - 1 };
  return `${self.constructor.name} ${inspect(shown, inner)}`;
}

export class AbortSignal extends EventTarget {
  constructor(key?: unknown) {
    if (key !== kCreate) throw codedError("ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor", TypeError);
    super();
    signals.set(this, { aborted: false, reason: undefined });
  }

  get aborted(): boolean {
    return signalState(this).aborted;
  }

  get reason(): unknown {
    return signalState(this).reason;
  }

  throwIfAborted(): void {
    const state = signalState(this);
    if (state.aborted) throw state.reason;
  }

  static abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): AbortSignal {
    const signal = new AbortSignal(kCreate);
    Object.assign(signalState(signal), { aborted: true, reason });
    return signal;
  }

  static timeout(delay: unknown): AbortSignal {
    validateUint32(delay, "delay");
    const signal = new AbortSignal(kCreate);
    const setTimeout = (globalThis as { setTimeout?: (fn: () => void, ms: number) => { unref?: () => void } }).setTimeout;
    const timer = setTimeout?.(() => abortSignal(signal, new DOMException("The operation was aborted due to timeout", "TimeoutError")), delay as number);
    timer?.unref?.();
    return signal;
  }

  static any(signalList: unknown): AbortSignal {
    if (signalList === null || typeof signalList !== "object" || typeof (signalList as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw invalidArgType("signals", "Array", signalList);
    }
    const sources = Array.from(signalList as Iterable<unknown>);
    sources.forEach((source, i) => {
      if (!(source instanceof AbortSignal)) throw invalidArgType(`signals[${i}]`, "AbortSignal", source);
    });
    const signal = new AbortSignal(kCreate);
    const aborted = (sources as AbortSignal[]).find((source) => source.aborted);
    if (aborted) {
      Object.assign(signalState(signal), { aborted: true, reason: aborted.reason });
      return signal;
    }
    for (const source of sources as AbortSignal[]) {
      source.addEventListener("abort", () => abortSignal(signal, source.reason), { once: true });
    }
    return signal;
  }

  override get [Symbol.toStringTag](): string {
    return "AbortSignal";
  }

  [inspectCustom](depth: number, options: { depth?: number | null }, inspect: Inspect): string {
    return customInspect(this, { aborted: this.aborted }, depth, options, inspect);
  }
}
defineEventHandler(AbortSignal.prototype, "abort");
Object.defineProperty(AbortSignal.prototype, "aborted", { enumerable: true });

function abortSignal(signal: AbortSignal, reason: unknown): void {
  const state = signalState(signal);
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason;
  signal.dispatchEvent(new Event("abort", { [kTrusted]: true }));
}

const controllers = new WeakMap<object, AbortSignal>();

export class AbortController {
  constructor() {
    controllers.set(this, new AbortSignal(kCreate));
  }

  get signal(): AbortSignal {
    const signal = controllers.get(this);
    if (!signal) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type AbortController', TypeError);
    return signal;
  }

  abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): void {
    abortSignal(this.signal, reason);
  }

  get [Symbol.toStringTag](): string {
    return "AbortController";
  }

  [inspectCustom](depth: number, options: { depth?: number | null }, inspect: Inspect): string {
    return customInspect(this, { signal: this.signal }, depth, options, inspect);
  }
}
for (const name of ["signal", "abort"]) Object.defineProperty(AbortController.prototype, name, { enumerable: true });
