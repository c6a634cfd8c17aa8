/** `assert` and `assert/strict`, with Node's AssertionError (code ERR_ASSERTION) and messages. */
import { inspect } from "node-inspect-extracted";
import { codedError, invalidArgType } from "../errors.js";
import { isDeepLooseEqual, isDeepStrictEqual } from "./deep-equal.js";

interface AssertionErrorOptions {
  message?: string | Error;
  actual?: unknown;
  expected?: unknown;
  operator?: string;
  stackStartFn?: unknown;
  stackStartFunction?: unknown;
  diff?: string;
}

const show = (value: unknown) => inspect(value, { compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, sorted: true, getters: true });
const showShort = (value: unknown) => inspect(value);

/** A line diff of two inspected values, as `+ actual - expected`. */
function diff(actual: string, expected: string): string {
  const a = actual.split("\n");
  const b = expected.split("\n");
  // The table is quadratic: very long values are shown whole rather than diffed.
  if (a.length * b.length > 4_000_000) return [...a.map((line) => `+ ${line}`), ...b.map((line) => `- ${line}`)].join("\n");
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i++]}`);
      j++;
    } else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      out.push(`+ ${a[i++]}`);
    } else {
      out.push(`- ${b[j++]}`);
    }
  }
  return out.join("\n");
}

const HEADERS: Record<string, string> = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  partialDeepStrictEqual: "Expected values to be partially and strictly deep-equal:",
};

function generatedMessage(actual: unknown, expected: unknown, operator: string | undefined): string {
  switch (operator) {
    case "deepStrictEqual":
    case "strictEqual": {
      const a = show(actual);
      const b = show(expected);
      const header = HEADERS[operator]!;
      const simple = (typeof actual !== "object" || actual === null) && (typeof expected !== "object" || expected === null);
      if (!a.includes("\n") && !b.includes("\n") && (simple || operator === "strictEqual" || a === b)) {
        if (a === b) return `Values have same structure but are not reference-equal:\n\n${a}\n`;
        return `${header}\n\n${a} !== ${b}\n`;
      }
      if (a === b) return `Values have same structure but are not reference-equal:\n\n${a}\n`;
      return `${header}\n+ actual - expected\n\n${diff(a, b)}\n`;
    }
    case "notDeepStrictEqual":
    case "notStrictEqual": {
      const a = show(actual);
      const what = operator === "notStrictEqual" ? "strictly unequal to" : "not to be strictly deep-equal to";
      if (operator === "notStrictEqual" && (typeof actual !== "object" || actual === null)) return `Expected "actual" to be strictly unequal to: ${a}`;
      if (operator === "notDeepStrictEqual") return a.includes("\n") ? `Expected "actual" ${what}:\n\n${a}\n` : `Expected "actual" ${what}: ${a}`;
      return a.includes("\n") ? `Expected "actual" not to be reference-equal to "expected":\n\n${a}\n` : `Expected "actual" ${operator === "notStrictEqual" ? "to be strictly unequal to" : what}: ${a}`;
    }
    case "deepEqual":
      return `Expected values to be loosely deep-equal:\n\n${show(actual)}\n\nshould loosely deep-equal\n\n${show(expected)}`;
    case "notDeepEqual":
      return `Expected "actual" not to be loosely deep-equal to:\n\n${show(expected)}`;
    default:
      return `${showShort(actual)} ${operator} ${showShort(expected)}`;
  }
}

export class AssertionError extends Error {
  generatedMessage!: boolean;
  code!: "ERR_ASSERTION";
  actual: unknown;
  expected: unknown;
  operator: string | undefined;
  diff: string;

  constructor(options: AssertionErrorOptions) {
    if (typeof options !== "object" || options === null) throw invalidArgType("options", "of type object", options);
    const { message, actual, expected, operator, stackStartFn, stackStartFunction } = options;
    let text = message !== undefined ? String(message) : generatedMessage(actual, expected, operator);
    // A custom message for a strict comparison keeps the comparison below it.
    if (message !== undefined && (operator === "strictEqual" || operator === "deepStrictEqual")) {
      const generated = generatedMessage(actual, expected, operator);
      text += generated.slice(generated.indexOf("\n"));
    }
    super(text);
    Object.defineProperty(this, "name", { value: "AssertionError [ERR_ASSERTION]", writable: true, enumerable: false, configurable: true });
    const start = stackStartFn ?? stackStartFunction;
    if (typeof start === "function") Error.captureStackTrace?.(this, start);
    // Read the stack now, while the name carries the code, as Node does.
    void this.stack;
    delete (this as { name?: string }).name;
    this.generatedMessage = message === undefined;
    Object.defineProperty(this, "code", { value: "ERR_ASSERTION", writable: true, enumerable: true, configurable: true });
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.diff = options.diff ?? "simple";
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}
Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, enumerable: false, configurable: true });

type Fn = (...args: unknown[]) => unknown;

function innerFail(options: AssertionErrorOptions): never {
  if (options.message instanceof Error) throw options.message;
  throw new AssertionError(options);
}

/** Reads sandbox files (the source of a failed `assert.ok` call), or undefined when unreadable. */
let readSource: (path: string) => string | undefined = () => undefined;

/** The end (exclusive) of the parenthesized arguments opening at `open`, skipping strings and comments. */
function matchParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (--depth === 0) return i + 1;
    } else if (c === '"' || c === "'" || c === "`") {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === "\\") i++;
    } else if (c === "/" && code[i + 1] === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end === -1 ? code.length : end + 1;
    }
  }
  return -1;
}

