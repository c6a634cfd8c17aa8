import posix from "node:path/posix";
import { Volume } from "memfs";
import type { FileSystem, SyncFileSystem } from "../syscalls/fs-types.js";
import { promisify, withErrorContext } from "./internal/context.js";
import { createMemoryOps } from "./internal/memory-ops.js";
import { withQuota } from "./internal/quota.js";

export interface InMemoryFileSystemOptions {
  /**
   * Files to create, keyed by absolute path; missing parent directories are created.
   * Strings are written as UTF-8.
   * @default {}
   * @example { "/app/index.js": "console.log(1)", "/data.bin": new Uint8Array([1, 2]) }
   */
  files?: Record<string, string | Uint8Array>;
  /**
   * The most bytes the filesystem may hold (file data plus 256 bytes per entry); writes past it
   * fail with ENOSPC and write nothing. @default Infinity
   */
  maxBytes?: number;
}

/**
 * A filesystem held in memory (memfs), private to the returned object: two instances share
 * nothing. A fresh one holds only `/`. Errors are SystemErrors with Node's codes.
 */
export function createInMemoryFileSystem(options: InMemoryFileSystemOptions = {}): FileSystem & { sync: SyncFileSystem } {
  const raw = createMemoryOps(new Volume());
  const ops = withErrorContext(options.maxBytes === undefined || options.maxBytes === Infinity ? raw : withQuota(raw, options.maxBytes));
  for (const [path, data] of Object.entries(options.files ?? {})) {
    ops.mkdir(posix.dirname(path), { recursive: true });
    ops.writeFile(path, data);
  }
  const sync: SyncFileSystem = {
    readFile: ops.readFile,
    writeFile: ops.writeFile,
    readdir: ops.readdir,
    readdirWithTypes: ops.readdirWithTypes,
    mkdir: ops.mkdir,
    stat: ops.stat,
    lstat: ops.lstat,
    exists: ops.exists,
    readlink: ops.readlink,
    realpath: ops.realpath,
    pread: ops.pread,
    pwrite: ops.pwrite,
    unlink: ops.unlink,
    rmdir: ops.rmdir,
    rename: ops.rename,
    truncate: ops.truncate,
  };
  // Everything is in memory, so the async API is the sync one answered on a promise.
  return { ...promisify(ops), sync, readOnly: false };
}
