/**
 * The fs operations on paths (stat, readdir, mkdir, rm, rename, links, access, ...), each a
 * validating function that returns the program doing the work (see fs-core.ts).
 */
import { Buffer } from "buffer";
import { join, resolve } from "../path-utils.js";
import type { Runtime } from "../runtime.js";
import { call, decode, getOptions, toPath, toUnixTimestamp, type Encoding, type Program } from "./fs-core.js";
import { codedError } from "../errors.js";
import {
  errorCode,
  fsEisdir,
  parseFileMode,
  reframe,
  uvError,
  validateBoolean,
  validateInt32,
  validateInteger,
  validateObject,
  validateUint32,
} from "./fs-errors.js";
import { makeDirent, makeStats, type FileStat } from "./fs-stats.js";

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
function entryName(name: string, encoding: Encoding): string | Buffer {
  return !encoding || /^utf-?8$/i.test(encoding) ? name : decode(Buffer.from(name, "utf8"), encoding);
}

/** Mode of access/copyFile: as Node 22 checks it. */
function accessMode(mode: unknown, fallback: number): number {
  if (mode === undefined || mode === null) return fallback;
  if (typeof mode !== "number" || !Number.isInteger(mode) || mode < -(2 ** 31) || mode >= 2 ** 31) {
    throw codedError("ERR_INVALID_ARG_TYPE", "mode must be int32 or null/undefined", TypeError);
  }
  if (mode < 0 || mode > 7) throw codedError("ERR_OUT_OF_RANGE", "mode is out of range: >= 0 && <= 7", RangeError);
  return mode;
}

