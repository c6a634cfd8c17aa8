import posix from "node:path/posix";
import { SystemError } from "../../syscalls/errors.js";
import type { DirEntry, FileData, FileStat, MkdirOptions, WriteFileOptions } from "../../syscalls/fs-types.js";
import { codeOf } from "./fallbacks.js";
import type { MountTable, Resolved } from "./mount-table.js";
import { checkPath, splitPath } from "./paths.js";
import { call, type Op } from "./run.js";
import { byName, syntheticDirectoryStat } from "./stat.js";

/** Linux's MAXSYMLINKS: more hops than this while resolving one path is ELOOP. */
const MAX_SYMLINK_HOPS = 40;

export interface Located extends Resolved {
  /** The virtual path with its symlinks resolved. */
  path: string;
}

/**
 * The composed view's operations as generators (see run.ts). Paths are resolved here, one
 * component at a time through the whole tree, rather than inside a backend: a backend would
 * resolve a symlink within itself, so a link in `/` pointing into `/mnt` would find `/`'s own
 * (shadowed) `/mnt` instead of the mounted filesystem.
 */
export function createMountOps(table: MountTable) {
  /** lstat, where a missing directory that leads to a mount point exists. */
  function* lstatAt(path: string): Op<FileStat> {
    const { entry, relativePath } = table.resolve(path);
    try {
      return yield* call(entry.target, "lstat", relativePath);
    } catch (error) {
      if (codeOf(error) === "ENOENT" && table.hasMountBelow(path)) return syntheticDirectoryStat();
      throw error;
    }
  }

  /** The path with every symlink resolved (the last one only when `followFinal`). */
  function* resolve(path: string, followFinal: boolean): Op<string> {
    const pending = splitPath(checkPath(path, "open"));
    const done: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === ".") continue;
      // `done` is already free of symlinks, so dropping its last component is the physical `..`.
      if (name === "..") {
        done.pop();
        continue;
      }
      const candidate = `/${[...done, name].join("/")}`;
      if (pending.length === 0 && !followFinal) {
        done.push(name);
        break;
      }
      const whole = yield* resolveWithin(candidate, pending, followFinal);
      if (whole !== undefined) return whole;
      let stat: FileStat;
      try {
        stat = yield* lstatAt(candidate);
      } catch {
        // Nothing to resolve further: the operation reports the error itself, or creates it.
        return posix.join(candidate, ...pending);
      }
      if (stat.type !== "symlink") {
        done.push(name);
        continue;
      }
      if (++hops > MAX_SYMLINK_HOPS) throw new SystemError("ELOOP");
      const { entry, relativePath } = table.resolve(candidate);
      const target = yield* call(entry.target, "readlink", relativePath);
      if (target.startsWith("/")) done.length = 0;
      pending.unshift(...splitPath(target));
    }
    return `/${done.join("/")}`;
  }

  /**
   * The rest of a path, from `candidate` on, resolved by a backend that resolves its own symlinks
   * and keeps them inside itself (`containedSymlinks`): one call instead of one per component.
   * Not when the rest climbs out with `..` or another mount lies inside that backend's tree.
   */
  function* resolveWithin(candidate: string, pending: readonly string[], followFinal: boolean): Op<string | undefined> {
    const { entry, relativePath } = table.resolve(candidate);
    if (!entry.filesystem.containedSymlinks || pending.includes("..") || table.hasMountBelow(entry.path)) return undefined;
    const rest = posix.join(relativePath, ...pending);
    const inMount = (path: string) => (entry.path === "/" ? path : path === "/" ? entry.path : `${entry.path}${path}`);
    try {
      if (followFinal || rest === "/") return inMount(yield* call(entry.target, "realpath", rest));
      return inMount(posix.join(yield* call(entry.target, "realpath", posix.dirname(rest)), posix.basename(rest)));
    } catch {
      // As below: the operation itself reports what is missing or refused.
      return posix.join(candidate, ...pending);
    }
  }

  function* locate(path: string, followFinal: boolean): Op<Located> {
    const resolved = yield* resolve(path, followFinal);
    return { ...table.resolve(resolved), path: resolved };
  }

  function* names(at: Located): Op<string[]> {
    try {
      return yield* call(at.entry.target, "readdir", at.relativePath);
    } catch (error) {
      if (codeOf(error) === "ENOENT" && table.hasMountBelow(at.path)) return [];
      throw error;
    }
  }

  function* stat(path: string): Op<FileStat> {
    return yield* lstatAt((yield* locate(path, true)).path);
  }

  function refuseMountPoint(at: Located): void {
    if (table.isMountPoint(at.path)) throw new SystemError("EBUSY", { detail: "resource busy: a mount point" });
  }

  return {
    locate,
    stat,
    *lstat(path: string): Op<FileStat> {
      return yield* lstatAt((yield* locate(path, false)).path);
    },
    *exists(path: string): Op<boolean> {
      try {
        yield* stat(path);
        return true;
      } catch {
        return false;
      }
    },
    *realpath(path: string): Op<string> {
      const at = yield* locate(path, true);
      yield* lstatAt(at.path); // resolution stops at the first missing component; report it
      return at.path;
    },
    *readFile(path: string): Op<Uint8Array> {
      const at = yield* locate(path, true);
      return yield* call(at.entry.target, "readFile", at.relativePath);
    },
    *writeFile(path: string, data: FileData, options?: WriteFileOptions): Op<void> {
      const at = yield* locate(path, true);
      return yield* call(at.entry.target, "writeFile", at.relativePath, data, options);
    },
    *readdir(path: string): Op<string[]> {
      const at = yield* locate(path, true);
      const all = new Set([...(yield* names(at)), ...table.childMountNames(at.path)]);
      return [...all].sort();
    },
    *readdirWithTypes(path: string): Op<DirEntry[]> {
      const at = yield* locate(path, true);
      const mounted = table.childMountNames(at.path);
      let entries: DirEntry[] = [];
      try {
        entries = yield* call(at.entry.target, "readdirWithTypes", at.relativePath);
      } catch (error) {
        if (!(codeOf(error) === "ENOENT" && mounted.length > 0)) throw error;
      }
      // A mount point shadows whatever the parent backend holds under that name.
      const own = entries.filter((entry) => !mounted.includes(entry.name));
      return [...own, ...mounted.map((name): DirEntry => ({ name, type: "directory" }))].sort(byName);
    },
    *mkdir(path: string, options?: MkdirOptions): Op<void> {
      const at = yield* locate(path, false);
      return yield* call(at.entry.target, "mkdir", at.relativePath, options);
    },
    *readlink(path: string): Op<string> {
      const at = yield* locate(path, false);
      return yield* call(at.entry.target, "readlink", at.relativePath);
    },
    *pread(path: string, position: number, length: number): Op<Uint8Array> {
      const at = yield* locate(path, true);
      return yield* call(at.entry.target, "pread", at.relativePath, position, length);
    },
    *pwrite(path: string, position: number, data: Uint8Array): Op<void> {
      const at = yield* locate(path, true);
      return yield* call(at.entry.target, "pwrite", at.relativePath, position, data);
    },
    *truncate(path: string, length = 0): Op<void> {
      const at = yield* locate(path, true);
      return yield* call(at.entry.target, "truncate", at.relativePath, length);
    },
    *unlink(path: string): Op<void> {
      const at = yield* locate(path, false);
      refuseMountPoint(at);
      return yield* call(at.entry.target, "unlink", at.relativePath);
    },
    *rmdir(path: string): Op<void> {
      const at = yield* locate(path, false);
      refuseMountPoint(at);
      if (table.hasMountBelow(at.path)) throw new SystemError("ENOTEMPTY");
      return yield* call(at.entry.target, "rmdir", at.relativePath);
    },
    *rename(oldPath: string, newPath: string): Op<void> {
      const from = yield* locate(oldPath, false);
      const to = yield* locate(newPath, false);
      refuseMountPoint(from);
      refuseMountPoint(to);
      if (from.entry !== to.entry) throw new SystemError("EXDEV");
      if (table.hasMountBelow(from.path) || table.hasMountBelow(to.path)) throw new SystemError("EBUSY");
      return yield* call(from.entry.target, "rename", from.relativePath, to.relativePath);
    },
  };
}

export type MountOps = ReturnType<typeof createMountOps>;
