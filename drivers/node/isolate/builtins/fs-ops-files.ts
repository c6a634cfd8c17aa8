/**
 * The fs operations on file contents and descriptors (readFile, writeFile, open, read, write, ...),
 * each a validating function that returns the program doing the work (see fs-core.ts).
 */
import { Buffer } from "buffer";
import { resolve } from "../path-utils.js";
import { writeRaw } from "../process.js";
import {
  bytesOf,
  call,
  concat,
  decode,
  fileData,
  getOptions,
  isFd,
  kernelFlags,
  O,
  parseFlags,
  toPath,
  toUnixTimestamp,
  type FsContext,
  type Program,
} from "./fs-core.js";
import { errorCode, invalidArgType, parseFileMode, reframe, uvError, validateFd, validateInteger } from "./fs-errors.js";
import { validateBuffer, type ReadRequest, type WriteRequest } from "./fs-args.js";
import { makeStats, type FileStat } from "./fs-stats.js";

const CHUNK = 512 * 1024;

/** Devices (`/dev/stdin`, `/dev/stderr`, ...) are read and written through an fd, not as whole files. */
const isDevice = (path: string) => path.startsWith("/dev/");

export function createFileOps(context: FsContext) {
  const { fdPaths, cwd } = context;

  /**
   * Writes to fd 1 and 2 (and to /dev/stdout, /dev/stderr opened by path) take the path of
   * process.stdout and console: their order with those is kept, and the output limit counts them.
   */
  function* writeFd(fd: number, data: Uint8Array | string, position?: number): Program<number> {
    const path = fdPaths.get(fd);
    const stdio = fd === 1 || fd === 2 ? fd : path === "/dev/stdout" ? 1 : path === "/dev/stderr" ? 2 : undefined;
    if (stdio === undefined) return (yield call("write", fd, data, position)) as number;
    writeRaw(context.runtime, stdio, data);
    return typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  }

  function* readAll(fd: number): Program<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for (;;) {
      const chunk = (yield call("read", fd, CHUNK)) as Uint8Array;
      if (chunk.byteLength === 0) break;
      chunks.push(chunk);
    }
    return concat(chunks.length === 0 ? [new Uint8Array(0)] : chunks);
  }

  function* openFile(path: string, flags: number, mode: number): Program<number> {
    if (path === "") throw uvError("ENOENT", "open", "");
    const { flag, create, truncate } = kernelFlags(flags);
    let fd: number;
    try {
      fd = (yield call("open", path, flag, mode)) as number;
    } catch (error) {
      if (!create || errorCode(error) !== "ENOENT") throw error;
      yield call("writeFile", path, "", { flag: "wx", mode });
      fd = (yield call("open", path, flag, mode)) as number;
    }
    if (truncate) yield call("truncate", path, 0);
    fdPaths.set(fd, resolve(cwd(), path));
    return fd;
  }

  function open(path: unknown, flags: unknown, mode: unknown): Program<number> {
    const p = toPath(path);
    const f = parseFlags(flags);
    const m = parseFileMode(mode, "mode", 0o666);
    return openFile(p, f, m);
  }

  function close(fd: unknown): Program<void> {
    const valid = validateFd(fd);
    return (function* () {
      yield call("close", valid);
      fdPaths.delete(valid);
    })();
  }

  function readFile(path: unknown, options: unknown): Program<unknown> {
    const opts = getOptions(options, { flag: "r" });
    const fd = isFd(path) ? validateFd(path) : undefined;
    const p = fd === undefined ? toPath(path) : "";
    const flags = parseFlags(opts.flag ?? "r");
    return (function* () {
      let bytes: Uint8Array;
      if (fd !== undefined) bytes = yield* readAll(fd);
      else if (flags === O.RDONLY && !isDevice(p)) {
        try {
          if (p === "") throw uvError("ENOENT", "open", "");
          bytes = (yield call("readFile", p)) as Uint8Array;
        } catch (error) {
          throw errorCode(error) === "EISDIR" ? uvError("EISDIR", "read") : error;
        }
      } else {
        const opened = yield* openFile(p, flags, 0o666);
        try {
          bytes = yield* readAll(opened);
        } finally {
          yield call("close", opened);
          fdPaths.delete(opened);
        }
      }
      return decode(bytes, opts.encoding);
    })();
  }

  function writeFile(path: unknown, data: unknown, options: unknown, defaultFlag: "w" | "a"): Program<void> {
    const opts = getOptions(options, { encoding: "utf8", mode: 0o666, flag: defaultFlag });
    const fd = isFd(path) ? validateFd(path) : undefined;
    const p = fd === undefined ? toPath(path) : "";
    const bytes = fileData(data, opts.encoding);
    const mode = parseFileMode(opts.mode, "mode", 0o666);
    const flags = parseFlags(opts.flag || defaultFlag);
    return (function* () {
      if (fd !== undefined) {
        yield* writeFd(fd, bytes);
        return;
      }
      if (p === "") throw uvError("ENOENT", "open", "");
      const { flag, create, truncate } = kernelFlags(flags);
      const simple = flag.startsWith("a") ? (flag.includes("x") ? "wx" : "a") : flag.startsWith("w") ? (flag.includes("x") ? "wx" : "w") : undefined;
      if (simple && !create && !truncate && !isDevice(p)) {
        yield call("writeFile", p, bytes, { flag: simple, mode });
        return;
      }
      const opened = yield* openFile(p, flags, mode);
      try {
        yield* writeFd(opened, bytes);
      } finally {
        yield call("close", opened);
        fdPaths.delete(opened);
      }
    })();
  }

  function read(request: ReadRequest): Program<number> {
    return (function* () {
      if (request.length === 0) return 0;
      const bytes = (yield call("read", request.fd, request.length, request.position)) as Uint8Array;
      const { buffer, offset } = request;
      new Uint8Array(buffer.buffer, buffer.byteOffset + offset, bytes.byteLength).set(bytes);
      return bytes.byteLength;
    })();
  }

  function write(request: WriteRequest): Program<number> {
    return (function* () {
      if (request.data.byteLength === 0) return 0;
      return yield* writeFd(request.fd, request.data, request.position);
    })();
  }

  function readv(fd: unknown, buffers: unknown, position: unknown): Program<number> {
    const valid = validateFd(fd);
    if (!Array.isArray(buffers)) throw invalidArgType("buffers", "ArrayBufferView[]", buffers);
    buffers.forEach((buffer, i) => validateBuffer(buffer, `buffers[${i}]`));
    const total = (buffers as ArrayBufferView[]).reduce((sum, b) => sum + b.byteLength, 0);
    const at = typeof position === "number" && position >= 0 ? position : undefined;
    return (function* () {
      if (total === 0) return 0;
      const bytes = (yield call("read", valid, total, at)) as Uint8Array;
      let offset = 0;
      for (const buffer of buffers as ArrayBufferView[]) {
        const part = bytes.subarray(offset, offset + buffer.byteLength);
        new Uint8Array(buffer.buffer, buffer.byteOffset, part.byteLength).set(part);
        offset += part.byteLength;
      }
      return bytes.byteLength;
    })();
  }

  function writev(fd: unknown, buffers: unknown, position: unknown): Program<number> {
    const valid = validateFd(fd);
    if (!Array.isArray(buffers)) throw invalidArgType("buffers", "ArrayBufferView[]", buffers);
    buffers.forEach((buffer, i) => validateBuffer(buffer, `buffers[${i}]`));
    const data = concat((buffers as ArrayBufferView[]).map((b) => bytesOf(b)).concat([new Uint8Array(0)]));
    return write({ fd: valid, data: bytesOf(data), position: typeof position === "number" && position >= 0 ? position : undefined });
  }

  function fstat(fd: unknown, options: unknown): Program<unknown> {
    const valid = validateFd(fd);
    const bigint = Boolean((options as { bigint?: unknown } | null | undefined)?.bigint);
    return (function* () {
      return makeStats((yield call("fstat", valid)) as FileStat, bigint);
    })();
  }

  /** An fd operation the kernel only has by path: uses the path the fd was opened with. */
  function byPath(syscall: string, fd: unknown, op: string, ...args: unknown[]): Program<void> {
    const valid = validateFd(fd);
    return (function* () {
      const path = fdPaths.get(valid);
      if (path === undefined) {
        yield call("fstat", valid);
        throw uvError("ENOSYS", syscall);
      }
      try {
        if (op !== "fstat") yield call(op, path, ...args);
        else yield call("fstat", valid);
      } catch (error) {
        throw reframe(error, syscall);
      }
    })();
  }

  return {
    open,
    close,
    readFile,
    writeFile: (path: unknown, data: unknown, options?: unknown) => writeFile(path, data, options, "w"),
    appendFile: (path: unknown, data: unknown, options?: unknown) => writeFile(path, data, options, "a"),
    read,
    write,
    readv,
    writev,
    fstat,
    fsync: (fd: unknown) => byPath("fsync", fd, "fstat"),
    fdatasync: (fd: unknown) => byPath("fdatasync", fd, "fstat"),
    ftruncate: (fd: unknown, len?: unknown) => byPath("ftruncate", fd, "truncate", Math.max(0, validateInteger(len ?? 0, "len"))),
    fchmod: (fd: unknown, mode: unknown) => byPath("fchmod", fd, "chmod", parseFileMode(mode, "mode")),
    fchown: (fd: unknown, uid: unknown, gid: unknown) => {
      validateInteger(uid, "uid", -1, 2 ** 32 - 1);
      validateInteger(gid, "gid", -1, 2 ** 32 - 1);
      return byPath("fchown", fd, "fstat");
    },
    futimes: (fd: unknown, atime: unknown, mtime: unknown) => byPath("futime", fd, "utimes", toUnixTimestamp(atime) * 1000, toUnixTimestamp(mtime) * 1000),
  };
}

export type FileOps = ReturnType<typeof createFileOps>;
