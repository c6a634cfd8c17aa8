/**
 * `structuredClone`: the HTML structured clone of V8's serializer, done in JavaScript (the sandbox
 * has no serializer of its own): primitives, plain objects, arrays (holes kept), Date, RegExp,
 * boxed primitives, Map, Set, ArrayBuffer, typed arrays and DataView (sharing buffers as they
 * did), errors, blobs, and cycles; functions, symbols and other exotic objects throw DataCloneError.
 */
import { codedError } from "../errors.js";
import { Blob } from "./blob.js";
import { DOMException } from "./dom-exception.js";

const TypedArray = Object.getPrototypeOf(Uint8Array) as { prototype: object };
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag)!.get!;
const TYPED_ARRAYS: Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};
const ERRORS: Record<string, ErrorConstructor> = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const UNCLONEABLE: Array<[unknown, string]> = [
  [WeakMap, "WeakMap"],
  [WeakSet, "WeakSet"],
  [Promise, "Promise"],
  [typeof WeakRef === "function" ? WeakRef : undefined, "WeakRef"],
  [typeof FinalizationRegistry === "function" ? FinalizationRegistry : undefined, "FinalizationRegistry"],
];

function cannotClone(what: string): DOMException {
  return new DOMException(`${what} could not be cloned.`, "DataCloneError");
}

/** Calls `method` on `value` if it is a genuine instance (brand check), else returns `failed`. */
function brand<T>(method: (this: unknown) => T, value: unknown, failed: T | typeof NONE): T | typeof NONE {
  try {
    return method.call(value);
  } catch {
    return failed;
  }
}
const NONE = Symbol("none");

function cloneValue(value: unknown, memory: Map<object, unknown>): unknown {
  if (typeof value === "symbol") throw cannotClone(String(value));
  if (typeof value === "function") throw cannotClone(Function.prototype.toString.call(value));
  if (value === null || typeof value !== "object") return value;
  if (memory.has(value)) return memory.get(value);
  const remember = <T>(copy: T): T => {
    memory.set(value, copy);
    return copy;
  };
  for (const [constructor, name] of UNCLONEABLE) {
    if (typeof constructor === "function" && value instanceof constructor) throw cannotClone(`#<${name}>`);
  }
  const time = brand(Date.prototype.getTime, value, NONE);
  if (time !== NONE) return remember(new Date(time as number));
  if (value instanceof RegExp) return remember(new RegExp(value.source, value.flags));
  for (const [Box, valueOf] of [
    [Number, Number.prototype.valueOf],
    [String, String.prototype.valueOf],
    [Boolean, Boolean.prototype.valueOf],
    [BigInt, BigInt.prototype.valueOf],
  ] as const) {
    const primitive = brand(valueOf as (this: unknown) => unknown, value, NONE);
    if (primitive !== NONE) return remember(Object(primitive) as unknown as typeof Box);
  }
  if (value instanceof ArrayBuffer) return remember(value.slice(0));
  if (ArrayBuffer.isView(value)) {
    const buffer = cloneValue(value.buffer, memory) as ArrayBuffer;
    if (value instanceof DataView) return remember(new DataView(buffer, value.byteOffset, value.byteLength));
    const tag = typedArrayTag.call(value) as string;
    const Constructor = TYPED_ARRAYS[tag]!;
    return remember(new Constructor(buffer, value.byteOffset, (value as unknown as { length: number }).length));
  }
  if (value instanceof Map) {
    const copy = remember(new Map());
    for (const [key, item] of value) copy.set(cloneValue(key, memory), cloneValue(item, memory));
    return copy;
  }
  if (value instanceof Set) {
    const copy = remember(new Set());
    for (const item of value) copy.add(cloneValue(item, memory));
    return copy;
  }
  if (value instanceof DOMException) {
    const copy = remember(new DOMException(value.message, value.name));
    if (typeof value.stack === "string") Object.defineProperty(copy, "stack", { value: value.stack, writable: true, configurable: true, enumerable: false });
    return copy;
  }
  if (value instanceof Error) {
    const name = String((value as Error).name);
    const Constructor = Object.hasOwn(ERRORS, name) ? ERRORS[name]! : Error;
    const copy = remember(Object.create(Constructor.prototype) as Error);
    const define = (key: string, item: unknown) => Object.defineProperty(copy, key, { value: item, writable: true, configurable: true, enumerable: false });
    if (typeof value.stack === "string") define("stack", value.stack);
    const message = Object.getOwnPropertyDescriptor(value, "message");
    if (message && "value" in message) define("message", String(message.value));
    if (Object.hasOwn(value, "cause")) define("cause", cloneValue((value as { cause?: unknown }).cause, memory));
    return copy;
  }
  // A Blob (a File too, which arrives as a Blob) copies its bytes and type, as in Node.
  if (value instanceof Blob) return remember(value.slice(0, value.size, value.type));
  const copy = remember(Array.isArray(value) ? new Array(value.length) : {}) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = cloneValue((value as Record<string, unknown>)[key], memory);
  return copy;
}

export function structuredClone(value: unknown, options: unknown = undefined): unknown {
  if (arguments.length === 0) throw codedError("ERR_MISSING_ARGS", 'The "The value argument must be specified" argument must be specified', TypeError);
  if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
    throw codedError("ERR_INVALID_ARG_TYPE", "Failed to execute 'structuredClone': Options cannot be converted to a dictionary", TypeError);
  }
  const memory = new Map<object, unknown>();
  const transfer = (options as { transfer?: unknown } | null | undefined)?.transfer;
  const moved: ArrayBuffer[] = [];
  if (transfer !== undefined && transfer !== null) {
    if (typeof (transfer as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw codedError("ERR_INVALID_ARG_TYPE", "Failed to execute 'structuredClone': Failed to convert value to 'object'", TypeError);
    }
    for (const item of transfer as Iterable<unknown>) {
      if (!(item instanceof ArrayBuffer)) throw new DOMException("Value not transferable", "DataCloneError");
      if (memory.has(item)) throw new DOMException("ArrayBuffer at index 1 is a duplicate of an earlier ArrayBuffer. Duplicate ArrayBuffers cannot be transferred.", "DataCloneError");
      memory.set(item, item.slice(0));
      moved.push(item);
    }
  }
  const result = cloneValue(value, memory);
  // Transferred buffers are detached in the sender, as after a real transfer.
  for (const buffer of moved) (buffer as unknown as { transfer?: () => ArrayBuffer }).transfer?.();
  return result;
}

// The bundle may rename the function (web-streams-polyfill reads the global of the same name).
Object.defineProperty(structuredClone, "name", { value: "structuredClone" });
