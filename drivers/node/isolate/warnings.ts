/**
 * `process.emitWarning` and Node's default 'warning' listener. The listener is a real listener (as
 * in Node, where removing it silences warnings) and prints through the runtime's console object,
 * as Node prints through its global console, so a script that replaces `console.error` sees them.
 */
import type { EventEmitter } from "events";
import { invalidArgType } from "./errors.js";
import type { EventLoop } from "./loop.js";

type Warning = Error & { code?: unknown; detail?: unknown };

export function installWarnings(process: EventEmitter & Record<string, unknown>, loop: EventLoop, print: (text: string) => void): void {
  let hintShown = false;
  const onWarning = (warning: unknown): void => {
    if (!(warning instanceof Error)) return;
    const { code, detail, name } = warning as Warning;
    const deprecation = name === "DeprecationWarning";
    if (deprecation && process.noDeprecation) return;
    let text = `(node:${String(process.pid)}) ${code ? `[${String(code)}] ` : ""}${warning.toString()}`;
    if (typeof detail === "string") text += `\n${detail}`;
    if (!hintShown) {
      hintShown = true;
      text += `\n(Use \`node ${deprecation ? "--trace-deprecation" : "--trace-warnings"} ...\` to show where the warning was created)`;
    }
    print(text);
  };
  process.on("warning", onWarning);

  process.emitWarning = function emitWarning(warning: unknown, type?: unknown, code?: unknown): void {
    let detail: unknown;
    if (typeof type === "object" && type !== null) {
      ({ type, code, detail } = type as { type?: unknown; code?: unknown; detail?: unknown });
    }
    let error: Warning;
    if (typeof warning === "string") {
      error = new Error(warning);
      error.name = typeof type === "string" ? type : "Warning";
      if (code !== undefined) error.code = code;
      if (typeof detail === "string") error.detail = detail;
    } else if (warning instanceof Error) {
      error = warning;
    } else {
      throw invalidArgType("warning", "of type string or an instance of Error", warning);
    }
    if (error.name === "DeprecationWarning") {
      if (process.noDeprecation) return;
      if (process.throwDeprecation) throw error;
    }
    loop.nextTick(() => process.emit("warning", error));
  };
}
