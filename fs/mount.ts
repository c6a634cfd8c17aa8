import { SystemError } from "../syscalls/errors.js";
import type { FileSystem, FileSystemBackend, RmOptions, SyncFileSystem } from "../syscalls/fs-types.js";
import { withErrorContext } from "./internal/context.js";
import { createMountOps, type Located } from "./internal/mount-ops.js";
import { createMountTable, type MountInfo } from "./internal/mount-table.js";
import { runAsync, runSync } from "./internal/run.js";

export type { MountInfo } from "./internal/mount-table.js";

/** A filesystem composed of backends mounted at paths. */
export interface MountFileSystem extends FileSystem {
  /**
   * Mounts `filesystem` at `path` (absolute; need not exist in the parent). Fails with EBUSY
   * when something is already mounted there, EINVAL when the backend lacks a core method.
   */
  mount(path: string, filesystem: FileSystemBackend): void;
  /** Unmounts the filesystem at `path`; EINVAL when nothing is mounted there, EBUSY for `/`. */
  unmount(path: string): void;
  /** The mount table, `/` included, sorted by path. */
  mounts(): MountInfo[];
}

/**
 * Composes backends into one tree: each path goes to the backend mounted at its longest
 * matching prefix, with the path relative to that mount. Symlinks resolve through the whole
 * tree, across mounts. A move or hard link between backends fails with EXDEV; a copy works.
 * Missing optional operations fall back to core ones or fail with ENOSYS. `sync` is present
 * while every mounted backend has one. Errors name the full virtual paths.
 */
export function createMountFileSystem(
  root: FileSystemBackend,
  mounts: readonly MountInfo[] = [],
): MountFileSystem {
  const table = createMountTable(root);
  const ops = createMountOps(table);

  const locate = (path: string, followFinal: boolean): Promise<Located> => runAsync(ops.locate(path, followFinal));

  const sync: SyncFileSystem = withErrorContext({
    readFile: (path) => runSync(ops.readFile(path)),
    writeFile: (path, data, options) => runSync(ops.writeFile(path, data, options)),
    readdir: (path) => runSync(ops.readdir(path)),
    readdirWithTypes: (path) => runSync(ops.readdirWithTypes(path)),
    mkdir: (path, options) => runSync(ops.mkdir(path, options)),
    stat: (path) => runSync(ops.stat(path)),
    lstat: (path) => runSync(ops.lstat(path)),
    exists: (path) => runSync(ops.exists(path)),
    readlink: (path) => runSync(ops.readlink(path)),
    realpath: (path) => runSync(ops.realpath(path)),
    pread: (path, position, length) => runSync(ops.pread(path, position, length)),
    pwrite: (path, position, data) => runSync(ops.pwrite(path, position, data)),
    unlink: (path) => runSync(ops.unlink(path)),
    rmdir: (path) => runSync(ops.rmdir(path)),
    rename: (from, to) => runSync(ops.rename(from, to)),
    truncate: (path, length) => runSync(ops.truncate(path, length)),
  } satisfies SyncFileSystem);

  const composed: MountFileSystem = withErrorContext({
    readFile: (path) => runAsync(ops.readFile(path)),
    writeFile: (path, data, options) => runAsync(ops.writeFile(path, data, options)),
    readdir: (path) => runAsync(ops.readdir(path)),
    readdirWithTypes: (path) => runAsync(ops.readdirWithTypes(path)),
    mkdir: (path, options) => runAsync(ops.mkdir(path, options)),
    stat: (path) => runAsync(ops.stat(path)),
    lstat: (path) => runAsync(ops.lstat(path)),
    exists: (path) => runAsync(ops.exists(path)),
    readlink: (path) => runAsync(ops.readlink(path)),
    realpath: (path) => runAsync(ops.realpath(path)),
    pread: (path, position, length) => runAsync(ops.pread(path, position, length)),
    pwrite: (path, position, data) => runAsync(ops.pwrite(path, position, data)),
    unlink: (path) => runAsync(ops.unlink(path)),
    rmdir: (path) => runAsync(ops.rmdir(path)),
    rename: (from, to) => runAsync(ops.rename(from, to)),
    truncate: (path, length) => runAsync(ops.truncate(path, length)),

    async rm(path: string, options?: RmOptions) {
      const at = await locate(path, false);
      // Removing a mount point, or a tree holding one, would leave the mount dangling.
      if (table.isMountPoint(at.path) || table.hasMountBelow(at.path)) throw new SystemError("EBUSY");
      return at.entry.target.async.rm(at.relativePath, options);
    },
    async symlink(target: string, path: string) {
      const at = await locate(path, false);
      return at.entry.target.async.symlink(target, at.relativePath);
    },
    async link(existingPath: string, newPath: string) {
      const from = await locate(existingPath, false);
      const to = await locate(newPath, false);
      if (from.entry !== to.entry) throw new SystemError("EXDEV");
      return from.entry.target.async.link(from.relativePath, to.relativePath);
    },
    async chmod(path: string, mode: number) {
      const at = await locate(path, true);
      return at.entry.target.async.chmod(at.relativePath, mode);
    },
    async utimes(path: string, atimeMs: number, mtimeMs: number) {
      const at = await locate(path, true);
      return at.entry.target.async.utimes(at.relativePath, atimeMs, mtimeMs);
    },
    async lutimes(path: string, atimeMs: number, mtimeMs: number) {
      const at = await locate(path, false);
      return at.entry.target.async.lutimes(at.relativePath, atimeMs, mtimeMs);
    },
    async statfs(path: string) {
      const at = await locate(path, true);
      return at.entry.target.async.statfs(at.relativePath);
    },
    async copyFile(source: string, destination: string) {
      const from = await locate(source, true);
      const to = await locate(destination, true);
      if (from.entry === to.entry) return from.entry.target.async.copyFile(from.relativePath, to.relativePath);
      const data = await from.entry.target.async.readFile(from.relativePath);
      return to.entry.target.async.writeFile(to.relativePath, data);
    },

    readOnly: false,
    mount(path: string, filesystem: FileSystemBackend) {
      table.add(path, filesystem);
      updateSync();
    },
    unmount(path: string) {
      table.remove(path);
      updateSync();
    },
    mounts: () => table.list(),
  });

  function updateSync(): void {
    if (table.allSync()) composed.sync = sync;
    else delete composed.sync;
  }

  for (const { path, filesystem } of mounts) table.add(path, filesystem);
  updateSync();
  return composed;
}
