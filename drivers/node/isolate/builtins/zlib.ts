/** `zlib`: deflate, inflate and gzip (sync, callback and stream forms) on pako, zlib's own algorithm ported to JS. */
import { Buffer } from "buffer";
import { library } from "../lazy.js";
import { codedError, invalidArgType } from "../errors.js";
import type { BuiltinContext } from "./index.js";
import { createStream } from "./stream.js";

const CONSTANTS: Record<string, number> = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};
const CODES: Record<number, string> = { 1: "Z_STREAM_END", 2: "Z_NEED_DICT", [-1]: "Z_ERRNO", [-2]: "Z_STREAM_ERROR", [-3]: "Z_DATA_ERROR", [-4]: "Z_MEM_ERROR", [-5]: "Z_BUF_ERROR", [-6]: "Z_VERSION_ERROR" };

type Mode = "deflate" | "inflate" | "gzip" | "gunzip" | "deflateRaw" | "inflateRaw" | "unzip";
interface ZlibOptions {
  level?: number;
  windowBits?: number;
  memLevel?: number;
  strategy?: number;
  dictionary?: ArrayBufferView | ArrayBuffer;
  chunkSize?: number;
  flush?: number;
  finishFlush?: number;
}

function pakoOptions(mode: Mode, options: ZlibOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.level !== undefined) out.level = options.level;
  if (options.memLevel !== undefined) out.memLevel = options.memLevel;
  if (options.strategy !== undefined) out.strategy = options.strategy;
  if (options.dictionary !== undefined) out.dictionary = toBytes(options.dictionary, "options.dictionary");
  let windowBits = options.windowBits ?? 15;
  if (mode === "deflateRaw" || mode === "inflateRaw") windowBits = -windowBits;
  else if (mode === "gzip" || mode === "gunzip") windowBits += 16;
  else if (mode === "unzip") windowBits += 32;
  out.windowBits = windowBits;
  return out;
}

function toBytes(data: unknown, name = "buffer"): Uint8Array {
  if (typeof data === "string") return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer", data);
}

function zlibError(message: string, errno: number): Error {
  const error = new Error(message) as Error & { errno: number; code: string };
  error.errno = errno;
  error.code = CODES[errno] ?? "Z_DATA_ERROR";
  return error;
}

const isCompress = (mode: Mode) => mode === "deflate" || mode === "gzip" || mode === "deflateRaw";

/** One engine: pako's streaming Deflate or Inflate, its output gathered per push. */
function createEngine(mode: Mode, options?: ZlibOptions) {
  const pako = library("pako");
  const Engine = (isCompress(mode) ? pako.Deflate : pako.Inflate) as unknown as new (options: Record<string, unknown>) => {
    push(data: Uint8Array, flush: number | boolean): boolean;
    onData(chunk: Uint8Array): void;
    onEnd(status: number): void;
    err: number;
    msg: string;
    ended?: boolean;
  };
  const engine = new Engine(pakoOptions(mode, options)) as InstanceType<typeof Engine> & {
    strm?: { output?: Uint8Array; next_out?: number };
  };
  let chunks: Uint8Array[] = [];
  let ended = false;
  // Bytes of pako's current output buffer already handed out: zlib gives out what each write
  // produced, pako only full buffers.
  let taken = 0;
  engine.onData = (chunk) => {
    chunks.push(taken > 0 ? chunk.subarray(taken) : chunk);
    taken = 0;
  };
  const finish = engine.onEnd.bind(engine);
  engine.onEnd = (status) => {
    ended = true;
    // pako's own onEnd records the error status and message.
    finish(status);
  };
  return {
    push(data: Uint8Array, flush: number): Buffer {
      if (ended) return Buffer.alloc(0);
      engine.push(data, flush);
      if (engine.err) throw zlibError(engine.msg || "zlib error", engine.err);
      const { strm } = engine;
      if (!ended && strm?.output && (strm.next_out ?? 0) > taken) {
        chunks.push(strm.output.slice(taken, strm.next_out));
        taken = strm.next_out!;
      }
      const out = Buffer.concat(chunks);
      chunks = [];
      return out;
    },
    get ended() {
      return ended;
    },
  };
}

function processSync(mode: Mode, data: unknown, options?: ZlibOptions): Buffer {
  const bytes = toBytes(data);
  const engine = createEngine(mode, options);
  const out = engine.push(bytes, CONSTANTS.Z_FINISH!);
  if (!isCompress(mode) && !engine.ended) throw zlibError("unexpected end of file", CONSTANTS.Z_BUF_ERROR!);
  return out;
}

