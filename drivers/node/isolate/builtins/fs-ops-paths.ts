/**
 * The fs operations on paths (stat, rename, links, copies, access, modes, times, truncate), each
 * a validating function that returns the program doing the work (see fs-core.ts).
 */
import { resolve } from "../path-utils.js";
import { call, entryName, getOptions, onPath, toPath, toUnixTimestamp, type FsContext, type Program } from "./fs-core.js";
import { codedError } from "../errors.js";
import { parseFileMode, reframe, uvError, validateInteger } from "./fs-errors.js";
import { makeStatFs, makeStats, type FileStat } from "./fs-stats.js";
import type { FileSystemStats } from "../../../../syscalls/fs-types.js";

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
  const { cwd } = context;

  function stat(kind: "stat" | "lstat", path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const bigint = Boolean((options as { bigint?: unknown } | null | undefined)?.bigint);
    return (function* () {
      return makeStats((yield* onPath(kind, kind, p)) as FileStat, bigint);
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

  /** utimes on a link itself (Node's syscall name: lutime). */
  function lutimes(path: unknown, atime: unknown, mtime: unknown): Program<void> {
    const p = toPath(path);
    const a = toUnixTimestamp(atime);
    const m = toUnixTimestamp(mtime);
    return onPath("lutimes", "lutime", p, a * 1000, m * 1000) as Program<void>;
  }

  function statfs(path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const bigint = Boolean((options as { bigint?: unknown } | null | undefined)?.bigint);
    return (function* () {
      return makeStatFs((yield* onPath("statfs", "statfs", p)) as FileSystemStats, bigint);
    })();
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
    lutimes,
    statfs,
    truncate,
    exists,
  };
}

export type PathOps = ReturnType<typeof createPathOps>;
