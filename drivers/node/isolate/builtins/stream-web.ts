/**
 * Node's bridges between its streams and web streams (`Readable.fromWeb`/`toWeb`,
 * `Writable.fromWeb`/`toWeb`, `Duplex.fromWeb`/`toWeb`), which readable-stream declares but leaves
 * to Node's internals, and the `stream/consumers` module.
 */
import { Buffer } from "buffer";
import { Blob } from "../globals/blob.js";
import { CountQueuingStrategy, ReadableStream, WritableStream } from "../globals/web-streams.js";
import { SandboxTextDecoder } from "../text.js";
import { invalidArgType } from "./fs-errors.js";

type Callback = (error?: Error | null) => void;

interface NodeStream {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(error?: unknown): unknown;
  pipe?: unknown;
  write?: unknown;
}
interface NodeReadable extends NodeStream {
  readableObjectMode: boolean;
  readableHighWaterMark: number;
  pause(): unknown;
  resume(): unknown;
  push(chunk: unknown): boolean;
}
interface NodeWritable extends NodeStream {
  writableObjectMode: boolean;
  writableHighWaterMark: number;
  writableNeedDrain: boolean;
  writableFinished: boolean;
  write(chunk: unknown): boolean;
  end(): unknown;
}
type Finished = (stream: unknown, options: { readable?: boolean; writable?: boolean }, callback: (error?: Error | null) => void) => () => void;
type StreamClass = (new (options: Record<string, unknown>) => NodeStream) & Record<string, unknown>;
export interface StreamClasses {
  Readable: StreamClass;
  Writable: StreamClass;
  Duplex: StreamClass & { from(body: unknown): unknown };
  finished: Finished;
}

