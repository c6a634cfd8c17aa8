/**
 * WHATWG streams as Node 22 has them, as globals and as the `stream/web` module: the classes of
 * web-streams-polyfill (the spec's reference implementation, packaged), with Node's argument
 * checks and error codes in front of them, Node's util.inspect output, and the stream classes
 * Node adds on top (TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream).
 */
// The bundle hands this module's TypeError/RangeError to the polyfill (scripts/build.mjs): the
// import keeps it in the build.
import "./web-streams-errors.js";
import * as polyfill from "web-streams-polyfill";
import { inspect } from "node-inspect-extracted";
import { codedError } from "../errors.js";
import { invalidArgType, invalidArgValue } from "../builtins/fs-errors.js";
import { SandboxTextDecoder, SandboxTextEncoder } from "../text.js";
import { inspectAs, inspectCustom } from "./shared.js";

type AnyFunction = (...args: unknown[]) => unknown;
type Constructor = new (...args: unknown[]) => object;
type Fields = Record<string, unknown>;

const isObjectLike = (value: unknown): value is Fields => (typeof value === "object" && value !== null) || typeof value === "function";
const VIEW_TYPES = ["Buffer", "TypedArray", "DataView"];

function checkObject(value: unknown, name: string, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (!isObjectLike(value)) throw invalidArgType(name, "object", value);
}

function checkMethods(value: unknown, name: string, methods: string[]): void {
  if (!isObjectLike(value)) return;
  for (const method of methods) {
    const member = value[method];
    if (member !== undefined && typeof member !== "function") throw invalidArgType(`${name}.${method}`, "Function", member);
  }
}

/** A queuing strategy checked as Node checks it; its `size` answers are checked on each call. */
function checkStrategy(strategy: unknown, bytes = false): unknown {
  checkObject(strategy, "strategy", true);
  if (!isObjectLike(strategy)) return strategy;
  const { highWaterMark, size } = strategy as { highWaterMark?: unknown; size?: unknown };
  if (size !== undefined && typeof size !== "function") throw invalidArgType("strategy.size", "Function", size);
  if (bytes && size !== undefined) throw invalidArgValue("strategy.size", size, "is invalid", RangeError);
  if (highWaterMark !== undefined) {
    const mark = Number(highWaterMark);
    if (Number.isNaN(mark) || mark < 0) throw invalidArgValue("strategy.highWaterMark", mark, "is invalid", RangeError);
  }
  if (typeof size !== "function") return strategy;
  return {
    highWaterMark,
    size(chunk: unknown) {
      const answer: unknown = Reflect.apply(size, strategy, [chunk]);
      const measured = Number(answer);
      if (!Number.isFinite(measured) || measured < 0) throw invalidArgValue("size", answer, "is invalid", RangeError);
      return measured;
    },
  };
}

const isByteStream = (stream: unknown) => (stream as { _readableStreamController?: unknown })._readableStreamController instanceof polyfill.ReadableByteStreamController;

function checkByteStream(stream: unknown): void {
  if (!isByteStream(stream)) throw invalidArgValue("stream", stream, "must be a byte stream");
}

/**
 * The polyfill's class behind a proxy that checks the constructor's arguments first. Instances
 * (the polyfill's own included: `tee()`, `TransformStream#readable`) keep the polyfill's prototype,
 * whose `constructor` is the proxy.
 */
function checked<T extends Constructor>(Target: T, check: (args: unknown[]) => unknown[]): T {
  const proxy = new Proxy(Target, {
    construct: (target, args, newTarget) => Reflect.construct(target, check(args), newTarget) as object,
  });
  Object.defineProperty(Target.prototype, "constructor", { value: proxy, writable: true, configurable: true, enumerable: false });
  return proxy;
}

/** Replaces a method in place (same name, length, enumerability) with one that checks first. */
function before(prototype: object, name: string, check: (self: unknown, args: unknown[]) => void, async = false): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
  const original = descriptor.value as AnyFunction;
  const wrapped = {
    [name](this: unknown, ...args: unknown[]) {
      try {
        check(this, args);
      } catch (error) {
        if (async) return Promise.reject(error);
        throw error;
      }
      return Reflect.apply(original, this, args);
    },
  }[name]!;
  Object.defineProperty(wrapped, "length", { value: original.length });
  Object.defineProperty(prototype, name, { ...descriptor, value: wrapped });
}

