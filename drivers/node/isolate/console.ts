/**
 * The sandbox's `console`, formatting as Node's does (util.format / util.inspect). Like Node's
 * global console it writes through `process.stdout.write` / `process.stderr.write` (bound on first
 * use), so scripts that replace those methods capture console output, and it reports misuse
 * (unknown labels) through process warnings.
 */
import { formatWithOptions, inspect } from "node-inspect-extracted";
import { clock } from "./clock.js";
import { renderTable } from "./console-table.js";

interface Writable {
  write(text: string): unknown;
}

export interface ConsoleHost {
  /** The stream of fd 1 or 2 (process.stdout / process.stderr). */
  stream(fd: 1 | 2): Writable;
  colors(): boolean;
  /** process.emitWarning. */
  warn(message: string): void;
}

export function createConsole(host: ConsoleHost): Record<string, unknown> {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const streams: Partial<Record<1 | 2, Writable>> = {};
  const write = (fd: 1 | 2, text: string): void => {
    const stream = (streams[fd] ??= host.stream(fd));
    stream.write((indent ? indentLines(text, indent) : text) + "\n");
  };
  const format = (args: unknown[]) => formatWithOptions({ colors: host.colors() }, ...(args as [unknown, ...unknown[]]));
  const log = (...args: unknown[]) => write(1, format(args));
  const error = (...args: unknown[]) => write(2, format(args));
  const elapsed = (method: string, label: string): string | undefined => {
    const start = timers.get(label);
    if (start === undefined) {
      host.warn(`No such label '${label}' for console.${method}()`);
      return undefined;
    }
    return formatDuration(clock.monotonic() - start);
  };

  const console: Record<string, unknown> = {
    log,
    info: log,
    debug: log,
    dirxml: log,
    error,
    warn: error,
    dir: (value: unknown, options?: object) => write(1, inspect(value, { customInspect: false, colors: host.colors(), ...options })),
    trace: function trace(...args: unknown[]) {
      const err = { name: "Trace", message: format(args) } as Error;
      Error.captureStackTrace?.(err, trace);
      error(err.stack);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (condition) return;
      if (typeof args[0] === "string") args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift("Assertion failed");
      error(...args);
    },
    count: (label: unknown = "default") => {
      const key = `${label}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      log(`${key}: ${count}`);
    },
    countReset: (label: unknown = "default") => {
      const key = `${label}`;
      if (!counts.delete(key)) host.warn(`Count for '${key}' does not exist`);
    },
    group: (...args: unknown[]) => {
      if (args.length > 0) log(...args);
      indent += "  ";
    },
    groupEnd: () => {
      indent = indent.slice(0, -2);
    },
    time: (label: unknown = "default") => {
      const key = `${label}`;
      if (timers.has(key)) host.warn(`Label '${key}' already exists for console.time()`);
      else timers.set(key, clock.monotonic());
    },
    timeEnd: (label: unknown = "default") => {
      const key = `${label}`;
      const text = elapsed("timeEnd", key);
      if (text === undefined) return;
      timers.delete(key);
      log(`${key}: ${text}`);
    },
    timeLog: (label: unknown = "default", ...data: unknown[]) => {
      const key = `${label}`;
      const text = elapsed("timeLog", key);
      if (text !== undefined) log(`${key}: ${text}`, ...data);
    },
    table: (data: unknown, properties?: readonly PropertyKey[]) => {
      if (data === null || typeof data !== "object") return log(data);
      write(1, renderTable(data, properties));
    },
    clear: () => {},
    timeStamp: () => {},
    profile: () => {},
    profileEnd: () => {},
  };
  console.groupCollapsed = console.group;
  return console;
}

/**
 * util.inspect looks up the global URL (to print URL objects) the first time it meets an object
 * with a constructor, and keeps what it found. It is looked up once per session before the
 * script runs, so that printing never depends on a global the script may delete, nor fails when
 * the session has no URL (then only a stand-in no object is an instance of is kept).
 */
export function primeInspect(global: Record<string, unknown>): void {
  const missing = typeof global.URL !== "function";
  if (missing) Object.defineProperty(global, "URL", { value: class URL {}, configurable: true, writable: true });
  try {
    inspect(new (class Probe {
      probe = 1;
    })());
  } catch {
    // Printing still works for everything but URLs.
  } finally {
    if (missing) delete global.URL;
  }
}

function indentLines(text: string, indent: string): string {
  return indent + text.split("\n").join(`\n${indent}`);
}

/** As Node prints durations: `1.5ms`, `2.345s`, `1:02.345 (m:ss.mmm)`. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3)}s`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const [seconds, millis] = ((ms % 60_000) / 1000).toFixed(3).split(".") as [string, string];
  const pad = (n: number | string) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}.${millis} (h:mm:ss.mmm)` : `${minutes}:${pad(seconds)}.${millis} (m:ss.mmm)`;
}
