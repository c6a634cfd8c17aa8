/**
 * Node's argument validation errors (ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE)
 * with Node's exact messages, and libuv-style errors (`ENOENT: no such file or directory, open 'x'`)
 * for the cases the fs module reports itself rather than passing on from the kernel.
 */
import { inspect } from "node-inspect-extracted";
import { codedError } from "../errors.js";

/** Type names Node lowercases and lists as `of type x` (the rest are `an instance of X`). */
const TYPE_NAMES = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];

function list(items: string[], joiner: string): string {
  if (items.length > 2) return `${joiner}${items.slice(0, -1).join(", ")}, or ${items[items.length - 1]}`;
  return items.length === 2 ? `${joiner}${items[0]} or ${items[1]}` : `${joiner}${items[0]}`;
}

/** How Node describes the value it received, as in `Received type number (1)`. */
export function describeReceived(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "bigint":
      return `type bigint (${value}n)`;
    case "number":
      return `type number (${Object.is(value, -0) ? "-0" : String(value)})`;
    case "boolean":
      return `type boolean (${value})`;
    case "symbol":
      return `type symbol (${String(value)})`;
    case "function":
      return `function ${(value as { name: string }).name}`;
    case "object": {
      const constructor = (value as { constructor?: { name?: unknown } }).constructor;
      if (constructor && "name" in constructor) return `an instance of ${String(constructor.name)}`;
      return inspect(value, { depth: -1 });
    }
    default: {
      let text = String(value);
      if (text.length > 28) text = `${text.slice(0, 25)}...`;
      return text.includes("'") ? `type string (${JSON.stringify(text)})` : `type string ('${text}')`;
    }
  }
}

export function invalidArgType(name: string, expected: string | string[], actual: unknown): Error {
  const wanted = Array.isArray(expected) ? expected : [expected];
  let message = "The ";
  message += name.endsWith(" argument") ? `${name} ` : `"${name}" ${name.includes(".") ? "property" : "argument"} `;
  message += "must be ";
  const types: string[] = [];
  const instances: string[] = [];
  const other: string[] = [];
  for (const value of wanted) {
    if (TYPE_NAMES.includes(value)) types.push(value.toLowerCase());
    else if (/^([A-Z][a-z0-9]*)+$/.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0 && types.includes("object")) {
    types.splice(types.indexOf("object"), 1);
    instances.push("Object");
  }
  if (types.length > 0) {
    message += types.length === 1 ? `of type ${types[0]}` : list(types, "one of type ");
    if (instances.length > 0 || other.length > 0) message += " or ";
  }
  if (instances.length > 0) {
    message += list(instances, "an instance of ");
    if (other.length > 0) message += " or ";
  }
  if (other.length > 0) {
    if (other.length > 1) message += list(other, "one of ");
    else message += `${other[0]!.toLowerCase() !== other[0] ? "an " : ""}${other[0]}`;
  }
  return codedError("ERR_INVALID_ARG_TYPE", `${message}. Received ${describeReceived(actual)}`, TypeError);
}

export function invalidArgValue(name: string, value: unknown, reason = "is invalid", Base: ErrorConstructor = TypeError): Error {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes(".") ? "property" : "argument";
  return codedError("ERR_INVALID_ARG_VALUE", `The ${kind} '${name}' ${reason}. Received ${shown}`, Base);
}

function withSeparators(text: string): string {
  let result = "";
  let i = text.length;
  const start = text[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${text.slice(i - 3, i)}${result}`;
  return `${text.slice(0, i)}${result}`;
}

export function outOfRange(name: string, range: string, input: unknown): Error {
  let received: string;
  if (Number.isInteger(input) && Math.abs(input as number) > 2 ** 32) received = withSeparators(String(input));
  else if (typeof input === "bigint") {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = withSeparators(received);
    received += "n";
  } else received = inspect(input);
  return codedError("ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${received}`, RangeError);
}

export function missingArgs(...names: string[]): Error {
  const quoted = names.map((name) => `"${name}"`);
  const text = quoted.length === 1 ? `The ${quoted[0]} argument` : `The ${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]} arguments`;
  return codedError("ERR_MISSING_ARGS", `${text} must be specified`, TypeError);
}

// --- validators ------------------------------------------------------------------------------
export function validateFunction(value: unknown, name: string): asserts value is (...args: unknown[]) => unknown {
  if (typeof value !== "function") throw invalidArgType(name, "Function", value);
}

export function validateBoolean(value: unknown, name: string): void {
  if (typeof value !== "boolean") throw invalidArgType(name, "boolean", value);
}

export function validateObject(value: unknown, name: string, nullable = false): void {
  if ((value === null && !nullable) || (value !== null && (typeof value !== "object" || Array.isArray(value)))) {
    throw invalidArgType(name, "Object", value);
  }
}

export function validateInteger(value: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  return value;
}

export function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): number {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  return value;
}

export function validateUint32(value: unknown, name: string): number {
  return validateInt32(value, name, 0, 4294967295);
}

export function validateFd(fd: unknown): number {
  return validateInt32(fd, "fd", 0);
}

