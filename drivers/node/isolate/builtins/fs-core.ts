/**
 * The machinery every fs API shares. Each operation is written once as a *program*: a generator
 * that yields the syscalls it needs and returns the result. Running a program with `runSync`
 * gives the `*Sync` function, with `runAsync` the callback form (completions arrive as event-loop
 * tasks), with `runPromise` the `fs.promises` form. Argument validation happens before the
 * program starts, so it throws synchronously in the sync and callback forms, as in Node.
 */
import { Buffer } from "buffer";
import type { Runtime } from "../runtime.js";
import { fileURLToPath, isURL } from "../globals/file-url.js";
import { invalidArgType, invalidArgValue, isArrayBufferView, uvError } from "./fs-errors.js";
import { concatBytes } from "../../../../syscalls/bytes.js";
import { withoutProgramFrames } from "../stack.js";

export interface Call {
  op: string;
  args: unknown[];
}
/** The values a program receives back from its syscalls are the syscalls' replies (any). */
export type Program<T> = Generator<Call, T, any>;

export const call = (op: string, ...args: unknown[]): Call => ({ op, args });

/**
 * Not a syscall: the program waits for a value the user's code returned (a `filter` callback's
 * result). The sync runner hands the value back as it is; the async runners wait for a promise.
 */
const AWAIT = "\0await";
export const awaitValue = (value: unknown): Call => ({ op: AWAIT, args: [value] });

const ErrorLimits = Error as { stackTraceLimit?: number };
/** Frames a program's own generators may take in a stack trace, on top of the caller's limit. */
const PROGRAM_FRAMES = 40;

export function runSync<T>(runtime: Runtime, program: Program<T>): T {
  const limit = ErrorLimits.stackTraceLimit;
  const roomy = typeof limit === "number" && limit > 0 && Number.isFinite(limit);
  if (roomy) ErrorLimits.stackTraceLimit = limit + PROGRAM_FRAMES;
  try {
    let result = program.next();
    while (!result.done) {
      let value: unknown;
      try {
        value = result.value.op === AWAIT ? result.value.args[0] : runtime.call(result.value.op, ...result.value.args);
      } catch (error) {
        result = program.throw(error);
        continue;
      }
      result = program.next(value);
    }
    return result.value;
  } catch (error) {
    throw withoutProgramFrames(error, roomy ? limit : undefined);
  } finally {
    if (roomy && ErrorLimits.stackTraceLimit === limit + PROGRAM_FRAMES) ErrorLimits.stackTraceLimit = limit;
  }
}

/** Runs `program` asynchronously; `done` always runs as an event-loop task, never synchronously. */
export function runAsync<T>(runtime: Runtime, program: Program<T>, done: (error: unknown, value?: T) => void): void {
  let synchronous = true;
  const finish = (error: unknown, value?: T): void => {
    if (!synchronous) {
      done(error, value);
      return;
    }
    runtime.loop.beginPending();
    runtime.loop.complete(() => done(error, value));
  };
  const advance = (method: "next" | "throw", input?: unknown): void => {
    let result: IteratorResult<Call, T>;
    try {
      result = method === "next" ? program.next(input) : program.throw(input);
    } catch (error) {
      finish(withoutProgramFrames(error));
      return;
    }
    if (result.done) {
      finish(null, result.value);
      return;
    }
    if (result.value.op === AWAIT) {
      Promise.resolve(result.value.args[0]).then(
        (value) => advance("next", value),
        (error) => advance("throw", error),
      );
      return;
    }
    runtime.callAsync(result.value.op, result.value.args, (error, value) => (error ? advance("throw", error) : advance("next", value)));
  };
  advance("next");
  synchronous = false;
}

export function runPromise<T>(runtime: Runtime, make: () => Program<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let program: Program<T>;
    try {
      program = make();
    } catch (error) {
      reject(error);
      return;
    }
    runAsync(runtime, program, (error, value) => (error ? reject(error) : resolve(value as T)));
  });
}

