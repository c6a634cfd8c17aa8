/**
 * Open file descriptions and per-process fd tables. As in Unix, an fd points at a shared open
 * file description (position, flags) with a reference count: `dup`, redirections and spawning
 * share it, and the description closes (a pipe end lets go) when the last fd on it closes.
 */
import { SystemError } from "../syscalls/errors.js";
import type { FileStat, FileSystem } from "../syscalls/fs-types.js";
import { S_IFIFO } from "../syscalls/fs-types.js";
import type { Pipe } from "./pipe.js";

export interface OpenFile {
  readonly kind: "file" | "pipe" | "device";
  readonly readable: boolean;
  readonly writable: boolean;
  readonly isTTY: boolean;
  read(length: number, position?: number): Promise<Uint8Array>;
  write(data: Uint8Array, position?: number): Promise<number>;
  stat(): Promise<FileStat>;
  /** Called once, when the last fd referring to this description closes. */
  release(): void;
}

/** A shared description with its reference count. */
export class OpenFileRef {
  private refs = 1;
  constructor(readonly file: OpenFile) {}
  retain(): this {
    this.refs++;
    return this;
  }
  releaseOne(): void {
    if (--this.refs === 0) this.file.release();
  }
}

export function regularFile(
  filesystem: FileSystem,
  path: string,
  options: { readable: boolean; writable: boolean; append: boolean; position: number },
): OpenFile {
  let position = options.position;
  return {
    kind: "file",
    readable: options.readable,
    writable: options.writable,
    isTTY: false,
    async read(length, at) {
      if (!options.readable) throw new SystemError("EBADF", { syscall: "read" });
      const data = await filesystem.pread(path, at ?? position, length);
      if (at === undefined) position += data.byteLength;
      return data;
    },
    async write(data, at) {
      if (!options.writable) throw new SystemError("EBADF", { syscall: "write" });
      let offset = at ?? position;
      if (options.append && at === undefined) offset = (await filesystem.stat(path)).size;
      await filesystem.pwrite(path, offset, data);
      if (at === undefined) position = offset + data.byteLength;
      return data.byteLength;
    },
    stat: () => filesystem.stat(path),
    release() {},
  };
}

export function pipeReadEnd(pipe: Pipe): OpenFile {
  return {
    kind: "pipe",
    readable: true,
    writable: false,
    isTTY: false,
    read: (length) => pipe.read(length),
    write: async () => {
      throw new SystemError("EBADF", { syscall: "write" });
    },
    stat: async () => fifoStat(),
    release: () => pipe.closeRead(),
  };
}

export function pipeWriteEnd(pipe: Pipe): OpenFile {
  return {
    kind: "pipe",
    readable: false,
    writable: true,
    isTTY: false,
    read: async () => {
      throw new SystemError("EBADF", { syscall: "read" });
    },
    write: (data) => pipe.write(data),
    stat: async () => fifoStat(),
    release: () => pipe.closeWrite(),
  };
}

export function specialStat(mode: number, ino: number): FileStat {
  const now = Date.now();
  return {
    type: "other",
    mode,
    size: 0,
    ino,
    nlink: 1,
    uid: 0,
    gid: 0,
    atimeMs: now,
    mtimeMs: now,
    ctimeMs: now,
    birthtimeMs: now,
  };
}

function fifoStat(): FileStat {
  return specialStat(S_IFIFO | 0o600, 0);
}

/** The fds of one process. */
export class FdTable {
  private readonly fds = new Map<number, OpenFileRef>();

  /** The lowest free fd at or above `from`. */
  private lowestFree(from = 0): number {
    let fd = from;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  /** Installs a new description; the table takes the caller's reference. */
  open(file: OpenFileRef, at?: number): number {
    const fd = at ?? this.lowestFree();
    this.fds.get(fd)?.releaseOne();
    this.fds.set(fd, file);
    return fd;
  }

  get(fd: number): OpenFileRef {
    const ref = this.fds.get(fd);
    if (!ref) throw new SystemError("EBADF");
    return ref;
  }

  has(fd: number): boolean {
    return this.fds.has(fd);
  }

  dup(fd: number): number {
    return this.open(this.get(fd).retain());
  }

  dup2(fd: number, newFd: number): number {
    const ref = this.get(fd);
    if (fd === newFd) return newFd;
    return this.open(ref.retain(), newFd);
  }

  close(fd: number): void {
    const ref = this.get(fd);
    this.fds.delete(fd);
    ref.releaseOne();
  }

  closeAll(): void {
    for (const fd of [...this.fds.keys()]) this.close(fd);
  }
}
