import posix from "node:path/posix";
import { SystemError } from "../../syscalls/errors.js";
import type { DirEntry, FileSystemBackend, FileSystemStats, RmOptions } from "../../syscalls/fs-types.js";
import { checkOffset } from "./paths.js";
import type { CompleteBackend } from "./run.js";
import { byName } from "./stat.js";

/** statfs of a filesystem without a size limit: no blocks or inodes counted, as tmpfs without `size`. */
export function unlimitedStats(type = 0): FileSystemStats {
  return { type, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 };
}

export function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function unsupported(what: string): () => Promise<never> {
  return async () => {
    throw new SystemError("ENOSYS", { detail: `function not implemented: the backend has no ${what}` });
  };
}

/**
 * The backend with every optional operation present: its own where it has one, otherwise one
 * built from the core operations, or ENOSYS where none can be (chmod, links). Callers of the
 * mount layer therefore never probe.
 */
export function completeBackend(backend: FileSystemBackend): CompleteBackend {
  const b = backend;

  async function rm(path: string, options: RmOptions = {}): Promise<void> {
    let type;
    try {
      type = (await b.lstat(path)).type;
    } catch (error) {
      if (options.force && codeOf(error) === "ENOENT") return;
      throw error;
    }
    if (type !== "directory") return b.unlink(path);
    if (!options.recursive) throw new SystemError("EISDIR", { detail: "is a directory (use recursive)" });
    for (const name of await b.readdir(path)) await rm(posix.join(path, name), { recursive: true });
    await b.rmdir(path);
  }

  return {
    readFile: (path) => b.readFile(path),
    writeFile: (path, data, options) => b.writeFile(path, data, options),
    readdir: (path) => b.readdir(path),
    mkdir: (path, options) => b.mkdir(path, options),
    stat: (path) => b.stat(path),
    lstat: (path) => b.lstat(path),
    unlink: (path) => b.unlink(path),
    rmdir: (path) => b.rmdir(path),
    rename: (from, to) => b.rename(from, to),
    rm: b.rm ? (path, options) => b.rm!(path, options) : rm,
    readdirWithTypes: b.readdirWithTypes
      ? (path) => b.readdirWithTypes!(path)
      : async (path) => {
          const names = await b.readdir(path);
          const entries = await Promise.all(
            names.map(async (name): Promise<DirEntry> => ({ name, type: (await b.lstat(posix.join(path, name))).type })),
          );
          return entries.sort(byName);
        },
    exists: b.exists
      ? (path) => b.exists!(path)
      : async (path) => b.stat(path).then(() => true, () => false),
    pread: b.pread
      ? (path, position, length) => b.pread!(path, position, length)
      : async (path, position, length) => {
          checkOffset(position, "read", path);
          checkOffset(length, "read", path);
          // A copy, not a view: the rest of the file must not be reachable through `.buffer`.
          return (await b.readFile(path)).slice(position, position + length);
        },
    pwrite: b.pwrite
      ? (path, position, data) => b.pwrite!(path, position, data)
      : async (path, position, data) => {
          checkOffset(position, "write", path);
          const old = await b.readFile(path);
          const next = new Uint8Array(Math.max(old.byteLength, position + data.byteLength));
          next.set(old);
          next.set(data, position);
          await b.writeFile(path, next);
        },
    truncate: b.truncate
      ? (path, length) => b.truncate!(path, length)
      : async (path, length = 0) => {
          checkOffset(length, "open", path);
          const old = await b.readFile(path);
          const next = new Uint8Array(length);
          next.set(old.subarray(0, length));
          await b.writeFile(path, next);
        },
    copyFile: b.copyFile
      ? (source, destination) => b.copyFile!(source, destination)
      : async (source, destination) => b.writeFile(destination, await b.readFile(source)),
    symlink: b.symlink ? (target, path) => b.symlink!(target, path) : unsupported("symlink"),
    readlink: b.readlink ? (path) => b.readlink!(path) : unsupported("readlink"),
    realpath: b.realpath ? (path) => b.realpath!(path) : unsupported("realpath"),
    link: b.link ? (from, to) => b.link!(from, to) : unsupported("link"),
    chmod: b.chmod ? (path, mode) => b.chmod!(path, mode) : unsupported("chmod"),
    utimes: b.utimes ? (path, atimeMs, mtimeMs) => b.utimes!(path, atimeMs, mtimeMs) : unsupported("utimes"),
    // On anything but a link, lutimes is utimes; a link's own times need the backend's lutimes.
    lutimes: b.lutimes
      ? (path, atimeMs, mtimeMs) => b.lutimes!(path, atimeMs, mtimeMs)
      : async (path, atimeMs, mtimeMs) => {
          if ((await b.lstat(path)).type === "symlink" || !b.utimes) return unsupported("lutimes")();
          return b.utimes(path, atimeMs, mtimeMs);
        },
    // A backend that does not say reports no size limit.
    statfs: b.statfs ? (path) => b.statfs!(path) : async (path) => (await b.stat(path), unlimitedStats()),
  };
}
