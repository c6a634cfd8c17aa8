/**
 * A size limit for the in-memory filesystem, so sandbox code cannot fill the application's
 * memory with files. Growth is checked before it happens (ENOSPC, nothing written); each file,
 * directory and link also counts a fixed overhead so that millions of empty files are bounded too.
 * Writes adjust the usage by their own delta; removals recount the tree.
 */
import { SystemError } from "../../syscalls/errors.js";
import type { FileData, WriteFileOptions } from "../../syscalls/fs-types.js";
import type { MemoryOps } from "./memory-ops.js";

/** What each directory entry costs besides its data, in bytes. */
export const ENTRY_OVERHEAD = 256;

const byteLength = (data: FileData): number => (typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);

export function withQuota(ops: MemoryOps, maxBytes: number): MemoryOps {
  let used = recount(ops);
  const sizeOf = (path: string): number | undefined => {
    try {
      const stat = ops.stat(path);
      return stat.type === "file" ? stat.size : 0;
    } catch {
      return undefined;
    }
  };
  /** Runs `change`, which takes a file from `before` bytes (absent: undefined) to `after`. */
  const grow = <T>(before: number | undefined, after: number, change: () => T): T => {
    const delta = after - (before ?? 0) + (before === undefined ? ENTRY_OVERHEAD : 0);
    if (delta > 0 && used + delta > maxBytes) {
      throw new SystemError("ENOSPC", { detail: `no space left on device (the in-memory filesystem holds at most ${maxBytes} bytes)` });
    }
    const result = change();
    used += delta;
    return result;
  };
  const thenRecount = <A extends unknown[], T>(fn: (...args: A) => T) => (...args: A): T => {
    try {
      return fn(...args);
    } finally {
      used = recount(ops);
    }
  };
  return {
    ...ops,
    writeFile(path: string, data: FileData, options: WriteFileOptions = {}) {
      const before = sizeOf(path);
      const after = options.flag === "a" ? (before ?? 0) + byteLength(data) : byteLength(data);
      return grow(before, after, () => ops.writeFile(path, data, options));
    },
    pwrite(path: string, position: number, data: Uint8Array) {
      const before = sizeOf(path) ?? 0;
      return grow(before, Math.max(before, position + data.byteLength), () => ops.pwrite(path, position, data));
    },
    truncate(path: string, length = 0) {
      const before = sizeOf(path) ?? 0;
      return grow(before, length, () => ops.truncate(path, length));
    },
    copyFile(source: string, destination: string) {
      return grow(sizeOf(destination), sizeOf(source) ?? 0, () => ops.copyFile(source, destination));
    },
    /** The limit as blocks of 4 KiB and the entries it could hold at their fixed overhead. */
    statfs(path: string) {
      const stats = ops.statfs(path);
      const free = Math.max(0, maxBytes - used);
      const blocks = (bytes: number) => Math.floor(bytes / stats.bsize);
      const entries = (bytes: number) => Math.floor(bytes / ENTRY_OVERHEAD);
      return { ...stats, blocks: blocks(maxBytes), bfree: blocks(free), bavail: blocks(free), files: entries(maxBytes), ffree: entries(free) };
    },
    mkdir: (path, options) => grow(0, ENTRY_OVERHEAD, () => ops.mkdir(path, options)),
    symlink: (target, path) => grow(0, ENTRY_OVERHEAD, () => ops.symlink(target, path)),
    link: (existing, path) => grow(0, ENTRY_OVERHEAD, () => ops.link(existing, path)),
    unlink: thenRecount(ops.unlink),
    rmdir: thenRecount(ops.rmdir),
    rm: thenRecount(ops.rm),
    rename: thenRecount(ops.rename),
  };
}

/** The bytes the tree takes now: file sizes plus the overhead of every entry. */
function recount(ops: MemoryOps): number {
  let total = 0;
  const walk = (directory: string): void => {
    for (const entry of ops.readdirWithTypes(directory)) {
      const path = directory === "/" ? `/${entry.name}` : `${directory}/${entry.name}`;
      total += ENTRY_OVERHEAD;
      if (entry.type === "directory") walk(path);
      else if (entry.type === "file") total += ops.lstat(path).size;
    }
  };
  walk("/");
  return total;
}
