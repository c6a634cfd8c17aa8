/** `fs.Stats`, `fs.BigIntStats`, `fs.Dirent` and `fs.constants`, shaped as Node's. */
import { Buffer } from "buffer";

export const constants = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    UV_FS_SYMLINK_DIR: 1,
    UV_FS_SYMLINK_JUNCTION: 2,
    O_RDONLY: 0,
    O_WRONLY: 1,
    O_RDWR: 2,
    UV_DIRENT_UNKNOWN: 0,
    UV_DIRENT_FILE: 1,
    UV_DIRENT_DIR: 2,
    UV_DIRENT_LINK: 3,
    UV_DIRENT_FIFO: 4,
    UV_DIRENT_SOCKET: 5,
    UV_DIRENT_CHAR: 6,
    UV_DIRENT_BLOCK: 7,
    S_IFMT: 61440,
    S_IFREG: 32768,
    S_IFDIR: 16384,
    S_IFCHR: 8192,
    S_IFBLK: 24576,
    S_IFIFO: 4096,
    S_IFLNK: 40960,
    S_IFSOCK: 49152,
    O_CREAT: 64,
    O_EXCL: 128,
    UV_FS_O_FILEMAP: 0,
    O_NOCTTY: 256,
    O_TRUNC: 512,
    O_APPEND: 1024,
    O_DIRECTORY: 65536,
    O_NOATIME: 262144,
    O_NOFOLLOW: 131072,
    O_SYNC: 1052672,
    O_DSYNC: 4096,
    O_DIRECT: 16384,
    O_NONBLOCK: 2048,
    S_IRWXU: 448,
    S_IRUSR: 256,
    S_IWUSR: 128,
    S_IXUSR: 64,
    S_IRWXG: 56,
    S_IRGRP: 32,
    S_IWGRP: 16,
    S_IXGRP: 8,
    S_IRWXO: 7,
    S_IROTH: 4,
    S_IWOTH: 2,
    S_IXOTH: 1,
    F_OK: 0,
    R_OK: 4,
    W_OK: 2,
    X_OK: 1,
    UV_FS_COPYFILE_EXCL: 1,
    COPYFILE_EXCL: 1,
    UV_FS_COPYFILE_FICLONE: 2,
    COPYFILE_FICLONE: 2,
    UV_FS_COPYFILE_FICLONE_FORCE: 4,
    COPYFILE_FICLONE_FORCE: 4,
  }),
);

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFIFO = 0o010000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
const S_IFSOCK = 0o140000;

/** The kernel's plain stat record, as the syscall contract defines it. */
export type { FileStat } from "../../../../syscalls/fs-types.js";
import type { FileStat, FileSystemStats } from "../../../../syscalls/fs-types.js";

const TYPE_BITS: Record<FileStat["type"], number> = { file: S_IFREG, directory: S_IFDIR, symlink: S_IFLNK, other: 0 };

abstract class StatsBase {
  declare mode: number | bigint;
  isDirectory(): boolean {
    return this.hasType(S_IFDIR);
  }
  isFile(): boolean {
    return this.hasType(S_IFREG);
  }
  isBlockDevice(): boolean {
    return this.hasType(S_IFBLK);
  }
  isCharacterDevice(): boolean {
    return this.hasType(S_IFCHR);
  }
  isSymbolicLink(): boolean {
    return this.hasType(S_IFLNK);
  }
  isFIFO(): boolean {
    return this.hasType(S_IFIFO);
  }
  isSocket(): boolean {
    return this.hasType(S_IFSOCK);
  }
  private hasType(bits: number): boolean {
    return (Number(this.mode) & S_IFMT) === bits;
  }
}

const FIELDS = ["dev", "mode", "nlink", "uid", "gid", "rdev", "blksize", "ino", "size", "blocks", "atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs"] as const;
const TIMES = ["atime", "mtime", "ctime", "birthtime"] as const;
const dates = new WeakMap<object, Partial<Record<(typeof TIMES)[number], Date>>>();