export function createPathOps(context: FsContext) {
  const { cwd, warn } = context;

  function stat(kind: "stat" | "lstat", path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const bigint = Boolean((options as { bigint?: unknown } | null | undefined)?.bigint);
    return (function* () {
      return makeStats((yield* onPath(kind, kind, p)) as FileStat, bigint);
    })();
  }

  function readdir(path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const opts = getOptions(options);
    const withFileTypes = Boolean(opts.withFileTypes);
    const recursive = Boolean(opts.recursive);
    return (function* () {
      const entries = (yield* onPath("readdir", "scandir", p)) as Array<{ name: string; type: string }>;
      const out: unknown[] = [];
      const queue: Array<{ dir: string; prefix: string; entries: Array<{ name: string; type: string }> }> = [{ dir: p, prefix: "", entries }];
      for (let i = 0; i < queue.length; i++) {
        const item = queue[i]!;
        if (i > 0) item.entries = (yield call("readdir", item.dir)) as Array<{ name: string; type: string }>;
        for (const entry of item.entries) {
          const name = entryName(entry.name, opts.encoding);
          out.push(withFileTypes ? makeDirent(name, entry.type, item.dir) : recursive && item.prefix ? `${item.prefix}/${String(name)}` : name);
          if (recursive && entry.type === "directory") {
            queue.push({ dir: join(item.dir, entry.name), prefix: item.prefix ? `${item.prefix}/${entry.name}` : entry.name, entries: [] });
          }
        }
      }
      return out;
    })();
  }

  function mkdir(path: unknown, options: unknown): Program<string | undefined> {
    const p = toPath(path);
    let mode = 0o777;
    let recursive = false;
    if (typeof options === "number" || typeof options === "string") mode = parseFileMode(options, "mode");
    else if (options) {
      const o = options as { recursive?: unknown; mode?: unknown };
      if (o.recursive !== undefined) recursive = o.recursive as boolean;
      if (o.mode !== undefined) mode = parseFileMode(o.mode, "mode");
    }
    validateBoolean(recursive, "options.recursive");
    return (function* () {
      if (!recursive) {
        yield* onPath("mkdir", "mkdir", p, { mode });
        return undefined;
      }
      // The first directory created is the shortest prefix of the path that does not exist yet.
      let first: string | undefined;
      const parts = p.split("/");
      for (let i = 1; i <= parts.length && first === undefined; i++) {
        const prefix = parts.slice(0, i).join("/");
        if (prefix === "" || parts[i - 1] === "" || parts[i - 1] === ".") continue;
        try {
          yield call("stat", prefix);
        } catch (error) {
          if (errorCode(error) === "ENOENT") first = prefix;
        }
      }
      yield* onPath("mkdir", "mkdir", p, { recursive: true, mode });
      if (first === undefined) {
        const found = (yield call("stat", p)) as FileStat;
        if (found.type !== "directory") throw uvError("EEXIST", "mkdir", p);
      }
      return first;
    })();
  }

  function rmOptions(options: unknown): { force: boolean; recursive: boolean } {
    const o = { force: false, recursive: false, retryDelay: 100, maxRetries: 0, ...(options === undefined ? {} : (options as object)) };
    if (options !== undefined) validateObject(options, "options");
    validateBoolean(o.force, "options.force");
    validateBoolean(o.recursive, "options.recursive");
    validateInt32(o.retryDelay, "options.retryDelay", 0);
    validateUint32(o.maxRetries, "options.maxRetries");
    return o;
  }

  function rm(path: unknown, options: unknown): Program<void> {
    const p = toPath(path);
    const { force, recursive } = rmOptions(options);
    return (function* () {
      let found: FileStat;
      try {
        found = (yield* onPath("lstat", "lstat", p)) as FileStat;
      } catch (error) {
        if (force && errorCode(error) === "ENOENT") return;
        throw error;
      }
      if (found.type === "directory" && !recursive) throw fsEisdir(p);
      yield call("rm", p, { recursive, force });
    })();
  }

  function rmdir(path: unknown, options: unknown): Program<void> {
    const p = toPath(path);
    const recursive = (options as { recursive?: unknown } | null | undefined)?.recursive;
    if (recursive) {
      warn("In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead", "DeprecationWarning", "DEP0147");
    } else if (options !== undefined) rmOptions({ ...(options as object), recursive: false });
    return (function* () {
      if (recursive) {
        const found = (yield* onPath("lstat", "lstat", p)) as FileStat;
        if (found.type === "directory") {
          yield call("rm", p, { recursive: true, force: false });
          return;
        }
      }
      yield* onPath("rmdir", "rmdir", p);
    })();
  }

  function twoPaths(op: string, syscall: string, from: unknown, to: unknown, names: [string, string], ...rest: unknown[]): Program<void> {
    const a = toPath(from, names[0]);
    const b = toPath(to, names[1]);
    return (function* () {
      if (a === "" || b === "") throw uvError("ENOENT", syscall, a, b);
      yield call(op, a, b, ...rest);
    })();
  }

  function copyFile(src: unknown, dest: unknown, mode: unknown): Program<void> {
    const a = toPath(src, "src");
    const b = toPath(dest, "dest");
    const flags = accessMode(mode, 0);
    return (function* () {
      if (a === "" || b === "") throw uvError("ENOENT", "copyfile", a, b);
      if (flags & 1) {
        try {
          yield call("stat", a);
        } catch (error) {
          throw reframe(error, "copyfile", a, b);
        }
        if (yield call("exists", b)) throw uvError("EEXIST", "copyfile", a, b);
      }
      yield call("copyFile", a, b);
    })();
  }

  function symlink(target: unknown, path: unknown, type: unknown): Program<void> {
    const t = toPath(target, "target");
    const p = toPath(path);
    if (type !== undefined && type !== null && type !== "dir" && type !== "file" && type !== "junction") {
      throw codedError("ERR_FS_INVALID_SYMLINK_TYPE", `Symlink type must be one of "dir", "file", or "junction". Received "${String(type)}"`, Error);
    }
    return (function* () {
      try {
        if (p === "") throw uvError("ENOENT", "symlink", t, p);
        yield call("symlink", t, p);
      } catch (error) {
        throw reframe(error, "symlink", t, p);
      }
    })();
  }

  function readlink(path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const { encoding } = getOptions(options);
    return (function* () {
      return entryName((yield* onPath("readlink", "readlink", p)) as string, encoding);
    })();
  }

  function realpath(path: unknown, options: unknown, native: boolean): Program<unknown> {
    const p = toPath(path);
    const { encoding } = getOptions(options);
    return (function* () {
      let real: string;
      try {
        real = (yield* onPath("realpath", "realpath", p)) as string;
      } catch (error) {
        if (native) throw error;
        // Node's JavaScript realpath walks the path with lstat and reports the first missing part.
        const absolute = resolve(cwd(), p);
        const parts = absolute.split("/").filter(Boolean);
        for (let i = 1; i <= parts.length; i++) {
          const prefix = `/${parts.slice(0, i).join("/")}`;
          try {
            yield call("lstat", prefix);
          } catch (inner) {
            throw reframe(inner, "lstat", prefix);
          }
        }
        throw error;
      }
      return entryName(real, encoding);
    })();
  }

  function access(path: unknown, mode: unknown): Program<void> {
    const p = toPath(path);
    const wanted = accessMode(mode, 0);
    return (function* () {
      yield* onPath("access", "access", p);
      if (wanted & 1) {
        // The sandbox runs as root: execute needs an x bit on files, never on directories.
        const found = (yield call("stat", p)) as FileStat;
        if (found.type !== "directory" && (found.mode & 0o111) === 0) throw uvError("EACCES", "access", p);
      }
    })();
  }

  function chmod(path: unknown, mode: unknown): Program<void> {
    const p = toPath(path);
    const m = parseFileMode(mode, "mode");
    return onPath("chmod", "chmod", p, m) as Program<void>;
  }

  function chown(kind: "chown" | "lchown", path: unknown, uid: unknown, gid: unknown): Program<void> {
    const p = toPath(path);
    validateInteger(uid, "uid", -1, 2 ** 32 - 1);
    validateInteger(gid, "gid", -1, 2 ** 32 - 1);
    return (function* () {
      // Ownership is not modelled: the call checks that the path exists.
      try {
        yield* onPath(kind === "chown" ? "stat" : "lstat", kind, p);
      } catch (error) {
        throw reframe(error, kind, p);
      }
    })();
  }

  function utimes(path: unknown, atime: unknown, mtime: unknown): Program<void> {
    const p = toPath(path);
    const a = toUnixTimestamp(atime);
    const m = toUnixTimestamp(mtime);
    return onPath("utimes", "utime", p, a * 1000, m * 1000) as Program<void>;
  }

  function truncate(path: unknown, len: unknown): Program<void> {
    const p = toPath(path);
    const length = Math.max(0, validateInteger(len ?? 0, "len"));
    return (function* () {
      try {
        yield* onPath("truncate", "open", p, length);
      } catch (error) {
        throw reframe(error, "open", p);
      }
    })();
  }

  function mkdtemp(prefix: unknown, options: unknown): Program<unknown> {
    const p = toPath(prefix, "prefix");
    const { encoding } = getOptions(options);
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return (function* () {
      for (let attempt = 0; ; attempt++) {
        let suffix = "";
        for (let i = 0; i < 6; i++) suffix += chars[Math.floor(Math.random() * chars.length)];
        try {
          yield call("mkdir", p + suffix, { mode: 0o700 });
          return entryName(p + suffix, encoding);
        } catch (error) {
          if (errorCode(error) !== "EEXIST" || attempt > 100) throw reframe(error, "mkdtemp", `${p}XXXXXX`);
        }
      }
    })();
  }

  function exists(path: unknown): Program<boolean> {
    let p: string;
    try {
      p = toPath(path);
    } catch {
      p = "";
    }
    return (function* () {
      return p === "" ? false : Boolean(yield call("exists", p));
    })();
  }

  return {
    stat: (path: unknown, options?: unknown) => stat("stat", path, options),
    lstat: (path: unknown, options?: unknown) => stat("lstat", path, options),
    readdir,
    mkdir,
    rm,
    rmdir,
    unlink: (path: unknown) => onPath("unlink", "unlink", toPath(path)) as Program<void>,
    rename: (from: unknown, to: unknown) => twoPaths("rename", "rename", from, to, ["oldPath", "newPath"]),
    link: (from: unknown, to: unknown) => twoPaths("link", "link", from, to, ["existingPath", "newPath"]),
    copyFile,
    symlink,
    readlink,
    realpath: (path: unknown, options?: unknown) => realpath(path, options, false),
    realpathNative: (path: unknown, options?: unknown) => realpath(path, options, true),
    access,
    chmod,
    chown: (path: unknown, uid: unknown, gid: unknown) => chown("chown", path, uid, gid),
    lchown: (path: unknown, uid: unknown, gid: unknown) => chown("lchown", path, uid, gid),
    utimes,
    truncate,
    mkdtemp,
    exists,
  };
}

export type PathOps = ReturnType<typeof createPathOps>;
