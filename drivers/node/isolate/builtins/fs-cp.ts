/**
 * `fs.cp`, `fs.cpSync` and `fs.promises.cp`: a copy of a file, link or directory tree made from
 * the ordinary syscalls (stat, readdir, copyFile, mkdir, symlink, chmod, utimes), one call each.
 *
 * Node 22 has two implementations with different errors: the synchronous one checks the paths in
 * C++ (plain Errors with a `code`: `Cannot copy src/ to a subdirectory of self src/x`) and copies
 * a tree without a filter in C++ too; the asynchronous one reports SystemErrors
 * (`Invalid src or dest: cp returned EINVAL (...) path`). One program serves both, told which
 * flavour to follow.
 */
import * as path from "path-browserify";
import { awaitValue, call, runAsync, runPromise, runSync, toPath, type FsContext, type Program } from "./fs-core.js";
import { codedError } from "../errors.js";
import {
  describeReceived,
  errorCode,
  fsSystemError,
  plainCodedError,
  reframe,
  validateBoolean,
  validateFunction,
  validateInteger,
  validateObject,
} from "./fs-errors.js";
import type { FileStat } from "./fs-stats.js";

const { dirname, isAbsolute, resolve, join } = path;

export interface CpOptions {
  dereference: boolean;
  errorOnExist: boolean;
  filter: ((src: string, dest: string) => unknown) | undefined;
  force: boolean;
  preserveTimestamps: boolean;
  recursive: boolean;
  verbatimSymlinks: boolean;
  mode: number;
}

const DEFAULTS: CpOptions = {
  dereference: false,
  errorOnExist: false,
  filter: undefined,
  force: true,
  preserveTimestamps: false,
  recursive: false,
  verbatimSymlinks: false,
  mode: 0,
};

/** Node's validateCpOptions: the options over the defaults, each checked. */
export function cpOptions(options: unknown): CpOptions {
  if (options === undefined) return { ...DEFAULTS };
  validateObject(options, "options");
  const o = { ...DEFAULTS, ...(options as Partial<CpOptions>) };
  for (const key of ["dereference", "errorOnExist", "force", "preserveTimestamps", "recursive", "verbatimSymlinks"] as const) {
    validateBoolean(o[key], `options.${key}`);
  }
  o.mode = o.mode === undefined || o.mode === null ? 0 : validateInteger(o.mode, "mode", 0, 7);
  if (o.dereference && o.verbatimSymlinks) {
    throw codedError("ERR_INCOMPATIBLE_OPTION_PAIR", 'Option "dereference" cannot be used in combination with option "verbatimSymlinks"', TypeError);
  }
  if (o.filter !== undefined) validateFunction(o.filter, "options.filter");
  return o;
}

/** Whether absolute `dest` is absolute `src` or below it, by the paths' names only (as Node checks). */
function isSubdir(src: string, dest: string): boolean {
  const a = src.split("/").filter(Boolean);
  const b = dest.split("/").filter(Boolean);
  return a.every((part, i) => b[i] === part);
}

const withSlash = (path: string) => (path.endsWith("/") ? path : `${path}/`);

const info = (message: string, path: string, code: string, errno: number) => ({ message, path, syscall: "cp", errno, code });

const EINVAL = 22;

