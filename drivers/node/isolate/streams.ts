/**
 * Minimal stdio streams for `process.stdout`, `process.stderr` and `process.stdin`: enough of the
 * Writable and Readable surface for scripts that write, pipe lines in, or iterate stdin.
 * (The full `stream` module arrives with the standard library.)
 */
import { EventEmitter } from "events";
import { writeRaw } from "./process.js";
import type { Runtime } from "./runtime.js";

export function createWriteStream(runtime: Runtime, fd: 1 | 2, isTTY: boolean): EventEmitter & Record<string, unknown> {
  const stream = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(stream, {
    fd,
    isTTY,
    writable: true,
    columns: isTTY ? 80 : undefined,
    rows: isTTY ? 24 : undefined,
    _isStdio: true,
    write(chunk: unknown, encoding?: unknown, callback?: unknown) {
      const done = typeof encoding === "function" ? encoding : callback;
      writeRaw(runtime, fd, toOutput(chunk));
      if (typeof done === "function") runtime.loop.nextTick(() => (done as () => void)());
      return true;
    },
    end(chunk?: unknown, encoding?: unknown, callback?: unknown) {
      if (chunk !== undefined && typeof chunk !== "function") (stream.write as (c: unknown) => void)(chunk);
      const done = [chunk, encoding, callback].find((value) => typeof value === "function");
      if (typeof done === "function") runtime.loop.nextTick(() => (done as () => void)());
      return stream;
    },
    cork() {},
    uncork() {},
    setDefaultEncoding() {
      return stream;
    },
    getColorDepth: () => (isTTY ? 8 : 1),
    hasColors: () => isTTY,
    getWindowSize: () => [80, 24],
  });
  return stream;
}

function toOutput(chunk: unknown): string | Uint8Array {
  if (typeof chunk === "string") return chunk;
  if (chunk instanceof Uint8Array) return chunk;
  throw Object.assign(
    new TypeError(`The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${chunk === null ? "null" : typeof chunk}`),
    { code: "ERR_INVALID_ARG_TYPE" },
  );
}

/** `process.stdin`: reads fd 0 through async syscalls once something listens or iterates. */
export function createStdin(runtime: Runtime, isTTY: boolean, toBuffer: (bytes: Uint8Array) => { toString(encoding?: string): string }): EventEmitter & Record<string, unknown> {
  const stream = new EventEmitter() as EventEmitter & Record<string, unknown>;
  let flowing = false;
  let reading = false;
  let ended = false;
  let encoding: string | undefined;
  const buffered: Uint8Array[] = [];

  const emitChunk = (chunk: Uint8Array): void => {
    const buffer = toBuffer(chunk);
    stream.emit("data", encoding ? buffer.toString(encoding) : buffer);
  };
  const pump = (): void => {
    if (reading || ended || !flowing) return;
    reading = true;
    runtime.callAsync("read", [0, 65536], (error, value) => {
      reading = false;
      if (error) {
        stream.emit("error", error);
        return;
      }
      const chunk = value as Uint8Array;
      if (chunk.byteLength === 0) {
        ended = true;
        stream.emit("end");
        stream.emit("close");
        return;
      }
      if (flowing) emitChunk(chunk);
      else buffered.push(chunk);
      pump();
    });
  };
  const resume = (): typeof stream => {
    flowing = true;
    for (let chunk = buffered.shift(); chunk; chunk = buffered.shift()) emitChunk(chunk);
    pump();
    return stream;
  };

  Object.assign(stream, {
    fd: 0,
    isTTY,
    readable: true,
    setEncoding(value: string) {
      encoding = value;
      return stream;
    },
    resume,
    pause() {
      flowing = false;
      return stream;
    },
    isPaused: () => !flowing,
    setRawMode() {
      return stream;
    },
    ref() {
      return stream;
    },
    unref() {
      return stream;
    },
    destroy() {
      flowing = false;
      ended = true;
      return stream;
    },
    async *[Symbol.asyncIterator]() {
      const queue: unknown[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      let failure: unknown;
      const onData = (chunk: unknown) => {
        queue.push(chunk);
        wake?.();
      };
      const onEnd = () => {
        done = true;
        wake?.();
      };
      const onError = (error: unknown) => {
        failure = error;
        done = true;
        wake?.();
      };
      stream.on("data", onData).on("end", onEnd).on("error", onError);
      try {
        for (;;) {
          if (queue.length > 0) yield queue.shift();
          else if (failure) throw failure;
          else if (done) return;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        stream.off("data", onData).off("end", onEnd).off("error", onError);
      }
    },
  });
  // Attaching a 'data' listener starts the flow, as on a Node Readable.
  stream.on("newListener", (event: string) => {
    if (event === "data" || event === "readable") runtime.loop.nextTick(resume);
  });
  return stream;
}
