/** The sandbox's `console`, formatting as Node's does (util.format / util.inspect). */
import { formatWithOptions, inspect } from "node-inspect-extracted";
import { clock } from "./clock.js";

type Write = (fd: 1 | 2, text: string) => void;

export function createConsole(write: Write, colors: () => boolean): Record<string, unknown> {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const print = (fd: 1 | 2, args: unknown[]): void => {
    const text = formatWithOptions({ colors: colors() }, ...(args as [unknown, ...unknown[]]));
    write(fd, (indent ? indentLines(text, indent) : text) + "\n");
  };
  const log = (...args: unknown[]) => print(1, args);
  const error = (...args: unknown[]) => print(2, args);
  const elapsed = (label: string): string | undefined => {
    const start = timers.get(label);
    if (start === undefined) return undefined;
    return formatDuration(clock.monotonic() - start);
  };
  const warnMissing = (method: string, label: string) =>
    print(2, [`(node:${0}) Warning: No such label '${label}' for console.${method}()`]);

  return {
    log,
    info: log,
    debug: log,
    error,
    warn: error,
    dir: (value: unknown, options?: object) => write(1, indentLines(inspect(value, { customInspect: false, ...options }), indent) + "\n"),
    dirxml: log,
    trace: (...args: unknown[]) => {
      const err = { name: "Trace", message: formatWithOptions({}, ...(args as [unknown, ...unknown[]])) } as Error;
      Error.captureStackTrace?.(err);
      print(2, [err.stack ?? `Trace: ${err.message}`]);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (condition) return;
      if (typeof args[0] === "string") args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift("Assertion failed");
      print(2, args);
    },
    count: (label = "default") => {
      const count = (counts.get(String(label)) ?? 0) + 1;
      counts.set(String(label), count);
      print(1, [`${label}: ${count}`]);
    },
    countReset: (label = "default") => counts.delete(String(label)),
    group: (...args: unknown[]) => {
      if (args.length > 0) log(...args);
      indent += "  ";
    },
    groupCollapsed: (...args: unknown[]) => {
      if (args.length > 0) log(...args);
      indent += "  ";
    },
    groupEnd: () => {
      indent = indent.slice(0, -2);
    },
    time: (label = "default") => {
      timers.set(String(label), clock.monotonic());
    },
    timeEnd: (label = "default") => {
      const text = elapsed(String(label));
      if (text === undefined) return warnMissing("timeEnd", String(label));
      timers.delete(String(label));
      print(1, [`${label}: ${text}`]);
    },
    timeLog: (label = "default", ...data: unknown[]) => {
      const text = elapsed(String(label));
      if (text === undefined) return warnMissing("timeLog", String(label));
      print(1, [`${label}: ${text}`, ...data]);
    },
    table: (data: unknown) => log(data),
  };
}

function indentLines(text: string, indent: string): string {
  return indent + text.split("\n").join(`\n${indent}`);
}

function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
  return `${ms.toFixed(3)}ms`;
}
