/**
 * `Event` and `EventTarget` as Node has them: no propagation path (the target is the only node),
 * listener options once/capture/passive/signal, handleEvent objects, and errors thrown by
 * listeners reported as uncaught exceptions on the next tick (the dispatch goes on).
 */
import { codedError } from "../errors.js";
import { invalidArgType, missingArgs, validateObject } from "../builtins/fs-errors.js";
import { enumerable, inspectCustom, type Inspect } from "./shared.js";


interface EventState {
  type: string;
  bubbles: boolean;
  cancelable: boolean;
  composed: boolean;
  timeStamp: number;
  defaultPrevented: boolean;
  stopImmediate: boolean;
  propagationStopped: boolean;
  target: EventTarget | null;
  dispatching: boolean;
  inPassiveListener: boolean;
  trusted: boolean;
}

const events = new WeakMap<object, EventState>();
/** Events made by the runtime itself (`abort`) are trusted. */
export const kTrusted = Symbol("kTrusted");

function eventState(self: unknown): EventState {
  const state = events.get(self as object);
  if (!state) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type Event', TypeError);
  return state;
}

function now(): number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? performance.now() : 0;
}

function isTrusted(this: unknown): boolean {
  return events.get(this as object)?.trusted ?? false;
}

export class Event {
  static readonly NONE = 0;
  static readonly CAPTURING_PHASE = 1;
  static readonly AT_TARGET = 2;
  static readonly BUBBLING_PHASE = 3;

  constructor(type: unknown, options: unknown = undefined) {
    if (arguments.length === 0) throw missingArgs("type");
    if (options !== undefined && options !== null) validateObject(options, "options");
    const o = (options ?? {}) as { bubbles?: unknown; cancelable?: unknown; composed?: unknown; [kTrusted]?: unknown };
    if (typeof type === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
    events.set(this, {
      type: `${type as string}`,
      bubbles: Boolean(o.bubbles),
      cancelable: Boolean(o.cancelable),
      composed: Boolean(o.composed),
      timeStamp: now(),
      defaultPrevented: false,
      stopImmediate: false,
      propagationStopped: false,
      target: null,
      dispatching: false,
      inPassiveListener: false,
      trusted: o[kTrusted] === true,
    });
  }

  initEvent(type: unknown, bubbles = false, cancelable = false): void {
    if (arguments.length === 0) throw missingArgs("type");
    const state = eventState(this);
    if (state.dispatching) return;
    Object.assign(state, { type: `${type as string}`, bubbles: Boolean(bubbles), cancelable: Boolean(cancelable) });
  }

  get isTrusted(): boolean {
    return isTrusted.call(this);
  }

  get type(): string {
    return eventState(this).type;
  }
  get bubbles(): boolean {
    return eventState(this).bubbles;
  }
  get cancelable(): boolean {
    return eventState(this).cancelable;
  }
  get composed(): boolean {
    return eventState(this).composed;
  }
  get defaultPrevented(): boolean {
    const state = eventState(this);
    return state.cancelable && state.defaultPrevented;
  }
  get timeStamp(): number {
    return eventState(this).timeStamp;
  }
  get target(): EventTarget | null {
    return eventState(this).target;
  }
  get currentTarget(): EventTarget | null {
    const state = eventState(this);
    return state.dispatching ? state.target : null;
  }
  get srcElement(): EventTarget | null {
    return eventState(this).target;
  }
  get eventPhase(): number {
    return eventState(this).dispatching ? Event.AT_TARGET : Event.NONE;
  }
  get returnValue(): boolean {
    return !this.defaultPrevented;
  }
  get cancelBubble(): boolean {
    return eventState(this).propagationStopped;
  }
  set cancelBubble(value: boolean) {
    if (value) eventState(this).propagationStopped = true;
  }
  composedPath(): EventTarget[] {
    const state = eventState(this);
    return state.dispatching && state.target ? [state.target] : [];
  }
  preventDefault(): void {
    const state = eventState(this);
    if (!state.inPassiveListener) state.defaultPrevented = true;
  }
  stopPropagation(): void {
    eventState(this).propagationStopped = true;
  }
  stopImmediatePropagation(): void {
    const state = eventState(this);
    state.propagationStopped = true;
    state.stopImmediate = true;
  }
  get [Symbol.toStringTag](): string {
    return "Event";
  }
  [inspectCustom](depth: number, options: { depth?: number | null }, inspect: Inspect): string {
    const name = this.constructor.name;
    if (depth < 0) return name;
    const state = eventState(this);
    const inner = { ...options, depth: Number.isInteger(options.depth) ? (options.depth as number) - 1 : options.depth };
    return `${name} ${inspect({ type: state.type, defaultPrevented: state.defaultPrevented, cancelable: state.cancelable, timeStamp: state.timeStamp }, inner)}`;
  }
}
enumerable(Event.prototype, [
  "initEvent",
  "stopImmediatePropagation",
  "preventDefault",
  "target",
  "currentTarget",
  "srcElement",
  "type",
  "cancelable",
  "defaultPrevented",
  "timeStamp",
  "composedPath",
  "returnValue",
  "bubbles",
  "composed",
  "eventPhase",
  "cancelBubble",
  "stopPropagation",
  "isTrusted",
]);

interface Listener {
  callback: unknown;
  capture: boolean;
  once: boolean;
  passive: boolean;
  removed: boolean;
}

const targets = new WeakMap<object, Map<string, Listener[]>>();

function listenersOf(self: unknown): Map<string, Listener[]> {
  const found = targets.get(self as object);
  if (!found) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type EventTarget', TypeError);
  return found;
}

/** Errors thrown by listeners surface as uncaught exceptions, after the dispatch. */
function reportError(error: unknown): void {
  const process = (globalThis as { process?: { nextTick(fn: () => void): void } }).process;
  if (process) {
    process.nextTick(() => {
      throw error;
    });
  } else {
    Promise.resolve().then(() => {
      throw error;
    });
  }
}

function captureOf(options: unknown): boolean {
  return typeof options === "boolean" ? options : Boolean((options as { capture?: unknown } | null | undefined)?.capture);
}

export class EventTarget {
  constructor() {
    targets.set(this, new Map());
  }