export interface FsContext {
  runtime: Runtime;
  cwd(): string;
  /** Absolute paths of the fds this module opened, for ftruncate, fchmod and futimes. */
  fdPaths: Map<number, string>;
  /** process.emitWarning, once per code. */
  warn(message: string, type: string, code: string): void;
}

/** One syscall on a path; an empty path fails with ENOENT as in Node (the kernel would use the cwd). */
export function* onPath(op: string, syscall: string, path: string, ...rest: unknown[]): Program<any> {
  if (path === "") throw uvError("ENOENT", syscall, "");
  return yield call(op, path, ...rest);
}

/** Names of directory entries in the requested encoding. */
export function entryName(name: string, encoding: Encoding): string | Buffer {
  return !encoding || /^utf-?8$/i.test(encoding) ? name : decode(Buffer.from(name, "utf8"), encoding);
}

// --- paths -----------------------------------------------------------------------------------
/** A path argument (string, Buffer/Uint8Array or file: URL) as the string the kernel takes. */
export function toPath(value: unknown, name = "path"): string {
  let path: string;
  if (typeof value === "string") path = value;
  else if (value instanceof Uint8Array) path = Buffer.from(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength).toString("utf8");
  else if (isURL(value)) path = fileURLToPath(value);
  else throw invalidArgType(name, ["string", "Buffer", "URL"], value);
  if (path.includes("\u0000")) throw invalidArgValue(name, value, "must be a string, Uint8Array, or URL without null bytes");
  return path;
}

export function isFd(value: unknown): value is number {
  return typeof value === "number";
}

/** Node's toUnixTimestamp: a Date, seconds, or a numeric string, in seconds. */
export function toUnixTimestamp(time: unknown, name = "time"): number {
  if (typeof time === "string" && String(Number(time)) === time.trim() && time.trim() !== "") return Number(time);
  if (typeof time === "number" && Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw invalidArgType(name, ["Date", "Time in seconds"], time);
}

// --- encodings and data ----------------------------------------------------------------------
export type Encoding = string | null | undefined;

export function isEncoding(encoding: unknown): boolean {
  return typeof encoding === "string" && (Buffer.isEncoding(encoding) || encoding.toLowerCase() === "base64url");
}

export function assertEncoding(encoding: unknown): void {
  if (encoding && encoding !== "buffer" && !isEncoding(encoding)) throw invalidArgValue("encoding", encoding, "is invalid encoding");
}

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

export function decode(bytes: Uint8Array, encoding: Encoding): Buffer | string {
  const buffer = toBuffer(bytes);
  if (!encoding || encoding === "buffer") return buffer;
  if (encoding.toLowerCase() === "base64url") return buffer.toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return buffer.toString(encoding as "utf8");
}

export function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding && encoding.toLowerCase() === "base64url") return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return Buffer.from(text, (encoding || "utf8") as "utf8");
}

/** Bytes safe to send over the bridge: a plain Uint8Array over exactly the view's bytes. */
export function bytesOf(view: ArrayBufferView, offset = 0, length = view.byteLength - offset): Uint8Array {
  const bytes = new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset + offset, length);
  return bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer as ArrayBuffer) : bytes.slice();
}

/** `data` for writeFile/appendFile: a string (with its encoding) or an ArrayBufferView. */
export function fileData(data: unknown, encoding: Encoding, name = "data"): Uint8Array | string {
  if (isArrayBufferView(data)) return bytesOf(data);
  if (typeof data !== "string") throw invalidArgType(name, ["string", "Buffer", "TypedArray", "DataView"], data);
  return !encoding || /^utf-?8$/i.test(encoding) ? data : encode(data, encoding);
}

/** Chunks read in turn, joined (the kernel's own helper). */
export const concat = (chunks: Uint8Array[]): Uint8Array => concatBytes(chunks);

// --- options and flags -----------------------------------------------------------------------
export interface FileOptions {
  encoding?: Encoding;
  flag?: unknown;
  mode?: unknown;
  [key: string]: unknown;
}