/** A file mode: a number, or an octal string (`'644'`), else `fallback` when undefined/null. */
export function parseFileMode(value: unknown, name: string, fallback?: number): number {
  const mode = value ?? fallback;
  if (typeof mode === "string") {
    if (!/^[0-7]+$/.test(mode)) throw invalidArgValue(name, mode, "must be a 32-bit unsigned integer or an octal string");
    return parseInt(mode, 8);
  }
  return validateUint32(mode, name);
}

export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value);
}

// --- errors from the (virtual) operating system ----------------------------------------------------
const UV: Record<string, [number, string]> = {
  EPERM: [1, "operation not permitted"],
  ENOENT: [2, "no such file or directory"],
  EBADF: [9, "bad file descriptor"],
  EACCES: [13, "permission denied"],
  EEXIST: [17, "file already exists"],
  ENOTDIR: [20, "not a directory"],
  EISDIR: [21, "illegal operation on a directory"],
  EINVAL: [22, "invalid argument"],
  ENOTEMPTY: [39, "directory not empty"],
  ELOOP: [40, "too many symbolic links encountered"],
  ENOSYS: [38, "function not implemented"],
};

/** A libuv-style error as Node's fs reports it: `errno`, `code`, `syscall`, `path`, `dest`. */
export function uvError(code: string, syscall: string, path?: string, dest?: string, description?: string): Error {
  const [errno, text] = UV[code] ?? [0, description ?? code.toLowerCase()];
  let message = `${code}: ${description ?? text}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const error = new Error(message) as Error & Record<string, unknown>;
  const properties: Record<string, unknown> = { errno: -errno, code, syscall };
  if (path !== undefined) properties.path = path;
  if (dest !== undefined) properties.dest = dest;
  for (const [key, value] of Object.entries(properties)) {
    Object.defineProperty(error, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return error;
}

/** The same kernel error reported for another syscall or path (keeps a kernel-specific description). */
export function reframe(error: unknown, syscall: string, path?: string, dest?: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code)) return error;
  const message = String((error as Error).message);
  const match = /^E[A-Z0-9]+: (.*?), [a-z_]+(?: '|$)/.exec(message);
  const description = UV[code] ? undefined : match?.[1];
  const result = uvError(code, syscall, path, dest, description) as Error & { errno: number };
  const errno = (error as { errno?: unknown }).errno;
  if (typeof errno === "number") result.errno = errno;
  return result;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Node's ERR_FS_EISDIR SystemError (`rm` of a directory without `recursive`). */
export function fsEisdir(path: string): Error {
  return fsSystemError("ERR_FS_EISDIR", "Path is a directory", { code: "EISDIR", message: "is a directory", path, syscall: "rm", errno: 21 });
}

export interface SystemErrorInfo {
  code: string;
  message: string;
  path: string;
  syscall: string;
  errno: number;
}

/**
 * A Node SystemError (ERR_FS_EISDIR, ERR_FS_CP_*): `Prefix: syscall returned CODE (message) path`,
 * with `info` and `errno`, `syscall`, `path` as accessors over it.
 */
export function fsSystemError(code: string, prefix: string, info: SystemErrorInfo): Error {
  const details = { ...info };
  const message = `${prefix}: ${info.syscall} returned ${info.code} (${info.message}) ${info.path}`;
  const error = new Error(message) as Error & Record<string, unknown>;
  Object.defineProperty(error, "name", { value: "SystemError", enumerable: false, writable: true, configurable: true });
  Object.defineProperty(error, "code", { value: code, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(error, "info", { value: details, enumerable: true, writable: true, configurable: true });
  for (const key of ["errno", "syscall", "path"] as const) {
    Object.defineProperty(error, key, {
      enumerable: true,
      configurable: true,
      get: () => details[key],
      set: (value: never) => {
        details[key] = value;
      },
    });
  }
  Object.defineProperty(error, "toString", {
    value() {
      return `SystemError [${code}]: ${message}`;
    },
    enumerable: false,
    writable: true,
    configurable: true,
  });
  // Node shows the accessors' values: `errno: [Getter/Setter: 21]`.
  Object.defineProperty(error, Symbol.for("nodejs.util.inspect.custom"), {
    value(this: Error, _depth: number, options: object, inspectFn?: typeof inspect) {
      return (inspectFn ?? inspect)(this, { ...options, getters: true, customInspect: false });
    },
    enumerable: false,
    writable: true,
    configurable: true,
  });
  if (typeof error.stack === "string") error.stack = error.stack.replace(/^\w+/, `SystemError [${code}]`);
  return error;
}

/** An Error with only a `code` and no code in its name (Node's errors thrown from C++). */
export function plainCodedError(code: string, message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, "code", { value: code, enumerable: true, writable: true, configurable: true });
  return error;
}

/** Redefines an error's own properties in `order` (Node's key order differs between code paths). */
export function reorderKeys(error: unknown, order: string[]): unknown {
  if (error === null || typeof error !== "object") return error;
  const target = error as Record<string, unknown>;
  for (const key of order) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) continue;
    delete target[key];
    Object.defineProperty(target, key, descriptor);
  }
  return error;
}
