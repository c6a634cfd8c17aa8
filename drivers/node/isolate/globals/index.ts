/**
 * Web-platform globals the sandbox offers beyond V8's own (URL, structuredClone, atob/btoa,
 * AbortController, EventTarget, ...). `installWebGlobals` runs once per session, before user code.
 */
import type { Runtime } from "../runtime.js";
import { AbortController, AbortSignal } from "./abort.js";
import { atob, btoa } from "./base64.js";
import { installBlob } from "./blob.js";
import { DOMException } from "./dom-exception.js";
import { Event, EventTarget } from "./events.js";
import { structuredClone } from "./structured-clone.js";
import { URL, URLSearchParams } from "./url.js";

export function installWebGlobals(global: Record<string, unknown>, runtime: Runtime): void {
  void runtime;
  const define = (name: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable });
  // Functions are enumerable globals in Node, classes are not.
  define("structuredClone", structuredClone, true);
  define("atob", atob, true);
  define("btoa", btoa, true);
  define("URL", URL, false);
  define("URLSearchParams", URLSearchParams, false);
  define("DOMException", DOMException, false);
  define("Event", Event, false);
  define("EventTarget", EventTarget, false);
  define("AbortController", AbortController, false);
  define("AbortSignal", AbortSignal, false);
  installBlob(global);
}