/** Node's getOptions: a string is the encoding, an object is copied over the defaults. */
export function getOptions(options: unknown, defaults: FileOptions = {}): FileOptions {
  if (options === null || options === undefined || typeof options === "function") return { ...defaults };
  let result: FileOptions;
  if (typeof options === "string") result = { ...defaults, encoding: options };
  else if (typeof options === "object") result = { ...defaults, ...(options as FileOptions) };
  else throw invalidArgType("options", ["string", "Object"], options);
  assertEncoding(result.encoding);
  return result;
}

export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: 64,
  EXCL: 128,
  NOCTTY: 256,
  TRUNC: 512,
  APPEND: 1024,
  DIRECTORY: 65536,
  NOATIME: 262144,
  NOFOLLOW: 131072,
  SYNC: 1052672,
  DSYNC: 4096,
  DIRECT: 16384,
  NONBLOCK: 2048,
} as const;

const FLAGS: Record<string, number> = {
  r: O.RDONLY,
  rs: O.RDONLY | O.SYNC,
  sr: O.RDONLY | O.SYNC,
  "r+": O.RDWR,
  "rs+": O.RDWR | O.SYNC,
  "sr+": O.RDWR | O.SYNC,
  w: O.TRUNC | O.CREAT | O.WRONLY,
  wx: O.TRUNC | O.CREAT | O.WRONLY | O.EXCL,
  xw: O.TRUNC | O.CREAT | O.WRONLY | O.EXCL,
  "w+": O.TRUNC | O.CREAT | O.RDWR,
  "wx+": O.TRUNC | O.CREAT | O.RDWR | O.EXCL,
  "xw+": O.TRUNC | O.CREAT | O.RDWR | O.EXCL,
  a: O.APPEND | O.CREAT | O.WRONLY,
  ax: O.APPEND | O.CREAT | O.WRONLY | O.EXCL,
  xa: O.APPEND | O.CREAT | O.WRONLY | O.EXCL,
  as: O.APPEND | O.CREAT | O.WRONLY | O.SYNC,
  sa: O.APPEND | O.CREAT | O.WRONLY | O.SYNC,
  "a+": O.APPEND | O.CREAT | O.RDWR,
  "ax+": O.APPEND | O.CREAT | O.RDWR | O.EXCL,
  "xa+": O.APPEND | O.CREAT | O.RDWR | O.EXCL,
  "as+": O.APPEND | O.CREAT | O.RDWR | O.SYNC,
  "sa+": O.APPEND | O.CREAT | O.RDWR | O.SYNC,
};

/** Node's stringToFlags: the numeric open flags of a flag string or number. */
export function parseFlags(flags: unknown, name = "flags"): number {
  if (typeof flags === "number") return flags;
  if (flags === null || flags === undefined) return O.RDONLY;
  if (typeof flags === "string" && Object.hasOwn(FLAGS, flags)) return FLAGS[flags]!;
  throw invalidArgValue(name, flags);
}

/**
 * How the kernel opens a file for numeric flags: its flag string, whether the file must be created
 * first when missing (O_CREAT alone, which it has no string for), and whether to truncate after
 * opening (O_TRUNC without O_CREAT).
 */
export function kernelFlags(flags: number): { flag: string; create: boolean; truncate: boolean } {
  const access = flags & 3;
  const plus = access === O.RDWR ? "+" : "";
  const create = (flags & O.CREAT) !== 0;
  const exclusive = create && (flags & O.EXCL) !== 0;
  const truncate = (flags & O.TRUNC) !== 0;
  if (flags & O.APPEND) return { flag: `a${exclusive ? "x" : ""}${plus}`, create: false, truncate: false };
  if (exclusive || (create && truncate && access !== O.RDONLY)) return { flag: `w${exclusive ? "x" : ""}${plus}`, create: false, truncate: false };
  return { flag: access === O.RDONLY ? "r" : "r+", create, truncate };
}
