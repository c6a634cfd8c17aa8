/**
 * How Node 22 reports an uncaught exception on stderr: where it was thrown, the value, the
 * version. Errors print with util.inspect after a `file:line` block with a caret; other values
 * print after a blank line, primitives as strings with a hint about --trace-uncaught. Rejections
 * whose reason is not error-like are wrapped in an UnhandledPromiseRejection error first, and
 * Node points at its own source for those: the two internal locations below are Node 22's.
 */
import { inspect } from "node-inspect-extracted";
import { SOURCE_LOCATION, type SourceLocation } from "./errors.js";

const REJECTION_CODE = "ERR_UNHANDLED_REJECTION";
const WRAPPER_LOCATION = "node:internal/process/promises:392\n      new UnhandledPromiseRejection(reason);\n      ^\n";
const TRIGGER_LOCATION = "node:internal/process/promises:394\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n";

/** V8's native-error test as near as the isolate can tell ([[ErrorData]] is not observable). */
export function isNativeError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
}

/** Node's `isErrorLike`: rejections with such a reason are thrown as they are. */
function isErrorLike(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, "stack");
}

/** What Node throws for a rejection: the reason itself, or an UnhandledPromiseRejection. */
export function rejectionError(reason: unknown): unknown {
  if (isErrorLike(reason)) return reason;
  const message =
    "This error originated either by throwing inside of an async function without a catch block, " +
    `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${noSideEffectsToString(reason)}".`;
  const error = new Error(message) as Error & { code: string };
  Object.defineProperty(error, "name", { value: "UnhandledPromiseRejection", writable: true, configurable: true, enumerable: false });
  error.code = REJECTION_CODE;
  error.stack = `UnhandledPromiseRejection: ${message}`;
  return error;
}

export function formatUncaught(error: unknown, sources: Map<string, string>, version: string, fromPromise = false): string {
  const footer = `\n\nNode.js ${version}\n`;
  if (fromPromise && isNativeError(error) && (error as { code?: unknown }).code === REJECTION_CODE && error.name === "UnhandledPromiseRejection") {
    return `${WRAPPER_LOCATION}\n${String(error.stack)} {\n  code: '${REJECTION_CODE}'\n}${footer}`;
  }
  if (isNativeError(error)) {
    const location = locationBlock(error, sources, fromPromise);
    // What the V8 host met compiling or linking prints as Node prints its loader's errors.
    const text = SOURCE_LOCATION in error && typeof error.stack === "string" ? error.stack : inspect(error);
    return `${location ? `${location}\n` : ""}${text}${footer}`;
  }
  // The sandbox cannot see where a value that is not an error was thrown; Node prints it here.
  const location = fromPromise ? TRIGGER_LOCATION : "";
  if ((typeof error === "object" && error !== null) || typeof error === "function") return `\n${location}${inspect(error)}${footer}`;
  const text = typeof error === "symbol" ? "" : String(error);
  return `\n${location}${text}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)${footer}`;
}

/**
 * `file:line`, the source line and a caret, from the first stack frame. A thrown error points at
 * the `throw` that threw it (when it was made on that line); a rejection at where it was made.
 */
function locationBlock(error: Error, sources: Map<string, string>, exact: boolean): string {
  let stack = "";
  try {
    stack = typeof error.stack === "string" ? error.stack : "";
  } catch {
    return "";
  }
  // A syntax error V8 reported with its position (it has no stack frame in the module).
  const known = (error as { [SOURCE_LOCATION]?: SourceLocation | null })[SOURCE_LOCATION];
  const frame = known ? [stack, known.file, String(known.line), String(known.column)] : /\n\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?(?:\n|$)/.exec(stack);
  if (!frame) return "";
  if (known) exact = true;
  const [, file, lineText, columnText] = frame;
  // ES modules are named by file URL in stack traces and by path in the sources.
  const source = sources.get(file!) ?? (file!.startsWith("file://") ? sources.get(decodeURI(file!.slice(7))) : undefined);
  if (source === undefined) return "";
  const line = source.split("\n")[Number(lineText) - 1];
  if (line === undefined) return "";
  const column = Number(columnText) - 1;
  // The throw site is not observable: guess the `throw` before the error was made on that line,
  // or the one after it when the line made the error with `new`.
  let throwAt = exact ? -1 : line.lastIndexOf("throw", column);
  if (!exact && throwAt < 0 && line.startsWith("new ", column)) throwAt = line.indexOf("throw", column);
  const caret = throwAt >= 0 ? throwAt : column;
  return `${file}:${lineText}\n${line}\n${" ".repeat(Math.max(0, caret))}^\n`;
}

/**
 * V8's side-effect-free conversion of a value to text, which Node uses to name the reason of an
 * unhandled rejection: no getters or user toString methods run.
 */
export function noSideEffectsToString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Object.is(value, -0) ? "0" : String(value);
    case "symbol":
      return Symbol.prototype.toString.call(value);
    case "function":
      return Function.prototype.toString.call(value);
    case "object":
      break;
    default:
      return String(value);
  }
  if (value === null) return "null";
  const toString = dataProperty(value, "toString");
  if (isNativeError(value) || toString === Error.prototype.toString) {
    const name = dataProperty(value, "name");
    const message = dataProperty(value, "message");
    const n = typeof name === "string" ? name : "Error";
    const m = typeof message === "string" ? message : "";
    return n && m ? `${n}: ${m}` : n || m;
  }
  if (toString === Object.prototype.toString) {
    const constructor = dataProperty(value, "constructor");
    const name = typeof constructor === "function" ? dataProperty(constructor, "name") : undefined;
    if (typeof name === "string" && name !== "") return `#<${name}>`;
  }
  const tag = dataProperty(value, Symbol.toStringTag);
  return `[object ${typeof tag === "string" ? tag : builtinTag(value)}]`;
}

/** A property's value found along the prototype chain without calling a getter. */
function dataProperty(target: object, key: PropertyKey): unknown {
  for (let object: object | null = target; object !== null; object = Object.getPrototypeOf(object)) {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (descriptor) return "value" in descriptor ? descriptor.value : undefined;
  }
  return undefined;
}

function builtinTag(value: object): string {
  if (Array.isArray(value)) return "Array";
  for (const [Type, tag] of [[Date, "Date"], [RegExp, "RegExp"], [Boolean, "Boolean"], [String, "String"], [Number, "Number"]] as const) {
    if (value instanceof Type) return tag;
  }
  return "Object";
}
