/**
 * `crypto`: randomness from the host's /dev/urandom (read through the kernel in pooled chunks),
 * hashes and HMACs from @noble/hashes, and the random and digest parts of Web Crypto.
 */
import { Buffer } from "buffer";
import type { CHash, Hash as NobleHash } from "@noble/hashes/utils.js";
import { codedError, invalidArgType, outOfRange } from "../errors.js";
import { library, type Libraries } from "../lazy.js";
import type { BuiltinContext } from "./index.js";
import { createStream } from "./stream.js";

/** @noble/hashes, evaluated when a hash is first asked for (see lazy.ts). */
const noble = () => library("noble");

let hashes: Record<string, CHash> | undefined;
function hashTable(): Record<string, CHash> {
  if (hashes) return hashes;
  const { md5, sha1, ripemd160, sha224, sha256, sha384, sha512, sha512_224, sha512_256 } = noble();
  hashes = {
    md5,
    sha1,
    ripemd160,
    rmd160: ripemd160,
    sha224,
    sha256,
    sha384,
    sha512,
    "sha512-224": sha512_224,
    "sha512-256": sha512_256,
    "rsa-md5": md5,
    "rsa-sha1": sha1,
    "rsa-sha224": sha224,
    "rsa-sha256": sha256,
    "rsa-sha384": sha384,
    "rsa-sha512": sha512,
  };
  return hashes;
}
/** The Web Crypto names of the digests `subtle.digest` takes. */
const WEB_DIGESTS: Record<string, string> = { "sha-1": "sha1", "sha-256": "sha256", "sha-384": "sha384", "sha-512": "sha512" };

type BinaryLike = string | ArrayBufferView | ArrayBuffer;

function toBytes(data: unknown, encoding: unknown, name: string): Uint8Array {
  if (typeof data === "string") return Buffer.from(data, (typeof encoding === "string" ? encoding : "utf8") as "utf8");
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, or DataView", data);
}

function output(bytes: Uint8Array, encoding: unknown): Buffer | string {
  const buffer = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === undefined || encoding === "buffer") return buffer;
  if (encoding === "base64url") return buffer.toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return buffer.toString(encoding as "utf8");
}

function findHash(algorithm: unknown): CHash | undefined {
  return typeof algorithm === "string" ? hashTable()[algorithm.toLowerCase()] : undefined;
}

type TransformBase = new (options?: unknown) => { push(chunk: unknown): boolean };

