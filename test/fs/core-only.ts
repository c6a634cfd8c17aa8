import { createInMemoryFileSystem } from "../../fs/index.js";
import type { FileSystem, FileSystemCore } from "../../syscalls/fs-types.js";

/** A backend with FileSystemCore only, over an in-memory one: no extras, no sync. */
export function coreOnly(inner: FileSystem = createInMemoryFileSystem()): FileSystemCore {
  return {
    readFile: (path) => inner.readFile(path),
    writeFile: (path, data, options) => inner.writeFile(path, data, options),
    readdir: (path) => inner.readdir(path),
    mkdir: (path, options) => inner.mkdir(path, options),
    stat: (path) => inner.stat(path),
    lstat: (path) => inner.lstat(path),
    unlink: (path) => inner.unlink(path),
    rmdir: (path) => inner.rmdir(path),
    rename: (from, to) => inner.rename(from, to),
  };
}

