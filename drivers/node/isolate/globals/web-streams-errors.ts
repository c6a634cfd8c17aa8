/**
 * The errors web-streams-polyfill makes, worded and coded as Node's web streams word them.
 *
 * The polyfill words its errors after the spec ("This stream has already been locked for
 * exclusive reading by another reader"); Node throws `TypeError [ERR_INVALID_STATE]: Invalid
 * state: ReadableStream is locked`. The bundle hands the polyfill these two functions in place of
 * the global `TypeError` and `RangeError` (see scripts/build.mjs), so every error it creates, thrown
 * or kept as a stream's stored error, is Node's from the start. A message with no rule here stays
 * as the polyfill wrote it.
 */
import { codedError } from "../errors.js";

type Wording = string | ((...groups: string[]) => string);

const STATE = "ERR_INVALID_STATE";

/** Polyfill message -> Node's code and message (ERR_INVALID_STATE messages without their prefix). */
const RULES: [RegExp, string, Wording][] = [
  [/^This stream has already been locked for exclusive reading by another reader$|^Cannot cancel a stream that already has a reader$/, STATE, "ReadableStream is locked"],
  [/^ReadableStream\.prototype\.pipe(?:To|Through) cannot be used on a locked (Readable|Writable)Stream$/, STATE, (kind) => `The ${kind}Stream is locked`],
  [/^The stream is not in a state that permits (?:enqueue|close)$/, STATE, "Controller is already closed"],
  [/^The stream \(in \w+ state\) is not in the readable state and cannot be (?:enqueued to|closed)$/, STATE, "ReadableStream is already closed"],
  [/^This stream has already been locked for exclusive writing by another writer$|^Cannot (?:abort|close) a stream that already has a writer$/, STATE, "WritableStream is locked"],
  [/^Cannot [\w ]+ a stream using a released writer$/, STATE, "Writer is not bound to a WritableStream"],
  [/^Cannot [\w ]+ a stream using a released reader$/, STATE, "The reader is not attached to a stream"],
  [/^Reader was released and can no longer be used to monitor the stream's closedness$/, STATE, "Reader released"],
  [/^Reader was released$/, STATE, "Releasing reader"],
  [/^Writer was released and can no longer be used to monitor the stream's closedness$/, STATE, "Writer has been released"],
  [/^Cannot close an already-closing stream$/, STATE, "Failure to close WritableStream"],
  [/^The stream is closing or closed and cannot be written to$/, STATE, "WritableStream is closed"],
  [/^TransformStream terminated$/, STATE, "TransformStream has been terminated"],
  [/^Readable side is not in a state that permits enqueue$/, STATE, "Unable to enqueue"],
  [/^the destination writable stream closed before all data could be piped to it$/, STATE, "Destination WritableStream is closed"],
  [/^chunk(?:'s buffer)? must have non-zero byteLength$|^chunk's buffer is detached/, STATE, "chunk ArrayBuffer is zero-length or detached"],
  [/^view(?:'s buffer)? must have non-zero byteLength$|^view's buffer has been detached$/, STATE, "View or Viewed ArrayBuffer is zero-length or detached"],
  [/^(\w+)\.prototype\.\S+ can only be used on a \w+$/, "ERR_INVALID_THIS", (name) => `Value of "this" must be of type ${name}`],
  [/^Illegal constructor$/, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor"],
];

function nodeError(Base: ErrorConstructor, message: string): Error {
  for (const [pattern, code, wording] of RULES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const text = typeof wording === "string" ? wording : wording(...match.slice(1));
    return codedError(code, code === STATE ? `Invalid state: ${text}` : text, Base);
  }
  return new Base(message);
}

/** Stands in for `TypeError` inside the polyfill (it only ever calls `new TypeError(message)`). */
export const TypeError = function TypeError(message: string) {
  return nodeError(globalThis.TypeError, message);
} as unknown as ErrorConstructor;

/** Stands in for `RangeError` inside the polyfill. */
export const RangeError = function RangeError(message: string) {
  return nodeError(globalThis.RangeError, message);
} as unknown as ErrorConstructor;
