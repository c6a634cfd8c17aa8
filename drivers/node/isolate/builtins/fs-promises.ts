/** `fs.promises` (also `fs/promises`): the same programs run asynchronously, plus `FileHandle`. */
import { Buffer } from "buffer";
import { EventEmitter } from "events";
import { fileData, getOptions, runPromise, type FsContext, type Program } from "./fs-core.js";
import { invalidArgType, isArrayBufferView, validateObject } from "./fs-errors.js";
import { readArgs, validateBuffer, writeArgs } from "./fs-args.js";
import type { FsOps } from "./fs.js";
import { constants } from "./fs-stats.js";
import { codedError } from "../errors.js";

function closedError(syscall: string): Error {
  const error = new Error("file closed") as Error & { code: string; syscall: string };
  error.code = "EBADF";
  error.syscall = syscall;
  return error;
}

export function createPromisesApi(context: FsContext, ops: FsOps): Record<string, unknown> {
  const run = <T>(make: () => Program<T>): Promise<T> => runPromise(context.runtime, make);

  class FileHandle extends EventEmitter {
    #fd: number;
    constructor(fd: number) {
      super();
      this.#fd = fd;
    }
    get fd(): number {
      return this.#fd;
    }
    getAsyncId(): number {
      return this.#fd;
    }
    #use(syscall: string): number {
      if (this.#fd === -1) throw closedError(syscall);
      return this.#fd;
    }
    async read(bufferOrOptions?: unknown, offset?: unknown, length?: unknown, position?: unknown): Promise<{ bytesRead: number; buffer: unknown }> {
      const fd = this.#use("read");
      let buffer = bufferOrOptions;
      let options: unknown;
      if (!isArrayBufferView(buffer)) {
        if (bufferOrOptions !== undefined) validateObject(bufferOrOptions, "options", true);
        const params = (bufferOrOptions ?? {}) as { buffer?: unknown; offset?: unknown; length?: unknown; position?: unknown };
        buffer = params.buffer ?? Buffer.alloc(16384);
        validateBuffer(buffer);
        options = { offset: params.offset, length: params.length, position: params.position };
      } else if (offset !== null && typeof offset === "object") options = offset;
      else options = { offset: offset ?? undefined, length: length ?? undefined, position };
      const request = readArgs(fd, buffer, options, undefined, undefined, 3);
      const bytesRead = await run(() => ops.read(request));
      return Object.assign(Object.create(null), { bytesRead, buffer });
    }
    async write(data: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown): Promise<{ bytesWritten: number; buffer: unknown }> {
      const fd = this.#use("write");
      const request = writeArgs(fd, data, offsetOrOptions, length, position);
      const bytesWritten = await run(() => ops.write(request));
      return Object.assign(Object.create(null), { bytesWritten, buffer: data });
    }
    async readFile(options?: unknown): Promise<unknown> {
      return run(() => ops.readFile(this.#use("read"), options));
    }
    async writeFile(data: unknown, options?: unknown): Promise<void> {
      return run(() => ops.writeFile(this.#use("write"), data, options));
    }
    async appendFile(data: unknown, options?: unknown): Promise<void> {
      return run(() => ops.appendFile(this.#use("write"), data, options));
    }
    async stat(options?: unknown): Promise<unknown> {
      return run(() => ops.fstat(this.#use("fstat"), options));
    }
    async truncate(len?: unknown): Promise<void> {
      return run(() => ops.ftruncate(this.#use("ftruncate"), len));
    }
    async chmod(mode: unknown): Promise<void> {
      return run(() => ops.fchmod(this.#use("fchmod"), mode));
    }
    async chown(uid: unknown, gid: unknown): Promise<void> {
      return run(() => ops.fchown(this.#use("fchown"), uid, gid));
    }
    async utimes(atime: unknown, mtime: unknown): Promise<void> {
      return run(() => ops.futimes(this.#use("futime"), atime, mtime));
    }
    async sync(): Promise<void> {
      return run(() => ops.fsync(this.#use("fsync")));
    }
    async datasync(): Promise<void> {
      return run(() => ops.fdatasync(this.#use("fdatasync")));
    }
    async readv(buffers: unknown, position?: unknown): Promise<{ bytesRead: number; buffers: unknown }> {
      const bytesRead = await run(() => ops.readv(this.#use("read"), buffers, position));
      return Object.assign(Object.create(null), { bytesRead, buffers });
    }
    async writev(buffers: unknown, position?: unknown): Promise<{ bytesWritten: number; buffers: unknown }> {
      const bytesWritten = await run(() => ops.writev(this.#use("write"), buffers, position));
      return Object.assign(Object.create(null), { bytesWritten, buffers });
    }
    async close(): Promise<void> {
      if (this.#fd === -1) return;
      const fd = this.#fd;
      await run(() => ops.close(fd));
      this.#fd = -1;
      this.emit("close");
    }
  }
  const asyncDispose = (Symbol as unknown as { asyncDispose?: symbol }).asyncDispose;
  if (asyncDispose) {
    Object.defineProperty(FileHandle.prototype, asyncDispose, {
      value(this: FileHandle) {
        return this.close();
      },
      writable: true,
      configurable: true,
    });
  }

  /** writeFile/appendFile take a FileHandle, and (as promises) iterables of chunks too. */
  async function writeData(kind: "writeFile" | "appendFile", target: unknown, data: unknown, options: unknown): Promise<void> {
    if (typeof data !== "string" && !isArrayBufferView(data) && data !== null && typeof data === "object") {
      const iterable = data as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
      if (typeof iterable[Symbol.asyncIterator] === "function" || typeof iterable[Symbol.iterator] === "function") {
        const { encoding } = getOptions(options, { encoding: "utf8" });
        const parts: Uint8Array[] = [];
        for await (const chunk of data as AsyncIterable<unknown>) {
          const bytes = fileData(chunk, encoding, "data");
          parts.push(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes);
        }
        data = Buffer.concat(parts);
      }
    }
    if (typeof data !== "string" && !isArrayBufferView(data)) {
      throw invalidArgType("data", ["string", "Buffer", "TypedArray", "DataView"], data);
    }
    const path = target instanceof FileHandle ? target.fd : target;
    return run(() => ops[kind](path, data, options));
  }

  return {
    access: async (path: unknown, mode?: unknown) => run(() => ops.access(path, mode)),
    copyFile: async (src: unknown, dest: unknown, mode?: unknown) => run(() => ops.copyFile(src, dest, mode)),
    open: async (path: unknown, flags?: unknown, mode?: unknown) => new FileHandle(await run(() => ops.open(path, flags, mode))),
    rename: async (oldPath: unknown, newPath: unknown) => run(() => ops.rename(oldPath, newPath)),
    truncate: async (path: unknown, len?: unknown) => run(() => ops.truncate(path, len)),
    rm: async (path: unknown, options?: unknown) => run(() => ops.rm(path, options)),
    rmdir: async (path: unknown, options?: unknown) => run(() => ops.rmdir(path, options)),
    mkdir: async (path: unknown, options?: unknown) => run(() => ops.mkdir(path, options)),
    readdir: async (path: unknown, options?: unknown) => run(() => ops.readdir(path, options)),
    readlink: async (path: unknown, options?: unknown) => run(() => ops.readlink(path, options)),
    symlink: async (target: unknown, path: unknown, type?: unknown) => run(() => ops.symlink(target, path, type)),
    lstat: async (path: unknown, options?: unknown) => run(() => ops.lstat(path, options)),
    stat: async (path: unknown, options?: unknown) => run(() => ops.stat(path, options)),
    statfs: async (path: unknown, options?: unknown) => run(() => ops.statfs(path, options)),
    link: async (existingPath: unknown, newPath: unknown) => run(() => ops.link(existingPath, newPath)),
    unlink: async (path: unknown) => run(() => ops.unlink(path)),
    chmod: async (path: unknown, mode: unknown) => run(() => ops.chmod(path, mode)),
    lchown: async (path: unknown, uid: unknown, gid: unknown) => run(() => ops.lchown(path, uid, gid)),
    chown: async (path: unknown, uid: unknown, gid: unknown) => run(() => ops.chown(path, uid, gid)),
    utimes: async (path: unknown, atime: unknown, mtime: unknown) => run(() => ops.utimes(path, atime, mtime)),
    lutimes: async (path: unknown, atime: unknown, mtime: unknown) => run(() => ops.lutimes(path, atime, mtime)),
    // Linux has no lchmod (no O_SYMLINK): Node 22 leaves fs.lchmod undefined and rejects this one.
    lchmod: async (_path: unknown, _mode: unknown) => {
      throw codedError("ERR_METHOD_NOT_IMPLEMENTED", "The lchmod() method is not implemented");
    },
    realpath: async (path: unknown, options?: unknown) => run(() => ops.realpathNative(path, options)),
    mkdtemp: async (prefix: unknown, options?: unknown) => run(() => ops.mkdtemp(prefix, options)),
    writeFile: async (file: unknown, data: unknown, options?: unknown) => writeData("writeFile", file, data, options),
    appendFile: async (file: unknown, data: unknown, options?: unknown) => writeData("appendFile", file, data, options),
    readFile: async (file: unknown, options?: unknown) => run(() => ops.readFile(file instanceof FileHandle ? file.fd : file, options)),
    constants,
  };
}
