/**
 * `fs.createReadStream` / `createWriteStream` (and the `ReadStream` / `WriteStream` classes):
 * streams from the `stream` builtin over the callback API, so reads and writes are event-loop
 * tasks as in Node.
 */
import { Buffer } from "buffer";

type Callback = (error: Error | null, ...results: never[]) => void;
type FsCallbacks = Record<"open" | "read" | "write" | "close", (...args: unknown[]) => void>;
type StreamClass = new (options?: object) => {
  push(chunk: unknown): boolean;
  destroy(error?: Error): unknown;
  emit(event: string, ...args: unknown[]): boolean;
};

interface StreamOptions {
  flags?: string;
  encoding?: string;
  fd?: number;
  mode?: number;
  start?: number;
  end?: number;
  highWaterMark?: number;
  autoClose?: boolean;
  emitClose?: boolean;
}

const optionsOf = (options: unknown): StreamOptions => (typeof options === "string" ? { encoding: options } : ((options ?? {}) as StreamOptions));

interface FileStream {
  path: unknown;
  fd: number | null;
  flags: string;
  pending: boolean;
  emit(event: string, ...args: unknown[]): boolean;
}

export function createFileStreams(fs: FsCallbacks, stream: { Readable: StreamClass; Writable: StreamClass }) {
  /** Opens the file (unless an fd was given), then 'open' and 'ready', as Node's file streams. */
  const openStream = (target: FileStream, mode: number, callback: (error?: Error | null) => void): void => {
    if (target.fd !== null) return callback();
    fs.open(target.path, target.flags, mode, ((error: Error | null, fd: number) => {
      if (error) return callback(error);
      target.fd = fd;
      target.pending = false;
      target.emit("open", fd);
      target.emit("ready");
      callback();
    }) as Callback);
  };
  const closeStream = (target: FileStream, error: Error | null, callback: (error: Error | null) => void): void => {
    if (target.fd === null) return callback(error);
    const fd = target.fd;
    target.fd = null;
    fs.close(fd, (() => callback(error)) as Callback);
  };

  class ReadStream extends stream.Readable {
    path: unknown;
    fd: number | null;
    flags: string;
    bytesRead = 0;
    pending = true;
    private position: number | undefined;
    private readonly end: number;

    constructor(path: unknown, options?: unknown) {
      const opts = optionsOf(options);
      super({ highWaterMark: opts.highWaterMark ?? 64 * 1024, encoding: opts.encoding, emitClose: opts.emitClose ?? true, autoDestroy: opts.autoClose ?? true });
      this.path = path;
      this.fd = opts.fd ?? null;
      this.flags = opts.flags ?? "r";
      this.position = opts.start;
      this.end = opts.end ?? Infinity;
    }

    _construct(callback: (error?: Error | null) => void): void {
      openStream(this, 0o666, callback);
    }

    _read(size: number): void {
      const from = this.position ?? this.bytesRead;
      const length = this.end === Infinity ? size : Math.min(size, this.end - from + 1);
      if (length <= 0) {
        this.push(null);
        return;
      }
      const buffer = Buffer.allocUnsafe(length);
      fs.read(this.fd, buffer, 0, length, this.position ?? null, ((error: Error | null, bytes: number) => {
        if (error) return void this.destroy(error);
        if (this.position !== undefined) this.position += bytes;
        this.bytesRead += bytes;
        this.push(bytes > 0 ? buffer.subarray(0, bytes) : null);
      }) as Callback);
    }

    _destroy(error: Error | null, callback: (error: Error | null) => void): void {
      closeStream(this, error, callback);
    }

    close(callback?: (error?: Error | null) => void): void {
      if (callback) (this as unknown as { once(event: string, fn: () => void): void }).once("close", () => callback());
      this.destroy();
    }
  }

  class WriteStream extends stream.Writable {
    path: unknown;
    fd: number | null;
    flags: string;
    mode: number;
    bytesWritten = 0;
    pending = true;
    private position: number | undefined;

    constructor(path: unknown, options?: unknown) {
      const opts = optionsOf(options);
      super({ highWaterMark: opts.highWaterMark ?? 16 * 1024, decodeStrings: true, defaultEncoding: opts.encoding ?? "utf8", emitClose: opts.emitClose ?? true, autoDestroy: opts.autoClose ?? true });
      this.path = path;
      this.fd = opts.fd ?? null;
      this.flags = opts.flags ?? "w";
      this.mode = opts.mode ?? 0o666;
      this.position = opts.start;
    }

    _construct(callback: (error?: Error | null) => void): void {
      openStream(this, this.mode, callback);
    }

    _write(chunk: Uint8Array, _encoding: string, callback: (error?: Error | null) => void): void {
      fs.write(this.fd, chunk, 0, chunk.byteLength, this.position ?? null, ((error: Error | null, bytes: number) => {
        if (error) return callback(error);
        this.bytesWritten += bytes;
        if (this.position !== undefined) this.position += bytes;
        callback();
      }) as Callback);
    }

    _destroy(error: Error | null, callback: (error: Error | null) => void): void {
      closeStream(this, error, callback);
    }

    close(callback?: (error?: Error | null) => void): void {
      if (callback) (this as unknown as { once(event: string, fn: () => void): void }).once("close", () => callback());
      (this as unknown as { end(): void }).end();
    }
  }

  return {
    ReadStream,
    WriteStream,
    createReadStream: (path: unknown, options?: unknown) => new ReadStream(path, options),
    createWriteStream: (path: unknown, options?: unknown) => new WriteStream(path, options),
  };
}