/** Hash and Hmac are Transform streams in Node: the digest is what they emit at the end. */
function hashClasses(Transform: TransformBase) {
  /** What Hash and Hmac share as streams: written chunks are `update`s, the end pushes the digest. */
  abstract class DigestStream extends Transform {
    abstract update(data: unknown, encoding?: string): unknown;
    abstract digest(encoding?: string): unknown;

    _transform(chunk: unknown, encoding: string, callback: (error?: Error | null) => void): void {
      try {
        this.update(chunk, encoding === "buffer" ? undefined : encoding);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    }

    _flush(callback: (error?: Error | null) => void): void {
      try {
        this.push(this.digest());
        callback();
      } catch (error) {
        callback(error as Error);
      }
    }
  }

  class Hash extends DigestStream {
    #state: NobleHash<unknown>;
    #finalized = false;
    #algorithm: string;

    constructor(algorithm: string, state?: NobleHash<unknown>, options?: unknown) {
      super(options);
      if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
      const hash = findHash(algorithm);
      if (!hash && !state) throw new Error("Digest method not supported");
      this.#algorithm = algorithm;
      this.#state = (state ?? hash!.create()) as NobleHash<unknown>;
    }

    update(data: unknown, inputEncoding?: unknown): this {
      if (this.#finalized) throw codedError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#state.update(toBytes(data, inputEncoding, "data"));
      return this;
    }

    digest(encoding?: unknown): Buffer | string {
      if (this.#finalized) throw codedError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#finalized = true;
      return output(this.#state.digest(), encoding);
    }

    copy(): Hash {
      if (this.#finalized) throw codedError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      return new Hash(this.#algorithm, (this.#state as unknown as { clone(): NobleHash<unknown> }).clone());
    }

  }

  class Hmac extends DigestStream {
    #state: ReturnType<Libraries["noble"]["hmac"]["create"]>;
    #finalized = false;

    constructor(algorithm: string, key: unknown, options?: unknown) {
      super(options);
      if (typeof algorithm !== "string") throw invalidArgType("hmac", "of type string", algorithm);
      const hash = findHash(algorithm);
      if (!hash) throw codedError("ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`, TypeError);
      if (key === null || key === undefined || (typeof key !== "string" && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer))) {
        throw invalidArgType("key", "of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey", key);
      }
      this.#state = noble().hmac.create(hash, toBytes(key, "utf8", "key"));
    }

    update(data: unknown, inputEncoding?: unknown): this {
      if (this.#finalized) throw codedError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#state.update(toBytes(data, inputEncoding, "data"));
      return this;
    }

    digest(encoding?: unknown): Buffer | string {
      // Node returns an empty digest on a second call rather than throwing.
      if (this.#finalized) return output(new Uint8Array(0), encoding);
      this.#finalized = true;
      return output(this.#state.digest(), encoding);
    }

  }
  return { Hash, Hmac };
}

const MAX_RANDOM = 2 ** 31 - 1;

function validateSize(size: unknown, name = "size"): number {
  if (typeof size !== "number") throw invalidArgType(name, "of type number", size);
  if (!Number.isInteger(size) || size < 0 || size > MAX_RANDOM) {
    throw codedError("ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be >= 0 && <= ${MAX_RANDOM}. Received ${size}`, RangeError);
  }
  return size;
}

export function createCrypto(context: BuiltinContext): Record<string, unknown> {
  const { runtime, global } = context;
  const { Hash, Hmac } = hashClasses((createStream(context) as unknown as { Transform: TransformBase }).Transform);
  // Random bytes: a pool refilled from one /dev/urandom descriptor, kept for the session.
  let fd: number | undefined;
  let pool: Uint8Array = new Uint8Array(0);
  let offset = 0;
  const POOL_SIZE = 4096;
  function readUrandom(n: number): Uint8Array {
    fd ??= runtime.call<number>("open", "/dev/urandom", "r");
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = runtime.call<Uint8Array>("read", fd, n - filled);
      if (!chunk || chunk.byteLength === 0) throw new Error("crypto: the random source returned no bytes");
      out.set(chunk, filled);
      filled += chunk.byteLength;
    }
    return out;
  }
  function fillRandom(target: Uint8Array): void {
    if (target.byteLength > POOL_SIZE) {
      target.set(readUrandom(target.byteLength));
      return;
    }
    let done = 0;
    while (done < target.byteLength) {
      if (offset >= pool.byteLength) {
        pool = readUrandom(POOL_SIZE);
        offset = 0;
      }
      const take = Math.min(target.byteLength - done, pool.byteLength - offset);
      target.set(pool.subarray(offset, offset + take), done);
      // Used bytes are wiped so they never leave the pool twice.
      pool.fill(0, offset, offset + take);
      offset += take;
      done += take;
    }
  }
  const later = (fn: () => void) => (global.setImmediate as (fn: () => void) => void)(fn);

  function randomBytes(size: unknown, callback?: unknown): Buffer | undefined {
    validateSize(size);
    if (callback !== undefined && typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const buffer = Buffer.alloc(size as number);
    if (typeof callback !== "function") {
      fillRandom(buffer);
      return buffer;
    }
    later(() => {
      try {
        fillRandom(buffer);
      } catch (error) {
        callback(error);
        return;
      }
      callback(null, buffer);
    });
    return undefined;
  }

  function viewBytes(buffer: unknown): Uint8Array {
    if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
    throw invalidArgType("buf", "an instance of ArrayBuffer or ArrayBufferView", buffer);
  }
  function randomFillSync<T>(buffer: T, start = 0, size?: number): T {
    const bytes = viewBytes(buffer);
    const elementSize = ArrayBuffer.isView(buffer) ? ((buffer as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1) : 1;
    const from = start * elementSize;
    const length = size === undefined ? bytes.byteLength - from : size * elementSize;
    if (from < 0 || from > bytes.byteLength) throw codedError("ERR_OUT_OF_RANGE", `The value of "offset" is out of range. It must be >= 0 && <= ${bytes.byteLength}. Received ${start}`, RangeError);
    if (length < 0 || from + length > bytes.byteLength) throw codedError("ERR_OUT_OF_RANGE", `The value of "size + offset" is out of range. It must be <= ${bytes.byteLength}. Received ${from + length}`, RangeError);
    fillRandom(bytes.subarray(from, from + length));
    return buffer;
  }
  function randomFill(buffer: unknown, ...rest: unknown[]): void {
    const callback = rest.pop();
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    randomFillSync(new Uint8Array(0));
    const [start, size] = rest as [number | undefined, number | undefined];
    later(() => {
      try {
        randomFillSync(buffer, start, size);
      } catch (error) {
        callback(error);
        return;
      }
      callback(null, buffer);
    });
  }

  function randomInt(...args: unknown[]): number | undefined {
    const callback = typeof args[args.length - 1] === "function" ? (args.pop() as (e: unknown, n?: number) => void) : undefined;
    let [min, max] = args as [unknown, unknown];
    if (args.length < 2) {
      max = min;
      min = 0;
    }
    if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
    if ((max as number) <= (min as number)) {
      throw codedError("ERR_OUT_OF_RANGE", `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`, RangeError);
    }
    const range = (max as number) - (min as number);
    if (range > 2 ** 48 - 1) {
      throw outOfRange("max - min", "<= 281474976710655", range);
    }
    const limit = 2 ** 48 - (2 ** 48 % range);
    const draw = () => {
      const bytes = new Uint8Array(6);
      for (;;) {
        fillRandom(bytes);
        const value = bytes[0]! * 2 ** 40 + bytes[1]! * 2 ** 32 + bytes[2]! * 2 ** 24 + bytes[3]! * 2 ** 16 + bytes[4]! * 2 ** 8 + bytes[5]!;
        if (value < limit) return (min as number) + (value % range);
      }
    };
    if (!callback) return draw();
    later(() => callback(undefined, draw()));
    return undefined;
  }

  function randomUUID(options?: unknown): string {
    if (options !== undefined && (typeof options !== "object" || options === null)) throw invalidArgType("options", "of type object", options);
    const bytes = new Uint8Array(16);
    fillRandom(bytes);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  const DOMException = global.DOMException as (new (message: string, name: string) => Error) | undefined;
  const domError = (message: string, name: string) => (DOMException ? new DOMException(message, name) : Object.assign(new Error(message), { name }));

  function getRandomValues<T>(array: T): T {
    const integer =
      array instanceof Int8Array || array instanceof Uint8Array || array instanceof Uint8ClampedArray || array instanceof Int16Array ||
      array instanceof Uint16Array || array instanceof Int32Array || array instanceof Uint32Array || array instanceof BigInt64Array ||
      array instanceof BigUint64Array;
    if (!integer) throw domError("The data argument must be an integer-type TypedArray", "TypeMismatchError");
    const view = array as unknown as ArrayBufferView;
    if (view.byteLength > 65536) {
      throw domError("The requested length exceeds 65,536 bytes", "QuotaExceededError");
    }
    fillRandom(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    return array;
  }

  const subtle = {
    async digest(algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
      const name = typeof algorithm === "string" ? algorithm : (algorithm as { name?: unknown } | null)?.name;
      const known = typeof name === "string" ? WEB_DIGESTS[name.toLowerCase()] : undefined;
      const hash = known === undefined ? undefined : hashTable()[known];
      if (!hash) throw domError("Unrecognized algorithm name", "NotSupportedError");
      if (!ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) {
        throw invalidArgType("data", "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", data);
      }
      const digest = hash(toBytes(data, undefined, "data"));
      return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
    },
  };
  const webcrypto = {
    getRandomValues: (array: unknown) => getRandomValues(array),
    randomUUID: () => randomUUID(),
    subtle,
  };

  function timingSafeEqual(a: unknown, b: unknown): boolean {
    for (const [name, value] of [["buf1", a], ["buf2", b]] as const) {
      if (!ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
        // Node's wording here has no "Received" part.
        throw codedError("ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`, TypeError);
      }
    }
    const x = toBytes(a, undefined, "buf1");
    const y = toBytes(b, undefined, "buf2");
    if (x.byteLength !== y.byteLength) throw codedError("ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length", RangeError);
    let difference = 0;
    for (let i = 0; i < x.byteLength; i++) difference |= x[i]! ^ y[i]!;
    return difference === 0;
  }

  function pbkdf2Sync(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string): Buffer {
    if (typeof digest !== "string") throw invalidArgType("digest", "of type string", digest);
    const hash = findHash(digest);
    if (!hash) throw codedError("ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`, TypeError);
    if (!Number.isInteger(iterations) || iterations < 1) throw invalidArgType("iterations", "of type number", iterations);
    validateSize(keylen, "keylen");
    const key = noble().pbkdf2(hash, toBytes(password, "utf8", "password"), toBytes(salt, "utf8", "salt"), { c: iterations, dkLen: keylen });
    return output(key, undefined) as Buffer;
  }
  function pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string, callback: unknown): void {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    later(() => callback(null, key));
  }

  type ScryptOptions = { N?: number; cost?: number; r?: number; blockSize?: number; p?: number; parallelization?: number; maxmem?: number };
  function scryptSync(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions = {}): Buffer {
    validateSize(keylen, "keylen");
    const N = options.N ?? options.cost ?? 16384;
    const r = options.r ?? options.blockSize ?? 8;
    const p = options.p ?? options.parallelization ?? 1;
    const maxmem = options.maxmem ?? 32 * 1024 * 1024;
    if (128 * N * r > maxmem) throw codedError("ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params: memory limit exceeded", RangeError);
    let key: Uint8Array;
    try {
      key = noble().scrypt(toBytes(password, "utf8", "password"), toBytes(salt, "utf8", "salt"), { N, r, p, dkLen: keylen, maxmem: maxmem + 1024 * 1024 });
    } catch (error) {
      throw codedError("ERR_CRYPTO_INVALID_SCRYPT_PARAMS", `Invalid scrypt params: ${(error as Error).message}`, RangeError);
    }
    return output(key, undefined) as Buffer;
  }
  function scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: unknown, callback?: unknown): void {
    if (typeof options === "function") {
      callback = options;
      options = undefined;
    }
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = scryptSync(password, salt, keylen, options as ScryptOptions);
    later(() => callback(null, key));
  }

  const module: Record<string, unknown> = {
    randomBytes,
    pseudoRandomBytes: randomBytes,
    prng: randomBytes,
    rng: randomBytes,
    randomFillSync,
    randomFill,
    randomInt,
    randomUUID,
    getRandomValues: webcrypto.getRandomValues,
    webcrypto,
    subtle,
    createHash: (algorithm: string, options?: unknown) => new Hash(algorithm, undefined, options),
    createHmac: (algorithm: string, key: unknown, options?: unknown) => new Hmac(algorithm, key, options),
    hash: (algorithm: string, data: unknown, outputEncoding: unknown = "hex") => {
      if (typeof data !== "string" && !ArrayBuffer.isView(data)) throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
      return new Hash(algorithm).update(data).digest(outputEncoding);
    },
    Hash,
    Hmac,
    getHashes: () => Object.keys(hashTable()).filter((name) => !name.startsWith("rsa-")).sort(),
    getCiphers: () => [],
    getCurves: () => [],
    timingSafeEqual,
    pbkdf2Sync,
    pbkdf2,
    scryptSync,
    scrypt,
    constants: {},
  };
  if (!Object.getOwnPropertyDescriptor(global, "crypto")) {
    Object.defineProperty(global, "crypto", { value: webcrypto, writable: true, configurable: true, enumerable: false });
  }
  return module;
}
