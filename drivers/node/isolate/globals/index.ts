/**
 * Web-platform globals the sandbox offers beyond V8's own (URL, structuredClone, atob/btoa,
 * AbortController, EventTarget, ...). `installWebGlobals` runs once per session, before user code.
 */
import type { Runtime } from "../runtime.js";

export function installWebGlobals(global: Record<string, unknown>, runtime: Runtime): void {
  void global;
  void runtime;
}