export function createZlib(context: BuiltinContext): Record<string, unknown> {
  const { global } = context;
  const later = (fn: () => void) => (global.setImmediate as (fn: () => void) => void)(fn);
  const { Transform } = createStream(context) as unknown as { Transform: new (options?: unknown) => { push(chunk: unknown): boolean } };

  class Zlib extends Transform {
    #engine: ReturnType<typeof createEngine>;
    #flushFlag: number;
    #finishFlag: number;
    bytesWritten = 0;
    _finishFlushFlag: number;

    constructor(mode: Mode, options?: ZlibOptions) {
      super(options);
      if (options !== undefined && (typeof options !== "object" || options === null)) throw invalidArgType("options", "of type object", options);
      this.#engine = createEngine(mode, options);
      this.#flushFlag = options?.flush ?? CONSTANTS.Z_NO_FLUSH!;
      this.#finishFlag = options?.finishFlush ?? CONSTANTS.Z_FINISH!;
      this._finishFlushFlag = this.#finishFlag;
    }

    // Node compresses on its thread pool: results arrive on a later turn of the loop.
    _transform(chunk: unknown, encoding: string, callback: (error?: Error | null, data?: unknown) => void): void {
      later(() => {
        try {
          const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding as "utf8") : toBytes(chunk, "chunk");
          this.bytesWritten += bytes.byteLength;
          const out = this.#engine.push(bytes, this.#flushFlag);
          callback(null, out.byteLength > 0 ? out : undefined);
        } catch (error) {
          callback(error as Error);
        }
      });
    }

    _flush(callback: (error?: Error | null, data?: unknown) => void): void {
      later(() => {
        try {
          const out = this.#engine.push(new Uint8Array(0), this.#finishFlag);
          if (out.byteLength > 0) this.push(out);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    }

    flush(kind?: unknown, callback?: () => void): void {
      if (typeof kind === "function") callback = kind as () => void;
      if (callback) later(callback);
    }

    close(callback?: () => void): void {
      if (callback) later(callback);
      (this as unknown as { destroy(): void }).destroy();
    }
  }

  const classes: Record<string, unknown> = {};
  const module: Record<string, unknown> = {};
  const modes: [string, Mode][] = [["Deflate", "deflate"], ["Inflate", "inflate"], ["Gzip", "gzip"], ["Gunzip", "gunzip"], ["DeflateRaw", "deflateRaw"], ["InflateRaw", "inflateRaw"], ["Unzip", "unzip"]];
  for (const [name, mode] of modes) {
    const Class = {
      [name]: class extends Zlib {
        constructor(options?: ZlibOptions) {
          super(mode, options);
        }
      },
    }[name]!;
    classes[name] = Class;
    module[name] = Class;
    module[`create${name}`] = (options?: ZlibOptions) => new Class(options);
    module[`${mode}Sync`] = (data: unknown, options?: ZlibOptions) => processSync(mode, data, options);
    module[mode] = (data: unknown, options: unknown, callback?: unknown) => {
      if (typeof options === "function") {
        callback = options;
        options = undefined;
      }
      if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
      toBytes(data);
      later(() => {
        let out: Buffer;
        try {
          out = processSync(mode, data, options as ZlibOptions);
        } catch (error) {
          callback(error);
          return;
        }
        callback(null, out);
      });
    };
  }
  const unsupported = (name: string) => () => {
    throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", `zlib.${name}() (brotli) is not supported in the sandbox`);
  };
  for (const name of ["brotliCompress", "brotliCompressSync", "brotliDecompress", "brotliDecompressSync", "createBrotliCompress", "createBrotliDecompress"]) {
    module[name] = unsupported(name);
  }

  let crcTable: Uint32Array | undefined;
  module.crc32 = (data: unknown, value = 0) => {
    if (!crcTable) {
      crcTable = new Uint32Array(256);
      for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c >>> 0;
      }
    }
    if (typeof value !== "number") throw invalidArgType("value", "of type number", value);
    const bytes = typeof data === "string" ? Buffer.from(data) : ArrayBuffer.isView(data) ? toBytes(data) : (() => { throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data); })();
    let crc = (value ^ 0xffffffff) >>> 0;
    for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  module.constants = Object.freeze({ ...CONSTANTS });
  module.codes = Object.freeze({ Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, ...Object.fromEntries(Object.entries(CODES).map(([k, v]) => [k, v])) });
  for (const [key, value] of Object.entries(CONSTANTS)) if (key.startsWith("Z_")) module[key] = value;
  return module;
}