  addEventListener(type: unknown, listener: unknown, options: unknown = undefined): void {
    if (arguments.length < 2) throw missingArgs("type", "listener");
    const capture = captureOf(options);
    const o = (typeof options === "object" && options !== null ? options : {}) as { once?: unknown; passive?: unknown; signal?: unknown };
    const signal = o.signal as { aborted?: boolean; addEventListener?: (t: string, l: () => void, o: object) => void } | undefined;
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw invalidArgType("options.signal", "AbortSignal", signal);
    }
    if (listener === null || listener === undefined) {
      const process = (globalThis as { process?: { emitWarning(m: string, t: string): void } }).process;
      process?.emitWarning(`addEventListener called with ${listener} which has no effect.`, "AddEventListenerArgumentTypeWarning");
      return;
    }
    if (typeof listener !== "function" && typeof listener !== "object") throw invalidArgType("listener", "EventListener", listener);
    const name = String(type);
    if (signal?.aborted) return;
    const map = listenersOf(this);
    const list = map.get(name) ?? [];
    if (list.some((entry) => entry.callback === listener && entry.capture === capture && !entry.removed)) return;
    list.push({ callback: listener, capture, once: Boolean(o.once), passive: Boolean(o.passive), removed: false });
    map.set(name, list);
    signal?.addEventListener?.("abort", () => this.removeEventListener(name, listener, { capture }), { once: true });
  }

  removeEventListener(type: unknown, listener: unknown, options: unknown = undefined): void {
    if (arguments.length < 2) throw missingArgs("type", "listener");
    const map = listenersOf(this);
    const name = String(type);
    const capture = captureOf(options);
    const list = map.get(name);
    if (!list) return;
    const index = list.findIndex((entry) => entry.callback === listener && entry.capture === capture);
    if (index === -1) return;
    list[index]!.removed = true;
    list.splice(index, 1);
    if (list.length === 0) map.delete(name);
  }

  dispatchEvent(event: unknown): boolean {
    if (!(event instanceof Event)) throw invalidArgType("event", "Event", event);
    const state = eventState(event);
    if (state.dispatching) throw codedError("ERR_EVENT_RECURSION", `The event "${state.type}" is already being dispatched`);
    state.target = this;
    state.dispatching = true;
    const list = listenersOf(this).get(state.type)?.slice() ?? [];
    for (const entry of list) {
      // As in Node, a passive listener still runs after stopImmediatePropagation().
      if (state.stopImmediate && !entry.passive) break;
      if (entry.removed) continue;
      if (entry.once) this.removeEventListener(state.type, entry.callback, { capture: entry.capture });
      const listener = entry.callback as { handleEvent?: unknown };
      const callback = typeof listener === "function" ? listener : listener.handleEvent;
      if (typeof callback !== "function") continue;
      state.inPassiveListener = entry.passive;
      try {
        const result = callback.call(typeof listener === "function" ? this : listener, event) as { then?: unknown } | undefined;
        if (result !== undefined && result !== null && typeof result.then === "function") {
          (result as Promise<unknown>).then(undefined, reportError);
        }
      } catch (error) {
        reportError(error);
      }
      state.inPassiveListener = false;
      // Node marks the event as no longer dispatched after each listener: later listeners see
      // currentTarget null, eventPhase 0 and an empty composedPath(), and may dispatch it again.
      state.dispatching = false;
    }
    state.dispatching = false;
    return !(state.cancelable && state.defaultPrevented);
  }

  get [Symbol.toStringTag](): string {
    return "EventTarget";
  }
}
enumerable(EventTarget.prototype, ["addEventListener", "removeEventListener", "dispatchEvent"]);

/** `on<type>` handler properties (`signal.onabort`), as Node defines them. */
export function defineEventHandler(prototype: object, type: string): void {
  const handlers = new WeakMap<object, { handler: unknown; wrapper: (event: unknown) => unknown }>();
  Object.defineProperty(prototype, `on${type}`, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      return handlers.get(this)?.handler ?? null;
    },
    set(this: EventTarget, value: unknown) {
      let current = handlers.get(this);
      if (!current) {
        const entry = { handler: null as unknown, wrapper: (event: unknown) => (typeof entry.handler === "function" ? entry.handler.call(this, event) : undefined) };
        handlers.set(this, entry);
        current = entry;
        this.addEventListener(type, entry.wrapper);
      }
      current.handler = typeof value === "function" || (typeof value === "object" && value !== null) ? value : null;
    },
  });
}
