/**
 * The `buffer` module: the `buffer` package's Buffer, with what Node's module adds around it
 * (Blob, File, atob/btoa, isAscii/isUtf8, transcode, INSPECT_MAX_BYTES, SlowBuffer, ...).
 */
import { Buffer } from "buffer";
import { codedError } from "../errors.js";
import { inspectSettings } from "../buffer-inspect.js";
import { Blob, File, resolveObjectURL } from "../globals/blob.js";
import { invalidArgType, outOfRange } from "./fs-errors.js";

const kMaxLength = Number.MAX_SAFE_INTEGER;
const kStringMaxLength = 2 ** 29 - 24;

/** The bytes of isAscii/isUtf8's input: an ArrayBuffer or a typed array (not a DataView). */
function inputBytes(input: unknown): Uint8Array {
  const isTypedArray = ArrayBuffer.isView(input) && !(input instanceof DataView);
  if (!isTypedArray && !(input instanceof ArrayBuffer) && !(typeof SharedArrayBuffer === "function" && input instanceof SharedArrayBuffer)) {
    throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
  }
  const buffer = isTypedArray ? input.buffer : (input as ArrayBuffer);
  if ((buffer as { detached?: boolean }).detached) throw codedError("ERR_INVALID_STATE", "Cannot validate on a detached buffer");
  return isTypedArray ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(buffer);
}

function isAscii(input: unknown): boolean {
  return inputBytes(input).every((byte) => byte < 0x80);
}

/** Where the well-formed UTF-8 sequence at `i` ends, or -1 (overlong, surrogate, past U+10FFFF, cut short). */
function utf8End(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return i + 1;
  const [length, low, high] = lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf] : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf] : lead === 0xf0 ? [4, 0x90, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return -1;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return -1;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return -1;
  return i + length;
}

function isWellFormedUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    i = utf8End(bytes, i);
    if (i < 0) return false;
  }
  return true;
}

function isUtf8(input: unknown): boolean {
  return isWellFormedUtf8(inputBytes(input));
}

// transcode: ICU's conversions as Node calls them. Node's fast paths are strict (UTF-8 <-> UTF-16
// fails on malformed input); the general path replaces what the target cannot hold with '?'.
const ENCODINGS: Record<string, "utf8" | "ucs2" | "latin1" | "ascii"> = {
  utf8: "utf8",
  "utf-8": "utf8",
  ucs2: "ucs2",
  "ucs-2": "ucs2",
  utf16le: "ucs2",
  "utf-16le": "ucs2",
  latin1: "latin1",
  binary: "latin1",
  ascii: "ascii",
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function transcodeError(code: string, errno: number): Error {
  const error = new Error(`Unable to transcode Buffer [${code}]`) as Error & Record<string, unknown>;
  Object.assign(error, { code, errno });
  return error;
}

function decodeForTranscode(source: Uint8Array, from: string): string {
  const buffer = Buffer.from(source);
  if (from === "ascii") return Array.from(source, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : "\ufffd")).join("");
  if (from === "ucs2") return buffer.toString("ucs2", 0, source.byteLength & ~1).replace(LONE_SURROGATE, "\ufffd");
  return buffer.toString(from as "utf8" | "latin1");
}

function transcode(source: unknown, fromEncoding: unknown, toEncoding: unknown): Buffer {
  if (!(source instanceof Uint8Array)) throw invalidArgType("source", ["Buffer", "Uint8Array"], source);
  const name = (encoding: unknown) => (encoding === undefined ? "utf8" : String(encoding).toLowerCase());
  const from = ENCODINGS[name(fromEncoding)];
  const to = ENCODINGS[name(toEncoding)];
  if (from === undefined || to === undefined) throw transcodeError("U_ILLEGAL_ARGUMENT_ERROR", 1);
  if (source.byteLength === 0) return Buffer.alloc(0);
  if ((from === "latin1" || from === "ascii") && to === "ucs2") {
    const wide = Buffer.alloc(source.byteLength * 2);
    source.forEach((byte, i) => (wide[i * 2] = byte));
    return wide;
  }
  if (from === "utf8" && to === "ucs2") {
    if (!isWellFormedUtf8(source)) throw transcodeError("U_INVALID_CHAR_FOUND", 10);
    return Buffer.from(Buffer.from(source).toString("utf8"), "ucs2");
  }
  if (from === "ucs2" && to === "utf8") {
    const text = Buffer.from(source).toString("ucs2", 0, source.byteLength & ~1);
    if (text.search(LONE_SURROGATE) >= 0) throw transcodeError("U_INVALID_CHAR_FOUND", 10);
    return Buffer.from(text, "utf8");
  }
  const text = decodeForTranscode(source, from);
  if (to === "utf8" || to === "ucs2") return Buffer.from(text, to);
  const limit = to === "ascii" ? 0x7f : 0xff;
  return Buffer.from(Array.from(text, (char) => (char.codePointAt(0)! <= limit ? char.codePointAt(0)! : 0x3f)));
}

/** Deprecated (DEP0030) but still there: `Buffer.allocUnsafeSlow` under its old name. */
function SlowBuffer(size: number): Buffer {
  return Buffer.allocUnsafeSlow(size);
}

/** The module, in Node's key order. */
export function createBufferModule(global: Record<string, unknown>): Record<string, unknown> {
  const module: Record<string, unknown> = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    btoa: global.btoa,
    atob: global.atob,
    constants: Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength }),
    INSPECT_MAX_BYTES: undefined,
    Blob,
    resolveObjectURL,
    File,
  };
  Object.defineProperty(module, "INSPECT_MAX_BYTES", {
    get: () => inspectSettings.maxBytes,
    set(value: unknown) {
      if (typeof value !== "number") throw invalidArgType("INSPECT_MAX_BYTES", "number", value);
      if (Number.isNaN(value) || value < 0) throw outOfRange("INSPECT_MAX_BYTES", ">= 0", value);
      inspectSettings.maxBytes = value;
    },
    enumerable: true,
    configurable: true,
  });
  return module;
}