export const ReadableStream = checked(polyfill.ReadableStream as unknown as Constructor, ([source, strategy]) => {
  checkObject(source, "source", false);
  let bytes = false;
  if (isObjectLike(source)) {
    checkMethods(source, "source", ["start", "pull", "cancel"]);
    const type = source.type;
    if (type !== undefined && `${type as string}` !== "bytes") throw invalidArgValue("source.type", type);
    bytes = type !== undefined;
    const chunkSize = source.autoAllocateChunkSize;
    if (bytes && chunkSize !== undefined && !(Number(chunkSize) > 0)) throw invalidArgValue("source.autoAllocateChunkSize", chunkSize);
  }
  return [source, checkStrategy(strategy, bytes)];
}) as unknown as typeof polyfill.ReadableStream;

export const WritableStream = checked(polyfill.WritableStream as unknown as Constructor, ([sink, strategy]) => {
  checkObject(sink, "sink", false);
  checkMethods(sink, "sink", ["start", "write", "close", "abort"]);
  if (isObjectLike(sink) && sink.type !== undefined) throw invalidArgValue("type", sink.type, "is invalid", RangeError);
  return [sink, checkStrategy(strategy)];
}) as unknown as typeof polyfill.WritableStream;

export const TransformStream = checked(polyfill.TransformStream as unknown as Constructor, ([transformer, writableStrategy, readableStrategy]) => {
  checkObject(transformer, "transformer", false);
  checkMethods(transformer, "transformer", ["start", "transform", "flush", "cancel"]);
  for (const side of ["readableType", "writableType"]) {
    if (isObjectLike(transformer) && transformer[side] !== undefined) throw invalidArgValue(`transformer.${side}`, transformer[side], "is invalid", RangeError);
  }
  return [transformer, checkStrategy(writableStrategy), checkStrategy(readableStrategy)];
}) as unknown as typeof polyfill.TransformStream;

function checkInit([init]: unknown[]): unknown[] {
  if (!isObjectLike(init)) throw invalidArgType("init", "object", init);
  if (init.highWaterMark === undefined) throw codedError("ERR_MISSING_OPTION", "init.highWaterMark is required", TypeError);
  return [init];
}

export const CountQueuingStrategy = checked(polyfill.CountQueuingStrategy as unknown as Constructor, checkInit) as unknown as typeof polyfill.CountQueuingStrategy;
export const ByteLengthQueuingStrategy = checked(polyfill.ByteLengthQueuingStrategy as unknown as Constructor, checkInit) as unknown as typeof polyfill.ByteLengthQueuingStrategy;

const checkReadable = (stream: unknown) => {
  if (!(stream instanceof polyfill.ReadableStream)) throw invalidArgType("stream", "ReadableStream", stream);
};
export const ReadableStreamDefaultReader = checked(polyfill.ReadableStreamDefaultReader as unknown as Constructor, (args) => {
  checkReadable(args[0]);
  return args;
}) as unknown as typeof polyfill.ReadableStreamDefaultReader;
export const ReadableStreamBYOBReader = checked(polyfill.ReadableStreamBYOBReader as unknown as Constructor, (args) => {
  checkReadable(args[0]);
  checkByteStream(args[0]);
  return args;
}) as unknown as typeof polyfill.ReadableStreamBYOBReader;
export const WritableStreamDefaultWriter = checked(polyfill.WritableStreamDefaultWriter as unknown as Constructor, (args) => {
  if (!(args[0] instanceof polyfill.WritableStream)) throw invalidArgType("stream", "WritableStream", args[0]);
  return args;
}) as unknown as typeof polyfill.WritableStreamDefaultWriter;

