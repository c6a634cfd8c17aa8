import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type DirEntry, type FileStat, type FileType } from "../../syscalls/fs-types.js";

/** The fields shared by node:fs `Stats` and memfs `Stats`. */
export type StatsLike = Omit<FileStat, "type">;

export function fileTypeOfMode(mode: number): FileType {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return "file";
    case S_IFDIR:
      return "directory";
    case S_IFLNK:
      return "symlink";
    default:
      return "other";
  }
}

/** Copies the fields into a plain object, so no host or memfs `Stats` (with methods) escapes. */
export function toFileStat(stats: StatsLike): FileStat {
  return {
    type: fileTypeOfMode(stats.mode),
    mode: stats.mode,
    size: stats.size,
    ino: stats.ino,
    nlink: stats.nlink,
    uid: stats.uid,
    gid: stats.gid,
    atimeMs: stats.atimeMs,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
    birthtimeMs: stats.birthtimeMs,
  };
}

interface DirentLike {
  name: unknown;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export function toDirEntry(dirent: DirentLike): DirEntry {
  const type: FileType = dirent.isFile()
    ? "file"
    : dirent.isDirectory()
      ? "directory"
      : dirent.isSymbolicLink()
        ? "symlink"
        : "other";
  return { name: String(dirent.name), type };
}

export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A plain Uint8Array over a Buffer's bytes. Small Buffers are slices of a shared pool that also
 * holds unrelated data, reachable through `.buffer`; those are copied so a caller only ever sees
 * its own file's bytes.
 */
export function toUint8Array(buffer: Uint8Array): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) {
    return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
  }
  return new Uint8Array(buffer);
}

/** A directory that exists only because something is mounted below it. */
export function syntheticDirectoryStat(): FileStat {
  return {
    type: "directory",
    mode: S_IFDIR | 0o755,
    size: 0,
    ino: 0,
    nlink: 2,
    uid: 0,
    gid: 0,
    atimeMs: 0,
    mtimeMs: 0,
    ctimeMs: 0,
    birthtimeMs: 0,
  };
}
