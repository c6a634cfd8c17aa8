/**
 * The sandbox's `console`, formatting as Node's does (util.format / util.inspect), and the
 * `Console` class that writes the same way to given streams. Like Node's global console it writes
 * through `process.stdout.write` / `process.stderr.write` (bound on first use), so scripts that
 * replace those methods capture console output, and it reports misuse (unknown labels) through
 * process warnings.
 */
import { formatWithOptions, inspect } from "node-inspect-extracted";
import { codedError } from "./errors.js";
import { invalidArgValue, validateInteger, validateObject } from "./builtins/fs-errors.js";
import { clock } from "./clock.js";
import { renderTable } from "./console-table.js";

interface Writable {
  write(text: string, callback?: (error?: unknown) => void): unknown;
  isTTY?: boolean;
  getColorDepth?(): number;
  listenerCount(event: string): number;
  once(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

export interface ConsoleHost {
  /** The stream of fd 1 or 2 (process.stdout / process.stderr). */
  stream(fd: 1 | 2): { write(text: string): unknown };
  colors(): boolean;
  /** process.emitWarning. */
  warn(message: string): void;
}

type Method = (...args: unknown[]) => void;

/** Where one console writes, and how. */
interface Output {
  write(fd: 1 | 2, text: string): void;
  /** The inspect options of output to fd (colors on or off, plus those the console was given). */
  inspectOptions(fd: 1 | 2): Record<string, unknown>;
  groupIndentation: number;
  warn(message: string): void;
}

/**
 * The methods of a console on `output`, in the order Node defines them. Those built on others
 * (count on log, assert on warn, ...) call them through `self`, the console object, as Node's do
 * through `this`: a replaced `console.log` also prints counts.
 */
function consoleMethods(output: Output, self?: Record<string, unknown>): Record<string, Method> {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const write = (fd: 1 | 2, text: string): void => output.write(fd, (indent ? indentLines(text, indent) : text) + "\n");
  const format = (fd: 1 | 2, args: unknown[]) => formatWithOptions(output.inspectOptions(fd), ...(args as [unknown, ...unknown[]]));
  const elapsed = (method: string, label: string): string | undefined => {
    const start = timers.get(label);
    if (start === undefined) {
      output.warn(`No such label '${label}' for console.${method}()`);
      return undefined;
    }
    return formatDuration(clock.monotonic() - start);
  };
  const call = (name: string, ...args: unknown[]) => ((self ?? methods)[name] as Method)(...args);
  const methods: Record<string, Method> = {
    log(...args) {
      write(1, format(1, args));
    },
    info(...args) {
      write(1, format(1, args));
    },
    debug(...args) {
      write(1, format(1, args));
    },
    warn(...args) {
      write(2, format(2, args));
    },
    error(...args) {
      write(2, format(2, args));
    },
    dir(value, options) {
      write(1, inspect(value, { customInspect: false, ...output.inspectOptions(1), ...(options as object) }));
    },
    time(label = "default") {
      const key = `${label}`;
      if (timers.has(key)) output.warn(`Label '${key}' already exists for console.time()`);
      else timers.set(key, clock.monotonic());
    },
    timeEnd(label = "default") {
      const key = `${label}`;
      const text = elapsed("timeEnd", key);
      if (text === undefined) return;
      timers.delete(key);
      call("log", `${key}: ${text}`);
    },
    timeLog(label = "default", ...data) {
      const key = `${label}`;
      const text = elapsed("timeLog", key);
      if (text !== undefined) call("log", `${key}: ${text}`, ...data);
    },
    trace: function trace(...args) {
      const err = { name: "Trace", message: format(2, args) } as Error;
      Error.captureStackTrace?.(err, trace);
      call("error", err.stack);
    },
    assert(condition, ...args) {
      if (condition) return;
      if (typeof args[0] === "string") args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift("Assertion failed");
      call("warn", ...args);
    },
    clear() {},
    count(label = "default") {
      const key = `${label}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      call("log", `${key}: ${count}`);
    },
    countReset(label = "default") {
      const key = `${label}`;
      if (!counts.delete(key)) output.warn(`Count for '${key}' does not exist`);
    },
    group(...args) {
      if (args.length > 0) call("log", ...args);
      indent += " ".repeat(output.groupIndentation);
    },
    groupEnd() {
      indent = indent.slice(0, indent.length - output.groupIndentation);
    },
    table(data, properties) {
      if (data === null || typeof data !== "object") return call("log", data);
      write(1, renderTable(data, properties as readonly PropertyKey[] | undefined));
    },
    dirxml(...args) {
      call("log", ...args);
    },
    groupCollapsed(...args) {
      call("group", ...args);
    },
  };
  return methods;
}

const kIsConsole = Symbol("kIsConsole");
const noop = () => {};

/** The V8 console methods that report to an inspector only: the sandbox has none, so they do nothing. */
const INSPECTOR_ONLY = ["dir", "dirXml", "table", "groupEnd", "clear", "count", "countReset", "profile", "profileEnd", "timeLog", "debug", "error", "info", "log", "warn", "trace", "group", "groupCollapsed", "assert", "time", "timeEnd", "timeStamp"];

export function createConsole(host: ConsoleHost): Record<string, unknown> {
  const streams: Partial<Record<1 | 2, { write(text: string): unknown }>> = {};
  const console: Record<string | symbol, unknown> = consoleMethods({
    write: (fd, text) => (streams[fd] ??= host.stream(fd)).write(text),
    inspectOptions: () => ({ colors: host.colors() }),
    groupIndentation: 2,
    warn: host.warn,
  });
  console.Console = createConsoleClass(host.warn);
  for (const name of ["profile", "profileEnd", "timeStamp"]) console[name] = function () {};
  console.context = function context(_name?: unknown) {
    const methods: Record<string, Method> = {};
    for (const name of INSPECTOR_ONLY) methods[name] = function () {};
    return methods;
  };
  console.createTask = function createTask(...args: unknown[]) {
    const name = args[0];
    if (typeof name !== "string" || name === "") throw new Error("First argument must be a non-empty string.");
    return {
      run(fn: unknown) {
        if (typeof fn !== "function") throw new Error("First argument must be a function.");
        return (fn as () => unknown)();
      },
    };
  };
  // Node's global console has the hidden fields of a Console too.
  Object.defineProperties(console, {
    _stdout: { get: () => host.stream(1), enumerable: false, configurable: true },
    _stderr: { get: () => host.stream(2), enumerable: false, configurable: true },
    _stdoutErrorHandler: { value: noop, writable: true, enumerable: false, configurable: true },
    _stderrErrorHandler: { value: noop, writable: true, enumerable: false, configurable: true },
    _ignoreErrors: { value: true, writable: true, enumerable: false, configurable: true },
    _times: { value: new Map(), writable: true, enumerable: false, configurable: true },
  });
  Object.defineProperty(console, kIsConsole, { value: true });
  Object.defineProperty(console, Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
  return console as Record<string, unknown>;
}

interface ConsoleOptions {
  stdout?: unknown;
  stderr?: unknown;
  ignoreErrors?: unknown;
  colorMode?: unknown;
  inspectOptions?: unknown;
  groupIndentation?: unknown;
}

/** Writes as Node's Console does when errors are ignored: neither a throwing write nor an 'error' event escapes. */
function writeIgnoringErrors(stream: Writable, text: string, onError: (error?: unknown) => void): void {
  try {
    if (stream.listenerCount("error") === 0) stream.once("error", noop);
    stream.write(text, onError);
  } catch (error) {
    // Only a stack overflow goes on up.
    if (error instanceof RangeError && error.message.includes("call stack")) throw error;
  } finally {
    stream.removeListener("error", noop);
  }
}

/** `console.Console`: a console writing to the given streams, with the global console's methods. */
function createConsoleClass(warn: (message: string) => void) {
  const instances = new WeakMap<object, Record<string, Method>>();
  const Console = function Console(this: Record<string | symbol, unknown>, first: unknown): unknown {
    const args = [...arguments];
    if (!new.target) return Reflect.construct(Console, args);
    let options = first as ConsoleOptions;
    if (!options || typeof (options as { write?: unknown }).write === "function") {
      options = { stdout: first, stderr: args[1], ignoreErrors: args[2] };
    }
    const { stdout, stderr = stdout, ignoreErrors = true, colorMode = "auto", inspectOptions, groupIndentation = 2 } = options;
    for (const [name, stream] of [["stdout", stdout], ["stderr", stderr]] as const) {
      if (!stream || typeof (stream as { write?: unknown }).write !== "function") {
        throw codedError("ERR_CONSOLE_WRITABLE_STREAM", `Console expects a writable stream instance for ${name}`, TypeError);
      }
    }
    if (colorMode !== "auto" && colorMode !== true && colorMode !== false) {
      throw invalidArgValue("colorMode", colorMode, "must be one of: 'auto', true, false");
    }
    if (inspectOptions !== undefined) {
      validateObject(inspectOptions, "options.inspectOptions");
      if ((inspectOptions as { colors?: unknown }).colors !== undefined && options.colorMode !== undefined) {
        throw codedError("ERR_INCOMPATIBLE_OPTION_PAIR", 'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"', TypeError);
      }
    }
    validateInteger(groupIndentation, "groupIndentation", 0, 1000);
    const target = { 1: stdout as Writable, 2: stderr as Writable };
    const errorHandler = (fd: 1 | 2) => (error?: unknown) => {
      if (error != null && target[fd].listenerCount("error") === 0) target[fd].once("error", noop);
    };
    const handlers = { 1: errorHandler(1), 2: errorHandler(2) };
    const colors = (fd: 1 | 2) => {
      if (colorMode !== "auto") return colorMode;
      const stream = target[fd];
      return Boolean(stream.isTTY) && (typeof stream.getColorDepth === "function" ? stream.getColorDepth() > 2 : true);
    };
    const methods = consoleMethods({
      write: (fd, text) => (ignoreErrors === false ? target[fd].write(text) : writeIgnoringErrors(target[fd], text, handlers[fd])),
      inspectOptions: (fd) => {
        const given = inspectOptions as Record<string, unknown> | undefined;
        if (!given) return { colors: colors(fd) };
        return given.colors === undefined ? { ...given, colors: colors(fd) } : given;
      },
      groupIndentation: groupIndentation as number,
      warn,
    }, this);
    instances.set(this, methods);
    Object.assign(this, methods);
    const hidden = { _stdout: stdout, _stderr: stderr, _stdoutErrorHandler: handlers[1], _stderrErrorHandler: handlers[2], _ignoreErrors: ignoreErrors !== false, _times: new Map() };
    for (const [key, value] of Object.entries(hidden)) Object.defineProperty(this, key, { value, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(this, kIsConsole, { value: true });
    Object.defineProperty(this, Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
    return undefined;
  } as unknown as { new (...args: unknown[]): object; (...args: unknown[]): object; prototype: Record<string, unknown> };
  // Calling a prototype method on an instance runs that instance's method.
  for (const name of Object.keys(consoleMethods({ write: noop, inspectOptions: () => ({}), groupIndentation: 0, warn: noop }))) {
    Object.defineProperty(Console.prototype, name, {
      value: {
        [name](this: object, ...args: unknown[]) {
          return instances.get(this)?.[name]!(...args);
        },
      }[name],
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  // The global console is one too (it has the marker).
  Object.defineProperty(Console, Symbol.hasInstance, { value: (instance: unknown) => Boolean((instance as Record<symbol, unknown> | null)?.[kIsConsole]) });
  return Console;
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