// Method arguments (a call on a wrong `this` is left to the polyfill's brand checks).
const readableProto = polyfill.ReadableStream.prototype;
const isReadable = (self: unknown) => self instanceof polyfill.ReadableStream;
function checkPipeOptions(options: unknown): void {
  checkObject(options, "options", true);
  const signal = isObjectLike(options) ? options.signal : undefined;
  const AbortSignal = (globalThis as unknown as { AbortSignal: Constructor }).AbortSignal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidArgType("options.signal", "AbortSignal", signal);
}
before(readableProto, "getReader", (self, [options]) => {
  if (!isReadable(self)) return;
  checkObject(options, "options", true);
  const mode = isObjectLike(options) ? options.mode : undefined;
  if (mode !== undefined && `${mode as string}` !== "byob") throw invalidArgValue("options.mode", mode);
  if (mode !== undefined) checkByteStream(self);
});
before(
  readableProto,
  "pipeTo",
  (self, [destination, options]) => {
    if (!isReadable(self)) return;
    if (!(destination instanceof polyfill.WritableStream)) throw invalidArgType("transform.writable", "WritableStream", destination);
    checkPipeOptions(options);
  },
  true,
);
before(readableProto, "pipeThrough", (self, [transform, options]) => {
  if (!isReadable(self)) return;
  const pair = isObjectLike(transform) ? transform : {};
  if (!(pair.readable instanceof polyfill.ReadableStream)) throw invalidArgType("transform.readable", "ReadableStream", pair.readable);
  if (!(pair.writable instanceof polyfill.WritableStream)) throw invalidArgType("transform.writable", "WritableStream", pair.writable);
  checkPipeOptions(options);
});
before(readableProto, "values", (self, [options]) => {
  if (isReadable(self)) checkObject(options, "options", true);
});
// Node words closing a closing stream differently from the writer's close (the polyfill does not).
before(
  polyfill.WritableStream.prototype,
  "close",
  (self) => {
    const stream = self as Record<string, unknown>;
    if (!(self instanceof polyfill.WritableStream) || stream._writer !== undefined) return;
    if (stream._closeRequest !== undefined || stream._inFlightCloseRequest !== undefined) {
      throw codedError("ERR_INVALID_STATE", "Invalid state: Failure closing WritableStream", TypeError);
    }
  },
  true,
);
before(
  polyfill.ReadableStreamBYOBReader.prototype,
  "read",
  (self, [view]) => {
    if (self instanceof polyfill.ReadableStreamBYOBReader && !ArrayBuffer.isView(view)) throw invalidArgType("view", VIEW_TYPES, view);
  },
  true,
);
before(polyfill.ReadableByteStreamController.prototype, "enqueue", (self, [chunk]) => {
  if (self instanceof polyfill.ReadableByteStreamController && !ArrayBuffer.isView(chunk)) throw invalidArgType("buffer", VIEW_TYPES, chunk);
});
before(polyfill.ReadableStream as unknown as object, "from", (_self, [iterable]) => {
  if (iterable === null || iterable === undefined) return;
  const source = Object(iterable) as Record<symbol, unknown>;
  if (typeof source[Symbol.asyncIterator] !== "function" && typeof source[Symbol.iterator] !== "function") {
    throw codedError("ERR_ARG_NOT_ITERABLE", `${inspect(iterable)} must be iterable`, TypeError);
  }
});

