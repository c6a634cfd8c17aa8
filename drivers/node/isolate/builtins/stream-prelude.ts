/**
 * Evaluated just before the readable-stream package, at bundle load: the web globals it captures
 * (AbortController, AbortSignal) are installed later, per session. Stand-ins that defer to the
 * session's globals are visible while it loads and removed right after (stream-postlude.ts).
 */
type Global = Record<string, unknown>;
const global = globalThis as unknown as Global;

class DeferredAbortController {
  constructor() {
    return new (global.AbortController as new () => object)();
  }
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof (global.AbortController as new () => object);
  }
}
class DeferredAbortSignal {
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof (global.AbortSignal as new () => object);
  }
  static abort(reason?: unknown): unknown {
    return (global.AbortSignal as { abort(reason?: unknown): unknown }).abort(reason);
  }
  static timeout(ms: number): unknown {
    return (global.AbortSignal as { timeout(ms: number): unknown }).timeout(ms);
  }
  static any(signals: unknown[]): unknown {
    return (global.AbortSignal as { any(signals: unknown[]): unknown }).any(signals);
  }
}

export const installed: string[] = [];
if (global.AbortController === undefined) {
  global.AbortController = DeferredAbortController;
  installed.push("AbortController");
}
if (global.AbortSignal === undefined) {
  global.AbortSignal = DeferredAbortSignal;
  installed.push("AbortSignal");
}
