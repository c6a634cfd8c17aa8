import * as fs from "node:fs";
import { ERRNO, SystemError, isErrnoCode, toSystemError } from "../syscalls/errors.js";
import type { DirEntry, FileStat, FileSystem, SyncFileSystem } from "../syscalls/fs-types.js";
import { withErrorContext } from "./internal/context.js";
import { unlimitedStats } from "./internal/fallbacks.js";
import { DRIVER_NAME, READ_FLAGS, createHostPaths } from "./internal/host-paths.js";
import { checkOffset, checkPath } from "./internal/paths.js";
import { byName, toDirEntry, toFileStat, toUint8Array } from "./internal/stat.js";

export interface HostDirectoryFileSystemOptions {
  /**
   * The host directory shown as `/`. It must exist when the filesystem is created; symlinks in
   * it are resolved then, and every later access must stay inside the resolved directory.
   * @example { root: new URL("./node_modules", import.meta.url).pathname }
   */
  root: string;
}

/** Every write answers this; nothing on the host is touched. */
function readOnly(): never {
  throw new SystemError("EROFS", { detail: `read-only file system (${DRIVER_NAME})` });
}

/** Files up to this size are read synchronously by the asynchronous `readFile` too. */
const SYNC_READ_BYTES = 256 * 1024;

function readResolved(real: string): Uint8Array {
  const fd = fs.openSync(real, READ_FLAGS);
  try {
    return toUint8Array(fs.readFileSync(fd));
  } finally {
    fs.closeSync(fd);
  }
}

/** The real host directory of each host directory filesystem (see `hostDirectoryRoot`). */
const ROOTS = new WeakMap<object, string>();

/**
 * The host directory a filesystem made by `createHostDirectoryFileSystem` shows (symlinks
 * resolved); undefined for any other. For code that reads the same directory itself, with the
 * same containment (the V8 host serves the module overlay that way).
 */
export function hostDirectoryRoot(filesystem: object): string | undefined {
  return ROOTS.get(filesystem);
}

/** Bytes to allocate for a pread: what the file holds there, so a huge `length` costs nothing. */
function readSize(stats: fs.Stats, position: number, length: number): number {
  // Checked here because a zero-length read of a directory would not fail.
  if (stats.isDirectory()) throw new SystemError("EISDIR");
  return Math.max(0, Math.min(length, stats.size - position));
}

/**
 * A read-only view of a host directory. Virtual paths are absolute with `/` as the root; a path
 * whose real location (after symlinks) lies outside the root fails with EACCES. Errors name the
 * virtual path only: no host path appears in any message or field.
 */