/** atime, mtime, ctime, birthtime: Dates made on first read from the *Ms fields, assignable. */
function defineTimes(prototype: object, fromMs: (value: unknown) => number): void {
  for (const time of TIMES) {
    Object.defineProperty(prototype, time, {
      enumerable: true,
      configurable: true,
      get(this: Record<string, unknown>) {
        let cache = dates.get(this);
        if (!cache) dates.set(this, (cache = {}));
        return (cache[time] ??= new Date(fromMs(this[`${time}Ms`])));
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, time, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

export class Stats extends StatsBase {
  constructor(...values: number[]) {
    super();
    FIELDS.forEach((field, i) => ((this as unknown as Record<string, unknown>)[field] = values[i]));
  }
}
defineTimes(Stats.prototype, (ms) => Number(ms));

export class BigIntStats extends StatsBase {
  constructor(...values: bigint[]) {
    super();
    FIELDS.forEach((field, i) => ((this as unknown as Record<string, unknown>)[field] = values[i]));
    const self = this as unknown as Record<string, unknown>;
    for (const time of TIMES) self[`${time}Ns`] = values[14 + TIMES.indexOf(time)];
  }
}
defineTimes(BigIntStats.prototype, (ms) => Number(ms));

export function makeStats(stat: FileStat, bigint = false): Stats | BigIntStats {
  const mode = (stat.mode & S_IFMT) === 0 ? stat.mode | TYPE_BITS[stat.type] : stat.mode;
  const blocks = Math.ceil(stat.size / 4096) * 8;
  const numbers = [0, mode, stat.nlink, stat.uid, stat.gid, 0, 4096, stat.ino, stat.size, blocks];
  const times = [stat.atimeMs, stat.mtimeMs, stat.ctimeMs, stat.birthtimeMs];
  if (!bigint) return new Stats(...numbers, ...times);
  const toNs = (ms: number) => BigInt(Math.floor(ms)) * 1000000n + BigInt(Math.round((ms % 1) * 1e6));
  return new BigIntStats(...numbers.map((n) => BigInt(n)), ...times.map((ms) => BigInt(Math.floor(ms))), ...times.map(toNs));
}

const kType = Symbol("type");
const DIRENT_TYPES: Record<string, number> = { file: 1, directory: 2, symlink: 3, other: 0 };

export class Dirent {
  name: string | Buffer;
  parentPath: string;
  path: string;
  [kType]: number;
  constructor(name: string | Buffer, type: number, path: string) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory(): boolean {
    return this[kType] === 2;
  }
  isFile(): boolean {
    return this[kType] === 1;
  }
  isBlockDevice(): boolean {
    return this[kType] === 7;
  }
  isCharacterDevice(): boolean {
    return this[kType] === 6;
  }
  isSymbolicLink(): boolean {
    return this[kType] === 3;
  }
  isFIFO(): boolean {
    return this[kType] === 4;
  }
  isSocket(): boolean {
    return this[kType] === 5;
  }
}

export function makeDirent(name: string | Buffer, type: string, parentPath: string): Dirent {
  return new Dirent(name, DIRENT_TYPES[type] ?? 0, parentPath);
}

const STATFS_FIELDS = ["type", "bsize", "blocks", "bfree", "bavail", "files", "ffree"] as const;

/** `fs.statfs`'s result: the kernel's figures for the filesystem holding the path. */
export class StatFs {
  constructor(...values: Array<number | bigint>) {
    STATFS_FIELDS.forEach((field, i) => ((this as unknown as Record<string, unknown>)[field] = values[i]));
  }
}

export function makeStatFs(stats: FileSystemStats, bigint = false): StatFs {
  const values = STATFS_FIELDS.map((field) => stats[field]);
  return new StatFs(...(bigint ? values.map((n) => BigInt(n)) : values));
}
