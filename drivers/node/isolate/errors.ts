/** Errors inside the sandbox: rebuilt from host replies, coded like Node's, and printed like Node's. */
import type { SerializedError } from "../protocol.js";

/** A Node-style error with a `code` (ERR_*), built inside the sandbox. */
export function codedError(code: string, message: string, Base: ErrorConstructor = Error): Error & { code: string } {
  const error = new Base(message) as Error & { code: string };
  Object.defineProperty(error, "code", { value: code, enumerable: true, writable: true, configurable: true });
  // Node puts the code in the name shown by the stack: `TypeError [ERR_X]: message`. The stack
  // formatter (stack.ts) adds it when the stack is first read: reading it here would format it
  // now, and formatting a frame of a large module's top level makes V8 parse the module again
  // for its source positions (hundreds of ms for typescript.js, which catches such errors).
  Object.defineProperty(error, CODE_IN_STACK, { value: code, enumerable: false });
  if ((Error as { prepareStackTrace?: unknown }).prepareStackTrace !== formatStackRef.current && typeof error.stack === "string") error.stack = error.stack.replace(/^(\w+)/, `$1 [${code}]`);
  return error;
}

/** The code a coded error's stack shows after its name (see `codedError`). */
export const CODE_IN_STACK = Symbol("secure-exec.codeInStack");
/** The runtime's stack formatter, once installed (stack.ts). */
export const formatStackRef: { current: unknown } = { current: undefined };

/** ERR_INVALID_ARG_TYPE, worded as Node words it (`The "x" argument must be ... Received ...`). */
export function invalidArgType(name: string, expected: string, value: unknown): Error {
  return codedError("ERR_INVALID_ARG_TYPE", `The "${name}" argument must be ${expected}. Received ${describeReceived(value)}`, TypeError);
}

/** ERR_OUT_OF_RANGE for a number that is not an integer or too large. */
export function outOfRange(name: string, range: string, value: number): Error {
  return codedError("ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${withSeparators(value)}`, RangeError);
}

/** How Node describes a received value in argument errors. */
export function describeReceived(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "function":
      return `function ${value.name}`;
    case "object": {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === "string" ? `an instance of ${name}` : Object.prototype.toString.call(value);
    }
    case "string": {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return `type string (${shown.includes("'") ? JSON.stringify(shown) : `'${shown}'`})`;
    }
    case "number":
      return `type number (${Object.is(value, -0) ? "-0" : String(value)})`;
    case "bigint":
      return `type bigint (${value}n)`;
    default:
      return `type ${typeof value} (${String(value)})`;
  }
}

/** Node writes big integers in range errors with `_` between groups of three digits. */
function withSeparators(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) <= 2 ** 32) return String(value);
  const digits = String(Math.abs(value));
  let grouped = "";
  for (let end = digits.length; end > 0; end -= 3) grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? `_${grouped}` : "");
  return `${value < 0 ? "-" : ""}${grouped}`;
}

/** Errors come back from the V8 host as `{ name, message, stack, code? }`: make them errors again. */
export function reviveError(value: unknown): unknown {
  if (typeof value !== "object" || value === null || typeof (value as Error).stack !== "string") return value;
  const { name, message, stack, code } = value as Error & { code?: unknown };
  // An error of the sandbox that went through the host comes back as itself.
  const original = recentError(message, stack!);
  if (original) return original;
  const candidate = (globalThis as Record<string, unknown>)[name];
  const Constructor: ErrorConstructor = typeof candidate === "function" && candidate.prototype instanceof Error ? (candidate as ErrorConstructor) : Error;
  const error = typeof code === "string" ? codedError(code, message, Constructor) : new Constructor(message);
  if (error.name !== name) error.name = name;
  error.stack = stack;
  const { location } = value as { location?: SourceLocation };
  Object.defineProperty(error, SOURCE_LOCATION, { value: location ?? null, enumerable: false });
  rememberError(error);
  return error;
}

/**
 * Errors whose stack was formatted lately, most recent last. An error thrown by module code that
 * the host evaluates (import(), require() of an ES module) or rejected past the host reaches it
 * as a copy (name, message, stack): matching the stack text finds the sandbox's own object, with
 * its class, `code` and other properties.
 */
const recent: Array<WeakRef<object>> = [];
const RECENT_ERRORS = 32;

/** Before a V8 snapshot is taken (it cannot hold weak references). */
export function forgetRecentErrors(): void {
  recent.length = 0;
}

export function rememberError(error: object): void {
  recent.push(new WeakRef(error));
  if (recent.length > RECENT_ERRORS) recent.shift();
}

function recentError(message: string, stack: string): Error | undefined {
  // isolated-vm writes the first line of the copy's stack anew (`Error: message`, without a code).
  const frames = (text: string) => {
    const at = text.indexOf("\n    at ");
    return at < 0 ? "" : text.slice(at);
  };
  for (let i = recent.length - 1; i >= 0; i--) {
    const error = recent[i]!.deref() as Error | undefined;
    try {
      if (error !== undefined && error.message === message && frames(String(error.stack)) === frames(stack)) return error;
    } catch {
      // A stack getter that throws: not the one.
    }
  }
  return undefined;
}

/**
 * On an error revived from the V8 host: where V8 found a syntax error (1-based line and column),
 * or null. Such errors (compiling, linking) have no frames in the sandbox; Node's have only
 * frames of its own loader.
 */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}
export const SOURCE_LOCATION = Symbol("secure-exec.sourceLocation");

/** A SystemError from a failed syscall, shaped as Node's (`code`, `errno`, `syscall`, `path`). */
export function systemError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & Record<string, unknown>;
  for (const key of ["errno", "code", "syscall", "path", "dest"] as const) {
    if (serialized[key] !== undefined) {
      Object.defineProperty(error, key, { value: serialized[key], enumerable: true, writable: true, configurable: true });
    }
  }
  if (serialized.name && serialized.name !== "SystemError" && serialized.name !== "Error") {
    Object.defineProperty(error, "name", { value: serialized.name, enumerable: false, writable: true, configurable: true });
  }
  return error;
}

/** Thrown by `process.exit()` to unwind the stack; the host has already ended the session. */
export class ProcessExit {
  constructor(readonly code: number) {}
}
