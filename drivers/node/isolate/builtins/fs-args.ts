/** The argument forms of read and write (readSync, fs.read, FileHandle.read, writeSync, ...), checked as Node does. */
import { bytesOf, encode, getOptions } from "./fs-core.js";
import {
  invalidArgType,
  invalidArgValue,
  isArrayBufferView,
  outOfRange,
  validateFd,
  validateInt32,
  validateInteger,
  validateObject,
} from "./fs-errors.js";

export function validateBuffer(buffer: unknown, name = "buffer"): asserts buffer is ArrayBufferView {
  if (!isArrayBufferView(buffer)) throw invalidArgType(name, ["Buffer", "TypedArray", "DataView"], buffer);
}

function validatePosition(position: unknown, length: number): number | undefined {
  if (position === null || position === undefined) return undefined;
  if (typeof position === "number") {
    validateInteger(position, "position", -1);
    return position === -1 ? undefined : position;
  }
  if (typeof position === "bigint") {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw outOfRange("position", `>= -1 && <= ${max}`, position);
    return position === -1n ? undefined : Number(position);
  }
  throw invalidArgType("position", ["integer", "bigint"], position);
}

function validateOffsetLengthRead(offset: number, length: number, size: number): void {
  if (offset < 0) throw outOfRange("offset", ">= 0", offset);
  if (length < 0) throw outOfRange("length", ">= 0", length);
  if (offset + length > size) throw outOfRange("length", `<= ${size - offset}`, length);
}

function validateOffsetLengthWrite(offset: number, length: number, size: number): void {
  if (offset > size) throw outOfRange("offset", `<= ${size}`, offset);
  if (length > size - offset) throw outOfRange("length", `<= ${size - offset}`, length);
  if (length < 0) throw outOfRange("length", ">= 0", length);
  validateInt32(length, "length", 0);
}

export interface ReadRequest {
  fd: number;
  buffer: ArrayBufferView;
  offset: number;
  length: number;
  position: number | undefined;
}

/** readSync's arguments: (fd, buffer, offset, length, position) or (fd, buffer, options). */
export function readArgs(fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown, argc: number): ReadRequest {
  const validFd = validateFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (argc <= 3 || typeof offsetOrOptions === "object") {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, "options", true);
    const options = (offsetOrOptions ?? {}) as { offset?: unknown; length?: unknown; position?: unknown };
    offset = options.offset ?? 0;
    length = options.length ?? buffer.byteLength - (offset as number);
    position = options.position ?? null;
  }
  if (offset === undefined) offset = 0;
  else validateInteger(offset, "offset", 0);
  const size = (length as number) | 0;
  if (size !== 0) {
    if (buffer.byteLength === 0) throw invalidArgValue("buffer", buffer, "is empty and cannot be written");
    validateOffsetLengthRead(offset as number, size, buffer.byteLength);
  }
  return { fd: validFd, buffer, offset: offset as number, length: size, position: size === 0 ? undefined : validatePosition(position, size) };
}

export interface WriteRequest {
  fd: number;
  data: Uint8Array;
  position: number | undefined;
}

/** writeSync's arguments: (fd, buffer, offset, length, position), (fd, buffer, options) or (fd, string, position, encoding). */
export function writeArgs(fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown): WriteRequest {
  const validFd = validateFd(fd);
  if (isArrayBufferView(buffer)) {
    let offset = offsetOrOptions;
    if (typeof offset === "object" && offset !== null) {
      const options = offset as { offset?: unknown; length?: unknown; position?: unknown };
      offset = options.offset ?? 0;
      length = options.length ?? buffer.byteLength - (offset as number);
      position = options.position ?? null;
    }
    if (offset === null || offset === undefined || typeof offset === "function") offset = 0;
    else validateInteger(offset, "offset", 0);
    if (typeof length !== "number") length = buffer.byteLength - (offset as number);
    validateOffsetLengthWrite(offset as number, length as number, buffer.byteLength);
    const at = typeof position === "number" && position >= 0 ? position : undefined;
    return { fd: validFd, data: bytesOf(buffer, offset as number, length as number), position: at };
  }
  if (typeof buffer !== "string") throw invalidArgType("buffer", ["string", "Buffer", "TypedArray", "DataView"], buffer);
  const encoding = typeof length === "string" ? length : "utf8";
  if (typeof length === "string") getOptions(length);
  const at = typeof offsetOrOptions === "number" && offsetOrOptions >= 0 ? offsetOrOptions : undefined;
  return { fd: validFd, data: encode(buffer, encoding), position: at };
}