export function createHostDirectoryFileSystem(
  options: HostDirectoryFileSystemOptions,
): FileSystem & { sync: SyncFileSystem; readOnly: true; reachesHost: true; containedSymlinks: true } {
  let paths: ReturnType<typeof createHostPaths>;
  try {
    paths = createHostPaths(options.root);
  } catch (error) {
    // The caller knows which root they passed; repeating it would put a host path in an error.
    const code = (error as { code?: unknown }).code;
    const reason = isErrnoCode(code) ? ERRNO[code].description : "cannot be opened";
    throw toSystemError(error, { syscall: "realpath", detail: `${DRIVER_NAME} root: ${reason}` });
  }

  const sync = withErrorContext({
    readFile(path: string): Uint8Array {
      return readResolved(paths.resolveSync(checkPath(path, "open"), true));
    },
    readdir(path: string): string[] {
      return fs.readdirSync(paths.resolveSync(checkPath(path, "scandir"), true)).sort();
    },
    readdirWithTypes(path: string): DirEntry[] {
      const real = paths.resolveSync(checkPath(path, "scandir"), true);
      return fs.readdirSync(real, { withFileTypes: true }).map(toDirEntry).sort(byName);
    },
    stat(path: string): FileStat {
      return toFileStat(fs.statSync(paths.resolveSync(checkPath(path, "stat"), true)));
    },
    lstat(path: string): FileStat {
      return toFileStat(fs.lstatSync(paths.resolveSync(checkPath(path, "lstat"), false)));
    },
    exists(path: string): boolean {
      try {
        fs.statSync(paths.resolveSync(checkPath(path, "access"), true));
        return true;
      } catch {
        return false;
      }
    },
    readlink(path: string): string {
      const real = paths.resolveSync(checkPath(path, "readlink"), false);
      return paths.linkTextSync(real, fs.readlinkSync(real));
    },
    realpath(path: string): string {
      return paths.toVirtual(paths.resolveSync(checkPath(path, "realpath"), true));
    },
    pread(path: string, position: number, length: number): Uint8Array {
      const real = paths.resolveSync(checkPath(path, "read"), true);
      checkOffset(position, "read", path);
      checkOffset(length, "read", path);
      const fd = fs.openSync(real, READ_FLAGS);
      try {
        const buffer = new Uint8Array(readSize(fs.fstatSync(fd), position, length));
        return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.byteLength, position));
      } finally {
        fs.closeSync(fd);
      }
    },
    writeFile: readOnly as SyncFileSystem["writeFile"],
    mkdir: readOnly as SyncFileSystem["mkdir"],
    pwrite: readOnly as SyncFileSystem["pwrite"],
    unlink: readOnly as SyncFileSystem["unlink"],
    rmdir: readOnly as SyncFileSystem["rmdir"],
    rename: readOnly as SyncFileSystem["rename"],
    truncate: readOnly as SyncFileSystem["truncate"],
  } satisfies SyncFileSystem);

  const rejectWrite = async (): Promise<never> => readOnly();

  const filesystem = withErrorContext({
    async readFile(path: string): Promise<Uint8Array> {
      const real = paths.resolveSync(checkPath(path, "open"), true);
      // A small file (a module's source) is read at once; a large one through the thread pool.
      if (fs.statSync(real).size <= SYNC_READ_BYTES) return readResolved(real);
      const handle = await fs.promises.open(real, READ_FLAGS);
      try {
        return toUint8Array(await handle.readFile());
      } finally {
        await handle.close();
      }
    },
    // Metadata answers from the synchronous calls: each takes microseconds, where a trip
    // through libuv's thread pool costs tens (the module loader makes hundreds of them).
    readdir: async (path: string) => sync.readdir(path),
    readdirWithTypes: async (path: string) => sync.readdirWithTypes(path),
    stat: async (path: string) => sync.stat(path),
    lstat: async (path: string) => sync.lstat(path),
    exists: async (path: string) => sync.exists(path),
    readlink: async (path: string) => sync.readlink(path),
    realpath: async (path: string) => sync.realpath(path),
    // The host's disk figures stay on the host: reported as a filesystem without a size limit.
    statfs: async (path: string) => (sync.stat(path), unlimitedStats()),
    async pread(path: string, position: number, length: number): Promise<Uint8Array> {
      const real = await paths.resolve(checkPath(path, "read"), true);
      checkOffset(position, "read", path);
      checkOffset(length, "read", path);
      const handle = await fs.promises.open(real, READ_FLAGS);
      try {
        const buffer = new Uint8Array(readSize(await handle.stat(), position, length));
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, position);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    writeFile: rejectWrite,
    mkdir: rejectWrite,
    unlink: rejectWrite,
    rmdir: rejectWrite,
    rm: rejectWrite,
    rename: rejectWrite,
    symlink: rejectWrite,
    link: rejectWrite,
    chmod: rejectWrite,
    utimes: rejectWrite,
    lutimes: rejectWrite,
    truncate: rejectWrite,
    copyFile: rejectWrite,
    pwrite: rejectWrite,
    sync,
    readOnly: true as const,
    reachesHost: true as const,
    containedSymlinks: true as const,
  });
  ROOTS.set(filesystem, paths.root);
  return filesystem;
}