export function createCpOps(context: FsContext) {
  /** `resolve` against the sandbox process's cwd. */
  const absolute = (path: string) => resolve(context.cwd(), path);

  function* statOrNull(op: "stat" | "lstat", path: string): Program<FileStat | null> {
    try {
      return (yield call(op, path)) as FileStat;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
  }

  /**
   * The same file: the same inode, and (inode numbers being per filesystem) the same real path,
   * unless it is a file with other hard links.
   */
  function* identical(a: FileStat, b: FileStat, src: string, dest: string): Program<boolean> {
    if (a.ino === 0 || a.ino !== b.ino || a.type !== b.type) return false;
    if (a.type === "file" && a.nlink > 1) return true;
    try {
      return (yield call("realpath", src)) === (yield call("realpath", dest));
    } catch {
      return false;
    }
  }

  /** The user's filter; in the synchronous flavour a promise is an error. */
  function* keep(options: CpOptions, sync: boolean, src: string, dest: string): Program<boolean> {
    if (!options.filter) return true;
    const result = options.filter(src, dest);
    if (sync) {
      if (result instanceof Promise) {
        throw codedError("ERR_INVALID_RETURN_VALUE", `Expected boolean to be returned from the "filter" function but got ${describeReceived(result)}.`, TypeError);
      }
      return Boolean(result);
    }
    return Boolean(yield awaitValue(result));
  }

  function cp(srcArg: unknown, destArg: unknown, optionsArg: unknown, sync: boolean): Program<void> {
    const options = cpOptions(optionsArg);
    const src = toPath(srcArg, "src");
    const dest = toPath(destArg, "dest");
    const statOp = options.dereference ? "stat" : "lstat";
    // The synchronous copy of a tree without a filter follows Node's C++ one.
    const native = sync && !options.filter;

    function* setMode(path: string, mode: number): Program<void> {
      yield call("chmod", path, mode & 0o7777);
    }

    function* copyFile(srcStat: FileStat, from: string, to: string): Program<void> {
      yield call("copyFile", from, to);
      // The mode before the times (Node sets them the other way round): the in-memory
      // filesystem's chmod moves the modification time.
      yield* setMode(to, srcStat.mode);
      if (options.preserveTimestamps) {
        const current = (yield call("stat", from)) as FileStat;
        yield call("utimes", to, current.atimeMs, current.mtimeMs);
      }
    }

    /** ERR_FS_CP_EEXIST: a SystemError, or in the C++ tree copy its own wording. */
    function existsError(target: string): Error {
      if (native && target !== dest) {
        return plainCodedError("ERR_FS_CP_EEXIST", `[ERR_FS_CP_EEXIST]: Target already exists: cp returned EEXIST (${target} already exists)`);
      }
      return fsSystemError("ERR_FS_CP_EEXIST", "Target already exists", info(`${target} already exists`, target, "EEXIST", 17));
    }

    function* onFile(srcStat: FileStat, destStat: FileStat | null, from: string, to: string): Program<void> {
      if (!destStat) return yield* copyFile(srcStat, from, to);
      if (options.force) {
        yield call("unlink", to);
        return yield* copyFile(srcStat, from, to);
      }
      if (options.errorOnExist) throw existsError(to);
    }

    function* symlink(target: string, to: string): Program<void> {
      try {
        yield call("symlink", target, to);
      } catch (error) {
        throw reframe(error, "symlink", target, to);
      }
    }

    function* onLink(destStat: FileStat | null, from: string, to: string): Program<void> {
      let target = (yield call("readlink", from)) as string;
      if (!options.verbatimSymlinks && !isAbsolute(target)) target = resolve(dirname(absolute(from)), target);
      if (!destStat) return yield* symlink(target, to);
      let destTarget: string;
      try {
        destTarget = (yield call("readlink", to)) as string;
      } catch (error) {
        if (errorCode(error) === "EINVAL") return yield* symlink(target, to);
        throw error;
      }
      if (!isAbsolute(destTarget)) destTarget = resolve(dirname(absolute(to)), destTarget);
      if (isSubdir(target, destTarget)) {
        throw fsSystemError("ERR_FS_CP_EINVAL", "Invalid src or dest", info(`cannot copy ${target} to a subdirectory of self ${destTarget}`, to, "EINVAL", EINVAL));
      }
      const found = (yield call("stat", sync ? to : from)) as FileStat;
      if (found.type === "directory" && isSubdir(destTarget, target)) {
        throw fsSystemError(
          "ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY",
          "Cannot overwrite symlink in subdirectory of self",
          info(`cannot overwrite ${destTarget} with ${target}`, to, "EINVAL", EINVAL),
        );
      }
      yield call("unlink", to);
      yield* symlink(target, to);
    }

    function* onDir(srcStat: FileStat, destStat: FileStat | null, from: string, to: string): Program<void> {
      if (!destStat) {
        yield call("mkdir", to, { mode: 0o777 });
        yield* copyDir(from, to);
        // Node's C++ tree copy leaves the directories it makes below the top with their default mode.
        if (!native || to === dest) yield* setMode(to, srcStat.mode);
        return;
      }
      if (!sync && options.errorOnExist && !options.force) throw existsError(to);
      yield* copyDir(from, to);
    }

    function* copyDir(from: string, to: string): Program<void> {
      const entries = (yield call("readdir", from)) as Array<{ name: string }>;
      for (const { name } of entries) {
        const srcItem = join(from, name);
        const destItem = native ? `${to}/${name}` : join(to, name);
        if (sync) {
          if (yield* keep(options, sync, srcItem, destItem)) yield* copyItem(srcItem, destItem, true);
          continue;
        }
        const checked = yield* checkPaths(srcItem, destItem);
        if (checked) yield* copyItem(srcItem, destItem, false, checked.destStat);
      }
    }

    /** Node's getStats / getStatsForCopy: what to do with one path. */
    function* copyItem(from: string, to: string, inTree: boolean, known?: FileStat | null): Program<void> {
      // Node's C++ tree copy copies links as links, whatever `dereference` says.
      const op = native && inTree ? "lstat" : statOp;
      const srcStat = (yield call(op, from)) as FileStat;
      const destStat = known !== undefined ? known : yield* statOrNull(op, to);
      if (srcStat.type === "directory" && options.recursive) return yield* onDir(srcStat, destStat, from, to);
      if (srcStat.type === "directory") {
        throw fsSystemError("ERR_FS_EISDIR", "Path is a directory", info(`${from} is a directory (not copied)`, from, "EISDIR", 21));
      }
      if (srcStat.type === "symlink") return yield* onLink(destStat, from, to);
      return yield* onFile(srcStat, destStat, from, to);
    }

    /** The asynchronous flavour's checkPaths: the filter, then what the two paths are. */
    function* checkPaths(from: string, to: string): Program<{ srcStat: FileStat; destStat: FileStat | null } | null> {
      if (!(yield* keep(options, sync, from, to))) return null;
      const srcStat = (yield call(statOp, from)) as FileStat;
      const destStat = yield* statOrNull(statOp, to);
      if (destStat) {
        if (yield* identical(srcStat, destStat, from, to)) {
          throw fsSystemError("ERR_FS_CP_EINVAL", "Invalid src or dest", info("src and dest cannot be the same", to, "EINVAL", EINVAL));
        }
        if (srcStat.type === "directory" && destStat.type !== "directory") {
          throw fsSystemError(
            "ERR_FS_CP_DIR_TO_NON_DIR",
            "Cannot overwrite non-directory with directory",
            info(`cannot overwrite non-directory ${to} with directory ${from}`, to, "EISDIR", 21),
          );
        }
        if (srcStat.type !== "directory" && destStat.type === "directory") {
          throw fsSystemError(
            "ERR_FS_CP_NON_DIR_TO_DIR",
            "Cannot overwrite directory with non-directory",
            info(`cannot overwrite directory ${to} with non-directory ${from}`, to, "ENOTDIR", 20),
          );
        }
      }
      if (srcStat.type === "directory" && isSubdir(absolute(from), absolute(to))) {
        throw fsSystemError("ERR_FS_CP_EINVAL", "Invalid src or dest", info(`cannot copy ${from} to a subdirectory of self ${to}`, to, "EINVAL", EINVAL));
      }
      return { srcStat, destStat };
    }

    /** The asynchronous flavour: no parent of dest may be src itself (reached through a link). */
    function* checkParents(srcStat: FileStat, from: string, to: string): Program<void> {
      const srcParent = absolute(dirname(from));
      let destParent = absolute(dirname(to));
      while (destParent !== srcParent && destParent !== "/") {
        const found = yield* statOrNull("stat", destParent);
        if (!found) return;
        if (yield* identical(srcStat, found, from, destParent)) {
          throw fsSystemError("ERR_FS_CP_EINVAL", "Invalid src or dest", info(`cannot copy ${from} to a subdirectory of self ${to}`, to, "EINVAL", EINVAL));
        }
        destParent = dirname(destParent);
      }
    }

    /** The synchronous flavour's checks (Node's cpSyncCheckPaths, in C++). */
    function* checkPathsSync(): Program<void> {
      const srcStat = (yield call(statOp, src)) as FileStat;
      const destStat = yield* statOrNull(statOp, dest);
      if (destStat) {
        const a = yield* statOrNull("stat", src);
        const b = yield* statOrNull("stat", dest);
        if (a && b && (yield* identical(a, b, src, dest))) throw plainCodedError("ERR_FS_CP_EINVAL", `src and dest cannot be the same ${dest}`);
        if (srcStat.type === "directory" && destStat.type !== "directory") {
          throw plainCodedError("ERR_FS_CP_DIR_TO_NON_DIR", `Cannot overwrite non-directory ${dest} with directory ${src}`);
        }
        if (srcStat.type !== "directory" && destStat.type === "directory") {
          throw plainCodedError("ERR_FS_CP_NON_DIR_TO_DIR", `Cannot overwrite directory ${dest} with non-directory ${src}`);
        }
      }
      if (srcStat.type === "directory" && !options.recursive) {
        throw plainCodedError("ERR_FS_EISDIR", `Recursive option not enabled, cannot copy a directory: ${withSlash(src)}`);
      }
      if (srcStat.type === "directory" && isSubdir(absolute(src), absolute(dest))) {
        throw plainCodedError("ERR_FS_CP_EINVAL", `Cannot copy ${withSlash(src)} to a subdirectory of self ${dest}`);
      }
    }

    function* makeParent(): Program<void> {
      const parent = dirname(dest);
      if (!(yield* statOrNull("stat", parent))) yield call("mkdir", parent, { recursive: true, mode: 0o777 });
    }

    return (function* () {
      if (sync) {
        if (!(yield* keep(options, sync, src, dest))) return;
        yield* checkPathsSync();
        yield* makeParent();
        return yield* copyItem(src, dest, false);
      }
      const checked = yield* checkPaths(src, dest);
      if (!checked) return;
      yield* checkParents(checked.srcStat, src, dest);
      yield* makeParent();
      return yield* copyItem(src, dest, false, checked.destStat);
    })();
  }

  return { cp };
}

/** The three forms: `cpSync`, `cp(src, dest[, options], callback)` and `fs.promises.cp`. */
export function createCpApi(context: FsContext) {
  const { cp } = createCpOps(context);
  const fs = {
    cpSync: (src: unknown, dest: unknown, options?: unknown): void => runSync(context.runtime, cp(src, dest, options, true)),
    cp(src: unknown, dest: unknown, options: unknown, callback?: unknown): void {
      if (typeof options === "function") {
        callback = options;
        options = undefined;
      }
      validateFunction(callback, "cb");
      runAsync(context.runtime, cp(src, dest, options, false), (error) => (error ? callback(error) : callback(null, undefined)));
    },
  };
  const promises = {
    cp: (src: unknown, dest: unknown, options?: unknown): Promise<void> => runPromise(context.runtime, () => cp(src, dest, options, false)),
  };
  return { fs, promises };
}