// util.inspect as in Node: `ReadableStream { locked: false, state: 'readable', supportsBYOB: false }`.
type Internal = Record<string, unknown>;
function describe(Class: { prototype: object }, name: string, fields: (self: Internal) => Fields): void {
  Object.defineProperty(Class.prototype, inspectCustom, {
    value(this: Internal, depth: number, options: { depth?: number | null }) {
      return inspectAs(inspect, name, fields(this), depth, options);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
const queued = (queue: unknown) => (queue as { length?: number } | undefined)?.length ?? 0;
const readableFields = (stream: Internal) => ({ locked: stream._reader !== undefined, state: stream._state, supportsBYOB: isByteStream(stream) });
const writableFields = (stream: Internal) => ({ locked: stream._writer !== undefined, state: stream._state });
describe(polyfill.ReadableStream, "ReadableStream", readableFields);
describe(polyfill.WritableStream, "WritableStream", writableFields);
describe(polyfill.ReadableStreamDefaultReader, "ReadableStreamDefaultReader", (reader) => ({
  stream: reader._ownerReadableStream,
  readRequests: queued(reader._readRequests),
  close: reader._closedPromise,
}));
describe(polyfill.ReadableStreamBYOBReader, "ReadableStreamBYOBReader", (reader) => ({
  stream: reader._ownerReadableStream,
  readIntoRequests: queued(reader._readIntoRequests),
  close: reader._closedPromise,
}));
describe(polyfill.WritableStreamDefaultWriter, "WritableStreamDefaultWriter", (writer) => ({
  stream: writer._ownerWritableStream,
  close: writer._closedPromise,
  ready: writer._readyPromise,
  desiredSize: writer._ownerWritableStream === undefined ? undefined : (writer as unknown as { desiredSize: unknown }).desiredSize,
}));
describe(polyfill.TransformStream, "TransformStream", (stream) => ({ readable: stream._readable, writable: stream._writable, backpressure: stream._backpressure }));
describe(polyfill.ReadableStreamDefaultController, "ReadableStreamDefaultController", () => ({}));
describe(polyfill.ReadableByteStreamController, "ReadableByteStreamController", () => ({}));
describe(polyfill.ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest", (request) => ({ view: request._view, controller: request._associatedReadableByteStreamController }));
describe(polyfill.WritableStreamDefaultController, "WritableStreamDefaultController", (controller) => ({ stream: controller._controlledWritableStream }));
describe(polyfill.TransformStreamDefaultController, "TransformStreamDefaultController", (controller) => ({ stream: controller._controlledTransformStream }));
describe(polyfill.CountQueuingStrategy, "CountQueuingStrategy", (strategy) => ({ highWaterMark: strategy._countQueuingStrategyHighWaterMark }));
describe(polyfill.ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy", (strategy) => ({ highWaterMark: strategy._byteLengthQueuingStrategyHighWaterMark }));

// Node's async iterator of a ReadableStream shows its methods; Node has no `abortReason`.
const asyncIteratorPrototype = Object.getPrototypeOf(new polyfill.ReadableStream().values()) as Record<string | symbol, unknown>;
Object.defineProperty(asyncIteratorPrototype, inspectCustom, {
  value(_depth: number, options: object) {
    const { next, return: close } = asyncIteratorPrototype;
    return inspect({ next, return: close, [Symbol.asyncIterator]: asyncIteratorPrototype[Symbol.asyncIterator] }, options);
  },
  writable: true,
  configurable: true,
  enumerable: false,
});
delete (polyfill.WritableStreamDefaultController.prototype as unknown as Record<string, unknown>).abortReason;

// The transform streams Node adds: a readable/writable pair, not TransformStream subclasses. Their
// private fields are named as Node's, so a getter called on another object fails with the same
// TypeError ("Cannot read private member #transform ...").
interface Pair {
  readable: unknown;
  writable: unknown;
}


export class TextEncoderStream {
  #handle: SandboxTextEncoder;
  #transform: Pair;

  constructor() {
    const encoder = (this.#handle = new SandboxTextEncoder());
    // A high surrogate that ends a chunk waits for the low one that starts the next.
    let pending = "";
    this.#transform = new TransformStream({
      transform(chunk: unknown, controller: { enqueue(chunk: unknown): void }) {
        let text = pending + String(chunk);
        pending = "";
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text !== "") controller.enqueue(encoder.encode(text));
      },
      flush(controller: { enqueue(chunk: unknown): void }) {
        if (pending !== "") controller.enqueue(encoder.encode("\ufffd"));
      },
    }) as unknown as Pair;
  }

  get encoding(): string {
    return this.#handle.encoding;
  }

  get readable(): unknown {
    return this.#transform.readable;
  }

  get writable(): unknown {
    return this.#transform.writable;
  }

  [inspectCustom](depth: number, options: { depth?: number | null }): string | undefined {
    return inspectAs(inspect, "TextEncoderStream", { encoding: this.encoding, readable: this.readable, writable: this.writable }, depth, options);
  }
}

export class TextDecoderStream {
  #transform: Pair;
  #handle: SandboxTextDecoder;

  constructor(encoding = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const decoder = (this.#handle = new SandboxTextDecoder(encoding, options));
    this.#transform = new TransformStream({
      transform(chunk: ArrayBufferView | ArrayBuffer, controller: { enqueue(chunk: unknown): void }) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== "") controller.enqueue(text);
      },
      flush(controller: { enqueue(chunk: unknown): void }) {
        const text = decoder.decode();
        if (text !== "") controller.enqueue(text);
      },
    }) as unknown as Pair;
  }

  get encoding(): string {
    return this.#handle.encoding;
  }

  get fatal(): boolean {
    return this.#handle.fatal;
  }

  get ignoreBOM(): boolean {
    return this.#handle.ignoreBOM;
  }

  get readable(): unknown {
    return this.#transform.readable;
  }

  get writable(): unknown {
    return this.#transform.writable;
  }

  [inspectCustom](depth: number, options: { depth?: number | null }): string | undefined {
    const fields = { encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM, readable: this.readable, writable: this.writable };
    return inspectAs(inspect, "TextDecoderStream", fields, depth, options);
  }
}

/** How the builtins are reached (set per session): compression streams are the zlib module's. */
let loadBuiltin: (name: string) => unknown = () => {
  throw new Error("web streams: no session");
};

interface ZlibStreams {
  Duplex: { toWeb(duplex: unknown): Pair };
}
const FORMATS: Record<string, [compress: string, decompress: string]> = {
  deflate: ["createDeflate", "createInflate"],
  "deflate-raw": ["createDeflateRaw", "createInflateRaw"],
  gzip: ["createGzip", "createGunzip"],
};

/** A zlib stream of the given format as a web stream pair, as Node builds its compression streams. */
function zlibPair(className: string, format: unknown, which: 0 | 1): Pair {
  if (typeof format !== "string" || !Object.hasOwn(FORMATS, format)) {
    const message = `Failed to construct '${className}': 1st argument value '${String(format)}' is not a valid enum value of type CompressionFormat.`;
    throw codedError("ERR_INVALID_ARG_VALUE", message, TypeError);
  }
  const zlib = loadBuiltin("zlib") as Record<string, () => unknown>;
  const { Duplex } = loadBuiltin("stream") as ZlibStreams;
  return Duplex.toWeb(zlib[FORMATS[format]![which]]!());
}

/** CompressionStream or DecompressionStream: a zlib stream of the format as a web stream pair. */
function zlibStreamClass(name: string, which: 0 | 1) {
  const Class = {
    [name]: class {
      #transform: Pair;

      constructor(format: unknown) {
        this.#transform = zlibPair(name, format, which);
      }

      get readable(): unknown {
        return this.#transform.readable;
      }

      get writable(): unknown {
        return this.#transform.writable;
      }

      [inspectCustom](depth: number, options: { depth?: number | null }): string | undefined {
        return inspectAs(inspect, name, { readable: this.readable, writable: this.writable }, depth, options);
      }
    },
  }[name]!;
  return Class;
}

export const CompressionStream = zlibStreamClass("CompressionStream", 0);
export const DecompressionStream = zlibStreamClass("DecompressionStream", 1);

for (const Class of [CompressionStream, DecompressionStream]) {
  Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, configurable: true });
}

/** `require('stream/web')`, in Node's order; each is also a global. */
export const webStreams: Record<string, unknown> = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: polyfill.ReadableStreamBYOBRequest,
  ReadableByteStreamController: polyfill.ReadableByteStreamController,
  ReadableStreamDefaultController: polyfill.ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController: polyfill.TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController: polyfill.WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
  CompressionStream,
  DecompressionStream,
};

/** The web stream classes as (non-enumerable) globals of a session that loads builtins with `load`. */
export function installWebStreams(global: Record<string, unknown>, load: (name: string) => unknown): void {
  loadBuiltin = load;
  for (const [name, value] of Object.entries(webStreams)) {
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  }
}
