import posix from "node:path/posix";
import type { Volume } from "memfs";
import { SystemError } from "../../syscalls/errors.js";
import type { DirEntry, FileData, FileStat, FileSystemStats, MkdirOptions, RmOptions, WriteFileOptions } from "../../syscalls/fs-types.js";
import { unlimitedStats } from "./fallbacks.js";
import { checkOffset, checkPath } from "./paths.js";
import { byName, toDirEntry, toFileStat, toUint8Array } from "./stat.js";

/** What these operations use of a memfs `Stats` (its typings overload on bigint). */
interface Stats {
  isDirectory(): boolean;
}

const WRITE_FLAGS: ReadonlySet<string> = new Set(["w", "a", "wx"]);

/** Linux's f_type for tmpfs, the kernel filesystem an in-memory one is most like. */
export const TMPFS_MAGIC = 0x01021994;

/**
 * The in-memory filesystem as synchronous operations on a memfs Volume. memfs is lenient where
 * Linux is not (it renames a directory over a file, hard-links directories, follows a symlink
 * in a recursive rm and deletes its target), so each operation checks POSIX rules first and
 * hands memfs only what it gets right.
 */
export function createMemoryOps(volume: Volume) {
  function lstatOrNull(path: string): Stats | null {
    try {
      return volume.lstatSync(path) as Stats;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return null;
      throw error;
    }
  }

  /** Whether `path` is, or links to, a directory. */
  function isDirectory(path: string): boolean {
    try {
      return volume.statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  /** The path with its parent's symlinks resolved, so two spellings of one entry compare equal. */
  function canonicalEntry(path: string): string {
    if (path === "/") return path;
    return posix.join(String(volume.realpathSync(posix.dirname(path))), posix.basename(path));
  }

  function removeTree(path: string, stats: Stats): void {
    if (!stats.isDirectory()) return volume.unlinkSync(path);
    for (const name of volume.readdirSync(path) as string[]) {
      const child = posix.join(path, String(name));
      removeTree(child, volume.lstatSync(child) as Stats);
    }
    volume.rmdirSync(path);
  }

  return {
    readFile(path: string): Uint8Array {
      return toUint8Array(volume.readFileSync(checkPath(path, "open")) as Uint8Array);
    },
    writeFile(path: string, data: FileData, options: WriteFileOptions = {}): void {
      const flag = options.flag ?? "w";
      if (!WRITE_FLAGS.has(flag)) throw new SystemError("EINVAL", { detail: `unsupported flag "${flag}"` });
      volume.writeFileSync(checkPath(path, "open"), data, { mode: options.mode ?? 0o666, flag });
    },
    readdir(path: string): string[] {
      return (volume.readdirSync(checkPath(path, "scandir")) as unknown[]).map(String).sort();
    },
    readdirWithTypes(path: string): DirEntry[] {
      const dirents = volume.readdirSync(checkPath(path, "scandir"), { withFileTypes: true });
      return (dirents as Parameters<typeof toDirEntry>[0][]).map(toDirEntry).sort(byName);
    },
    mkdir(path: string, options: MkdirOptions = {}): void {
      const target = checkPath(path, "mkdir");
      if (options.recursive) {
        // memfs accepts `mkdir -p` over an existing file; Node reports EEXIST.
        if (lstatOrNull(target)) {
          if (isDirectory(target)) return;
          throw new SystemError("EEXIST");
        }
      }
      volume.mkdirSync(target, { recursive: options.recursive ?? false, mode: options.mode ?? 0o777 });
    },
    stat(path: string): FileStat {
      return toFileStat(volume.statSync(checkPath(path, "stat")));
    },
    lstat(path: string): FileStat {
      return toFileStat(volume.lstatSync(checkPath(path, "lstat")));
    },
    exists(path: string): boolean {
      try {
        volume.statSync(checkPath(path, "access"));
        return true;
      } catch {
        return false;
      }
    },
    readlink(path: string): string {
      return String(volume.readlinkSync(checkPath(path, "readlink")));
    },
    realpath(path: string): string {
      return String(volume.realpathSync(checkPath(path, "realpath")));
    },
    pread(path: string, position: number, length: number): Uint8Array {
      const target = checkPath(path, "read");
      checkOffset(position, "read", path);
      checkOffset(length, "read", path);
      const stats = volume.statSync(target);
      // memfs reads a directory as empty; Linux refuses.
      if (stats.isDirectory()) throw new SystemError("EISDIR");
      const fd = volume.openSync(target, "r");
      try {
        // Sized by what the file holds, so a huge `length` allocates nothing.
        const buffer = new Uint8Array(Math.max(0, Math.min(length, Number(stats.size) - position)));
        const count = volume.readSync(fd, buffer, 0, buffer.byteLength, position);
        return buffer.subarray(0, count);
      } finally {
        volume.closeSync(fd);
      }
    },
    pwrite(path: string, position: number, data: Uint8Array): void {
      const target = checkPath(path, "write");
      checkOffset(position, "write", path);
      const fd = volume.openSync(target, "r+");
      try {
        volume.writeSync(fd, data, 0, data.byteLength, position);
      } finally {
        volume.closeSync(fd);
      }
    },
    unlink(path: string): void {
      const target = checkPath(path, "unlink");
      // memfs says EPERM; Linux says EISDIR.
      if (volume.lstatSync(target).isDirectory()) throw new SystemError("EISDIR");
      volume.unlinkSync(target);
    },
    rmdir(path: string): void {
      const target = checkPath(path, "rmdir");
      if (target === "/") throw new SystemError("EBUSY");
      volume.rmdirSync(target);
    },
    rename(oldPath: string, newPath: string): void {
      const from = checkPath(oldPath, "rename");
      const to = checkPath(newPath, "rename");
      if (from === "/" || to === "/") throw new SystemError("EBUSY");
      const source = volume.lstatSync(from);
      const realFrom = canonicalEntry(from);
      const realTo = canonicalEntry(to);
      if (realFrom === realTo) return;
      if (source.isDirectory() && realTo.startsWith(`${realFrom}/`)) throw new SystemError("EINVAL");
      const existing = lstatOrNull(realTo);
      if (existing) {
        if (source.isDirectory() && !existing.isDirectory()) throw new SystemError("ENOTDIR");
        if (!source.isDirectory() && existing.isDirectory()) throw new SystemError("EISDIR");
        if (existing.isDirectory() && volume.readdirSync(realTo).length > 0) throw new SystemError("ENOTEMPTY");
      }
      volume.renameSync(realFrom, realTo);
    },
    truncate(path: string, length = 0): void {
      const target = checkPath(path, "open");
      volume.truncateSync(target, checkOffset(length, "open", path));
    },
    rm(path: string, options: RmOptions = {}): void {
      const target = checkPath(path, "rm");
      const stats = lstatOrNull(target);
      if (!stats) {
        if (options.force) return;
        throw new SystemError("ENOENT");
      }
      if (target === "/") throw new SystemError("EBUSY");
      if (stats.isDirectory() && !options.recursive) throw new SystemError("EISDIR", { detail: "is a directory (use recursive)" });
      removeTree(target, stats);
    },
    symlink(target: string, path: string): void {
      if (typeof target !== "string" || target === "" || target.includes("\0")) throw new SystemError("ENOENT");
      volume.symlinkSync(target, checkPath(path, "symlink"));
    },
    link(existingPath: string, newPath: string): void {
      const from = checkPath(existingPath, "link");
      const to = checkPath(newPath, "link");
      if (volume.lstatSync(from).isDirectory()) throw new SystemError("EPERM");
      volume.linkSync(from, to);
    },
    chmod(path: string, mode: number): void {
      volume.chmodSync(checkPath(path, "chmod"), mode);
    },
    utimes(path: string, atimeMs: number, mtimeMs: number): void {
      // memfs, like Node, takes numbers as seconds.
      volume.utimesSync(checkPath(path, "utime"), atimeMs / 1000, mtimeMs / 1000);
    },
    lutimes(path: string, atimeMs: number, mtimeMs: number): void {
      volume.lutimesSync(checkPath(path, "lutime"), atimeMs / 1000, mtimeMs / 1000);
    },
    /** No size limit of its own (withQuota gives one): tmpfs's figures for that. */
    statfs(path: string): FileSystemStats {
      volume.statSync(checkPath(path, "statfs"));
      return unlimitedStats(TMPFS_MAGIC);
    },
    copyFile(source: string, destination: string): void {
      volume.copyFileSync(checkPath(source, "copyfile"), checkPath(destination, "copyfile"));
    },
  };
}

export type MemoryOps = ReturnType<typeof createMemoryOps>;
