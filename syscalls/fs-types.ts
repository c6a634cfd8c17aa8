/**
 * The filesystem contract (types only; the backends live in fs/). Every backend (in-memory,
 * read-only host directory, a user's own) implements `FileSystem`; the kernel composes them with a mount table. Paths are absolute POSIX
 * paths inside the backend (`/` is the backend's root). Errors are `SystemError`s with a `code`
 * (`ENOENT`, `EEXIST`, `ENOTDIR`, `EISDIR`, `ENOTEMPTY`, `EACCES`, `EROFS`, ...); a backend may
 * leave the syscall and path out, the kernel fills them in.
 */
export type FileType = "file" | "directory" | "symlink" | "other";

/** Plain data, so that it crosses process and isolate boundaries unchanged. */
export interface FileStat {
  type: FileType;
  /** Permission bits and file type bits, as `st_mode`. */
  mode: number;
  size: number;
  ino: number;
  nlink: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
}

/**
 * What `statfs` reports for the filesystem holding a path, in Node's `StatFs` fields. A
 * filesystem without a size limit reports 0 blocks and 0 inodes, as Linux's tmpfs does.
 */
export interface FileSystemStats {
  /** The filesystem's type number (`f_type`). */
  type: number;
  /** Block size, in bytes. */
  bsize: number;
  blocks: number;
  bfree: number;
  /** Free blocks for unprivileged users. */
  bavail: number;
  /** Inodes (entries) in all, and free. */
  files: number;
  ffree: number;
}

export interface DirEntry {
  name: string;
  type: FileType;
}

export interface MkdirOptions {
  /** Create missing parents and succeed when the directory exists. @default false */
  recursive?: boolean;
  /** @default 0o777 */
  mode?: number;
}

export interface RmOptions {
  /** Remove directories and their contents. @default false */
  recursive?: boolean;
  /** Ignore a path that does not exist. @default false */
  force?: boolean;
}

export interface WriteFileOptions {
  /** Permission bits of a created file. @default 0o666 */
  mode?: number;
  /** `"w"` truncates or creates, `"a"` appends, `"wx"` fails with EEXIST when the file exists. @default "w" */
  flag?: "w" | "a" | "wx";
}

export type FileData = Uint8Array | string;

/**
 * The operations every backend must implement. Everything in `FileSystemExtras` is optional:
 * the kernel probes for it and falls back (or answers ENOSYS), so callers never probe.
 */
export interface FileSystemCore {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: FileData, options?: WriteFileOptions): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options?: MkdirOptions): Promise<void>;
  stat(path: string): Promise<FileStat>;
  lstat(path: string): Promise<FileStat>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
}

export interface FileSystemExtras {
  readdirWithTypes(path: string): Promise<DirEntry[]>;
  rm(path: string, options?: RmOptions): Promise<void>;
  exists(path: string): Promise<boolean>;
  symlink(target: string, path: string): Promise<void>;
  readlink(path: string): Promise<string>;
  link(existingPath: string, newPath: string): Promise<void>;
  realpath(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  /** utimes on a symlink itself, not on what it points to. */
  lutimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  /** Size and free space of the filesystem that holds `path`. */
  statfs(path: string): Promise<FileSystemStats>;
  truncate(path: string, length: number): Promise<void>;
  copyFile(source: string, destination: string): Promise<void>;
  /** Reads `length` bytes at `position`; fewer at the end of the file. */
  pread(path: string, position: number, length: number): Promise<Uint8Array>;
  /** Writes `data` at `position`, growing the file as needed. */
  pwrite(path: string, position: number, data: Uint8Array): Promise<void>;
  /**
   * Synchronous versions of the hot operations, for a driver that must answer a sync call from
   * sandbox code without leaving its thread. Absent when the backend cannot answer synchronously.
   */
  sync: SyncFileSystem;
  /** True when every write fails with EROFS. */
  readonly readOnly: boolean;
  /**
   * True for a backend that shows the host's own files (a host directory). A runtime guards
   * such mounts with its `fs` permission policy; the sandbox's virtual files need no permission.
   */
  readonly reachesHost: boolean;
  /**
   * True when `realpath` resolves the backend's own symlinks and refuses any that would lead out
   * of it (as a host directory does). The mount layer then hands it the rest of a path to resolve
   * at once, instead of looking up one component at a time.
   */
  readonly containedSymlinks: boolean;
}

/** A backend: the required core plus any of the extras. */
export type FileSystemBackend = FileSystemCore & Partial<FileSystemExtras>;

/** The full API, as `createInMemoryFileSystem()` and the kernel's composed view offer it. */
export type FileSystem = FileSystemCore &
  Omit<FileSystemExtras, "sync" | "reachesHost" | "containedSymlinks"> & { sync?: SyncFileSystem; reachesHost?: boolean; containedSymlinks?: boolean };

export interface SyncFileSystem {
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: FileData, options?: WriteFileOptions): void;
  readdir(path: string): string[];
  readdirWithTypes(path: string): DirEntry[];
  mkdir(path: string, options?: MkdirOptions): void;
  stat(path: string): FileStat;
  lstat(path: string): FileStat;
  exists(path: string): boolean;
  readlink(path: string): string;
  realpath(path: string): string;
  pread(path: string, position: number, length: number): Uint8Array;
  pwrite(path: string, position: number, data: Uint8Array): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(oldPath: string, newPath: string): void;
  truncate(path: string, length: number): void;
}

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