interface Reader {
  read(): Promise<{ done: boolean; value?: unknown }>;
  cancel(reason?: unknown): Promise<void>;
  closed: Promise<void>;
}
interface Writer {
  ready: Promise<void>;
  closed: Promise<void>;
  write(chunk: unknown): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface Controller {
  enqueue(chunk: unknown): void;
  close(): void;
  error(error: unknown): void;
  desiredSize: number | null;
}

const isNodeStream = (value: unknown, method: "pipe" | "write"): boolean =>
  typeof value === "object" && value !== null && typeof (value as NodeStream).on === "function" && typeof (value as NodeStream)[method] === "function";

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Follows a web reader's or writer's `closed`: a failure there destroys the Node stream. */
function watchClosed(closed: Promise<void>, stream: () => NodeStream): { closed: boolean } {
  const state = { closed: false };
  closed.then(
    () => {
      state.closed = true;
    },
    (error: unknown) => {
      state.closed = true;
      stream().destroy(error);
    },
  );
  return state;
}

/**
 * A Node stream's failure as its web side reports it, as Node does: a premature close is an
 * AbortError, a zlib failure a TypeError with the zlib code (the zlib error as its cause).
 */
function webError(cause: Error): Error {
  const code = (cause as { code?: unknown }).code;
  let error: Error;
  if (code === "ERR_STREAM_PREMATURE_CLOSE") {
    error = new Error("The operation was aborted", { cause });
    Object.assign(error, { code: "ABORT_ERR", name: "AbortError" });
  } else if (typeof code === "string" && code.startsWith("Z_")) {
    error = new TypeError(undefined, { cause });
    Object.assign(error, { code });
  } else return cause;
  return error;
}

/** Counts bytes, or chunks for streams in object mode. */
function strategyFor(objectMode: boolean, highWaterMark: number): unknown {
  if (objectMode) return new CountQueuingStrategy({ highWaterMark });
  return { highWaterMark, size: (chunk: { byteLength?: number; length?: number }) => chunk.byteLength ?? chunk.length ?? 1 };
}

export function installWebAdapters({ Readable, Writable, Duplex, finished }: StreamClasses): void {
  /** Readable.toWeb: pauses the Node stream while the web stream's queue is full. */
  function readableToWeb(streamReadable: NodeReadable, options: { strategy?: unknown } = {}): unknown {
    if (!isNodeStream(streamReadable, "pipe")) throw invalidArgType("streamReadable", "stream.Readable", streamReadable);
    const objectMode = streamReadable.readableObjectMode;
    let controller: Controller;
    const onData = (chunk: unknown) => {
      // Bytes come out as plain Uint8Arrays, as from Node.
      controller.enqueue(!objectMode && Buffer.isBuffer(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : chunk);
      if ((controller.desiredSize ?? 0) <= 0) streamReadable.pause();
    };
    const cleanup = finished(streamReadable, { writable: false }, (error) => {
      cleanup();
      streamReadable.removeListener("data", onData);
      try {
        if (error) controller.error(webError(error));
        else controller.close();
      } catch {
        // Already cancelled or closed from the web side.
      }
    });
    streamReadable.on("data", onData);
    streamReadable.pause();
    return new ReadableStream(
      {
        start(c: Controller) {
          controller = c;
        },
        pull() {
          streamReadable.resume();
        },
        cancel(reason: unknown) {
          streamReadable.destroy(reason);
        },
      } as never,
      (options.strategy ?? strategyFor(objectMode, streamReadable.readableHighWaterMark)) as never,
    );
  }

  /** Readable.fromWeb: reads the web stream as the Node stream is read. */
  function readableFromWeb(readableStream: unknown, options: Record<string, unknown> = {}): NodeReadable {
    if (!(readableStream instanceof ReadableStream)) throw invalidArgType("readableStream", "ReadableStream", readableStream);
    const { highWaterMark, encoding, objectMode = false, signal } = options;
    const reader = (readableStream as unknown as { getReader(): Reader }).getReader();
    const web = watchClosed(reader.closed, () => readable);
    const readable = new Readable({
      objectMode,
      highWaterMark,
      encoding,
      signal,
      read() {
        reader.read().then(
          ({ done, value }) => readable.push(done ? null : value),
          (error: unknown) => readable.destroy(error),
        );
      },
      destroy(error: Error | null, callback: Callback) {
        const done = () => callback(error);
        if (web.closed) done();
        else reader.cancel(error).then(done, done);
      },
    }) as NodeReadable;
    return readable;
  }

  /** Writable.toWeb: each web write waits for the Node stream's 'drain' when it asks for one. */
  function writableToWeb(streamWritable: NodeWritable): unknown {
    if (!isNodeStream(streamWritable, "write")) throw invalidArgType("streamWritable", "stream.Writable", streamWritable);
    let controller: Controller;
    let backpressure: ReturnType<typeof deferred> | undefined;
    let closing: ReturnType<typeof deferred> | undefined;
    const onDrain = () => {
      backpressure?.resolve();
      backpressure = undefined;
    };
    streamWritable.on("drain", onDrain);
    const cleanup = finished(streamWritable, { readable: false }, (error) => {
      cleanup();
      streamWritable.removeListener("drain", onDrain);
      if (error) {
        backpressure?.reject(webError(error));
        closing?.reject(webError(error));
        controller.error(webError(error));
      } else closing?.resolve();
    });
    return new WritableStream(
      {
        start(c: Controller) {
          controller = c;
        },
        write(chunk: unknown) {
          if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
            backpressure = deferred();
            return backpressure.promise;
          }
          return undefined;
        },
        abort(reason: unknown) {
          streamWritable.destroy(reason);
        },
        close() {
          if (closing === undefined && !streamWritable.writableFinished) {
            closing = deferred();
            streamWritable.end();
            return closing.promise;
          }
          return undefined;
        },
      } as never,
      strategyFor(streamWritable.writableObjectMode, streamWritable.writableHighWaterMark) as never,
    );
  }

  /** Writable.fromWeb: Node writes become web writes, `end()` closes the web stream. */
  function writableFromWeb(writableStream: unknown, options: Record<string, unknown> = {}): NodeWritable {
    if (!(writableStream instanceof WritableStream)) throw invalidArgType("writableStream", "WritableStream", writableStream);
    const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
    const writer = (writableStream as unknown as { getWriter(): Writer }).getWriter();
    const web = watchClosed(writer.closed, () => writable);
    const writable = new Writable({
      highWaterMark,
      objectMode,
      decodeStrings,
      signal,
      write(chunk: unknown, _encoding: string, callback: Callback) {
        writer.ready.then(() => writer.write(chunk)).then(() => callback(), callback);
      },
      final(callback: Callback) {
        if (web.closed) callback();
        else writer.close().then(() => callback(), callback);
      },
      destroy(error: Error | null, callback: Callback) {
        const done = () => callback(error);
        if (web.closed) done();
        else if (error !== null && error !== undefined) writer.abort(error).then(done, done);
        else writer.close().then(done, done);
      },
    }) as NodeWritable;
    return writable;
  }

  Readable.toWeb = readableToWeb;
  Readable.fromWeb = readableFromWeb;
  Writable.toWeb = writableToWeb;
  Writable.fromWeb = writableFromWeb;
  Duplex.toWeb = (duplex: unknown) => {
    if (!isNodeStream(duplex, "pipe") || !isNodeStream(duplex, "write")) throw invalidArgType("duplex", "stream.Duplex", duplex);
    // The writable side first, as Node makes them: its failure is reported first.
    const writable = writableToWeb(duplex as NodeWritable);
    return { readable: readableToWeb(duplex as NodeReadable), writable };
  };
  Duplex.fromWeb = (pair: { readable?: unknown; writable?: unknown }, options: Record<string, unknown> = {}) => {
    if (!(pair?.readable instanceof ReadableStream)) throw invalidArgType("pair.readable", "ReadableStream", pair?.readable);
    if (!(pair.writable instanceof WritableStream)) throw invalidArgType("pair.writable", "WritableStream", pair.writable);
    const { encoding, objectMode = false, decodeStrings, signal } = options;
    return Duplex.from({
      readable: readableFromWeb(pair.readable, { encoding, objectMode, signal }),
      writable: writableFromWeb(pair.writable, { objectMode, decodeStrings, signal }),
    });
  };
}

/** `stream/consumers`: read a Node stream, web stream or async iterable to its end. */
export function createStreamConsumers(): Record<string, (stream: AsyncIterable<unknown>) => Promise<unknown>> {
  const bytes = async (stream: AsyncIterable<unknown>): Promise<Buffer> => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array));
    return Buffer.concat(chunks);
  };
  const text = async (stream: AsyncIterable<unknown>): Promise<string> => {
    const decoder = new SandboxTextDecoder();
    let result = "";
    for await (const chunk of stream) result += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    return result + decoder.decode();
  };
  return {
    async arrayBuffer(stream) {
      const all = await bytes(stream);
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    },
    async blob(stream) {
      const chunks: unknown[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return new Blob(chunks);
    },
    buffer: bytes,
    text,
    async json(stream) {
      return JSON.parse(await text(stream)) as unknown;
    },
  };
}