/** As Node words a falsy `assert.ok`: the call's source text, read from the caller's file. */
function falsyMessage(fn: Fn): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace?.(holder, fn);
  Error.stackTraceLimit = limit;
  const frame = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/.exec(holder.stack?.split("\n")[1] ?? "");
  if (!frame) return undefined;
  const source = readSource(frame[1]!.replace(/^file:\/\//, ""));
  if (source === undefined) return undefined;
  const lines = source.split("\n");
  const line = Number(frame[2]) - 1;
  const column = Number(frame[3]) - 1;
  if (line >= lines.length) return undefined;
  // Node quotes the call when it ends on its first line, else that line from the call on.
  const code = lines[line]!.replace(/\r$/, "");
  let start = column;
  while (start > 0 && /[\w$.]/.test(code[start - 1]!)) start--;
  const open = code.indexOf("(", column);
  const end = open === -1 ? -1 : matchParen(code, open);
  const text = end === -1 ? code.slice(start) : code.slice(start, end);
  return `The expression evaluated to a falsy value:\n\n  ${text}\n`;
}

function innerOk(fn: Fn, argLen: number, value: unknown, message: unknown): void {
  if (value) return;
  let generated = false;
  let text: unknown = message;
  if (argLen === 0) {
    generated = true;
    text = "No value argument passed to `assert.ok()`";
  } else if (message === undefined || message === null) {
    generated = true;
    text = falsyMessage(fn);
  }
  if (text instanceof Error) throw text;
  const error = new AssertionError({ actual: value, expected: true, message: text as string, operator: "==", stackStartFn: fn });
  error.generatedMessage = generated;
  throw error;
}

function errorMessageOf(error: unknown): string {
  return error instanceof Error || (typeof error === "object" && error !== null && "message" in error) ? String((error as Error).message) : show(error);
}

const NO_EXCEPTION = Symbol("no exception");

/** The objects an error is compared through (Node prints their class name in the diff). */
class Comparison {
  [key: string]: unknown;
}

function getActual(fn: unknown): unknown {
  if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
  try {
    fn();
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

async function waitActual(promiseFn: unknown): Promise<unknown> {
  let promise: unknown;
  if (typeof promiseFn === "function") {
    promise = promiseFn();
    if (!(promise && typeof (promise as Promise<unknown>).then === "function")) {
      throw codedError("ERR_INVALID_RETURN_VALUE", `Expected instance of Promise to be returned from the "promiseFn" function but got ${describeType(promise)}.`, TypeError);
    }
  } else if (promiseFn && typeof (promiseFn as Promise<unknown>).then === "function") {
    promise = promiseFn;
  } else {
    throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseFn);
  }
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `instance of ${(value as object).constructor?.name ?? "Object"}`;
  return `type ${typeof value}`;
}

function expectedException(actual: unknown, expected: unknown, message: unknown, fn: Fn): void {
  let generated = false;
  let throwError = false;
  let text = message as string | undefined;
  if (typeof expected !== "function") {
    if (expected instanceof RegExp) {
      const string = String(actual);
      if (expected.test(string)) return;
      if (text === undefined) {
        generated = true;
        text = `The input did not match the regular expression ${showShort(expected)}. Input:\n\n${showShort(string)}\n`;
      }
      throwError = true;
    } else if (typeof actual !== "object" || actual === null) {
      const error = new AssertionError({ actual, expected, message: text, operator: "deepStrictEqual", stackStartFn: fn });
      error.operator = fn.name;
      throw error;
    } else {
      const keys = Object.keys(expected as object);
      if (expected instanceof Error) keys.push("name", "message");
      else if (keys.length === 0) throw codedError("ERR_INVALID_ARG_VALUE", `The argument 'error' may not be an empty object. Received {}`, TypeError);
      for (const key of keys) {
        const want = (expected as Record<string, unknown>)[key];
        const got = (actual as Record<string, unknown>)[key];
        if (typeof got === "string" && want instanceof RegExp && want.test(got)) continue;
        if (!(key in (actual as object)) || !isDeepStrictEqual(got, want)) {
          const a = new Comparison();
          const b = new Comparison();
          for (const k of keys) {
            if (k in (actual as object)) a[k] = (actual as Record<string, unknown>)[k];
            b[k] = (expected as Record<string, unknown>)[k];
          }
          const error = new AssertionError({ actual: a, expected: b, message: text, operator: "deepStrictEqual", stackStartFn: fn });
          error.actual = actual;
          error.expected = expected;
          error.operator = fn.name;
          throw error;
        }
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof (expected as new () => unknown)) {
    return;
  } else if (Error.isPrototypeOf(expected)) {
    if (text === undefined) {
      generated = true;
      const name = (expected as { name: string }).name;
      text = `The error is expected to be an instance of "${name}". Received `;
      if (actual instanceof Error) text += `"${actual.constructor?.name ?? actual.name}"`;
      else text += `"${showShort(actual)}"`;
      if (actual instanceof Error) text += `\n\nError message:\n\n${actual.message}`;
    }
    throwError = true;
  } else {
    const result = (expected as Fn).call({}, actual);
    if (result !== true) {
      if (text === undefined) {
        generated = true;
        const name = (expected as Fn).name ? `"${(expected as Fn).name}" ` : "";
        text = `The ${name}validation function is expected to return "true". Received ${showShort(result)}`;
        if (actual instanceof Error) text += `\n\nCaught error:\n\n${actual}`;
      }
      throwError = true;
    }
  }
  if (throwError) {
    const error = new AssertionError({ actual, expected, message: text, operator: fn.name, stackStartFn: fn });
    error.generatedMessage = generated;
    throw error;
  }
}

function expectsError(fn: Fn, actual: unknown, error: unknown, message: unknown): void {
  if (typeof error === "string") {
    if (message !== undefined) throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
    if (typeof actual === "object" && actual !== null && (actual as Error).message === error) {
      throw codedError("ERR_AMBIGUOUS_ARGUMENT", `The "error/message" argument is ambiguous. The error message "${error}" is identical to the message.`, TypeError);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== "object" && typeof error !== "function") {
    throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
  }
  if (actual === NO_EXCEPTION) {
    let details = "";
    if (error && (error as { name?: string }).name) details += ` (${(error as { name: string }).name})`;
    details += message ? `: ${message}` : ".";
    const kind = fn.name === "rejects" ? "rejection" : "exception";
    const failure = new AssertionError({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${kind}${details}`, stackStartFn: fn });
    failure.generatedMessage = false;
    throw failure;
  }
  if (!error) return;
  expectedException(actual, error, message, fn);
}

function expectsNoError(fn: Fn, actual: unknown, error: unknown, message: unknown): void {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === "string") {
    message = error;
    error = undefined;
  }
  if (!error || (typeof error === "function" && error.prototype !== undefined && actual instanceof (error as new () => unknown)) || (error instanceof RegExp && error.test(String(actual)))) {
    const details = message ? `: ${message}` : ".";
    const kind = fn.name === "doesNotReject" ? "rejection" : "exception";
    throw new AssertionError({
      actual,
      expected: error,
      operator: fn.name,
      message: `Got unwanted ${kind}${details}\nActual message: "${errorMessageOf(actual)}"`,
      stackStartFn: fn,
    });
  }
  throw actual;
}

function createAssert(strict: boolean): Record<string, unknown> {
  function ok(...args: unknown[]): void {
    innerOk(ok as Fn, args.length, args[0], args[1]);
  }
  const assert = strict
    ? function strictAssert(...args: unknown[]): void {
        innerOk(strictAssert as Fn, args.length, args[0], args[1]);
      }
    : function assert(...args: unknown[]): void {
        innerOk(assert as Fn, args.length, args[0], args[1]);
      };

  function equal(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    // eslint-disable-next-line eqeqeq
    if (actual != expected && !(Number.isNaN(actual) && Number.isNaN(expected))) {
      innerFail({ actual, expected, message: message as string, operator: "==", stackStartFn: equal });
    }
  }
  function notEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    // eslint-disable-next-line eqeqeq
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
      innerFail({ actual, expected, message: message as string, operator: "!=", stackStartFn: notEqual });
    }
  }
  function strictEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "strictEqual", stackStartFn: strictEqual });
  }
  function notStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (Object.is(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "notStrictEqual", stackStartFn: notStrictEqual });
  }
  function deepEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (!isDeepLooseEqual(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "deepEqual", stackStartFn: deepEqual });
  }
  function notDeepEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (isDeepLooseEqual(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "notDeepEqual", stackStartFn: notDeepEqual });
  }
  function deepStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "deepStrictEqual", stackStartFn: deepStrictEqual });
  }
  function notDeepStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
    if (arguments.length < 2) throw codedError("ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified', TypeError);
    if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message: message as string, operator: "notDeepStrictEqual", stackStartFn: notDeepStrictEqual });
  }
  function throws(fn: unknown, error?: unknown, message?: unknown): void {
    expectsError(throws as Fn, getActual(fn), error, message);
  }
  async function rejects(promiseFn: unknown, error?: unknown, message?: unknown): Promise<void> {
    expectsError(rejects as Fn, await waitActual(promiseFn), error, message);
  }
  function doesNotThrow(fn: unknown, error?: unknown, message?: unknown): void {
    expectsNoError(doesNotThrow as Fn, getActual(fn), error, message);
  }
  async function doesNotReject(promiseFn: unknown, error?: unknown, message?: unknown): Promise<void> {
    expectsNoError(doesNotReject as Fn, await waitActual(promiseFn), error, message);
  }
  function matcher(fn: Fn, string: unknown, regexp: unknown, message: unknown, match: boolean): void {
    if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
    if (typeof string !== "string" || regexp.test(string) !== match) {
      if (message instanceof Error) throw message;
      const generated = !message;
      const text =
        (message as string) ||
        (typeof string !== "string"
          ? `The "string" argument must be of type string. Received type ${typeof string} (${showShort(string)})`
          : (match ? `The input did not match the regular expression ${showShort(regexp)}. Input:\n\n${showShort(string)}\n` : `The input was expected to not match the regular expression ${showShort(regexp)}. Input:\n\n${showShort(string)}\n`));
      const error = new AssertionError({ actual: string, expected: regexp, message: text, operator: fn.name, stackStartFn: fn });
      error.generatedMessage = generated;
      throw error;
    }
  }
  function match(string: unknown, regexp: unknown, message?: unknown): void {
    matcher(match as Fn, string, regexp, message, true);
  }
  function doesNotMatch(string: unknown, regexp: unknown, message?: unknown): void {
    matcher(doesNotMatch as Fn, string, regexp, message, false);
  }
  function fail(...args: unknown[]): never {
    let [actual, expected, message, operator] = args;
    if (args.length === 0) message = "Failed";
    else if (args.length === 1) {
      message = actual;
      actual = undefined;
    } else if (args.length === 2) operator = "!=";
    if (message instanceof Error) throw message;
    const options: AssertionErrorOptions = { actual, expected, operator: operator === undefined ? "fail" : String(operator), stackStartFn: fail };
    if (message !== undefined) options.message = message as string;
    const error = new AssertionError(options);
    if (args.length < 2) error.generatedMessage = args.length === 0;
    throw error;
  }
  function ifError(err: unknown): void {
    if (err === null || err === undefined) return;
    let message = "ifError got unwanted exception: ";
    if (typeof err === "object" && typeof (err as Error).message === "string") {
      if ((err as Error).message.length === 0 && (err as Error).constructor) message += (err as Error).constructor.name;
      else message += (err as Error).message;
    } else {
      message += showShort(err);
    }
    const error = new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
    error.generatedMessage = false;
    throw error;
  }

  const members: Record<string, unknown> = {
    ok,
    equal: strict ? strictEqual : equal,
    notEqual: strict ? notStrictEqual : notEqual,
    strictEqual,
    notStrictEqual,
    deepEqual: strict ? deepStrictEqual : deepEqual,
    notDeepEqual: strict ? notDeepStrictEqual : notDeepEqual,
    deepStrictEqual,
    notDeepStrictEqual,
    throws,
    doesNotThrow,
    rejects,
    doesNotReject,
    match,
    doesNotMatch,
    fail,
    ifError,
    AssertionError,
  };
  return Object.assign(assert, members) as unknown as Record<string, unknown>;
}

export function createAssertModule(read?: (path: string) => string | undefined): Record<string, unknown> {
  if (read) readSource = read;
  const assert = createAssert(false);
  const strict = createAssert(true);
  assert.strict = strict;
  strict.strict = strict;
  return assert;
}
