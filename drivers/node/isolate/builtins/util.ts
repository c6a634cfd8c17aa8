/** `util`: Node's inspect and format, promisify, inherits, deprecate and friends. */
import { format, formatWithOptions, inspect } from "node-inspect-extracted";
import type { BuiltinContext } from "./index.js";
import { codedError, describeReceived, invalidArgType, outOfRange } from "../errors.js";
import { isDeepStrictEqual } from "./deep-equal.js";
import { createTimersPromises } from "./timers-promises.js";
import { MIMEParams, MIMEType } from "./mime.js";
import { parseEnvText } from "./parse-env.js";
import { systemErrorMap } from "./system-errors.js";
import { library } from "../lazy.js";
import { callSites } from "../stack.js";

const kCustomPromisify = Symbol.for("nodejs.util.promisify.custom");

type Process = {
  env: Record<string, string | undefined>;
  pid: number;
  argv: string[];
  noDeprecation?: boolean;
  nextTick(fn: (...args: unknown[]) => void, ...args: unknown[]): void;
  emitWarning(message: string, type?: string, code?: string, ctor?: unknown): void;
  stdout?: { isTTY?: boolean };
  stderr: { write(text: string): unknown };
};

const tag = (value: unknown) => Object.prototype.toString.call(value);
function brand(method: (this: unknown) => unknown) {
  return (value: unknown) => {
    if (typeof value !== "object" || value === null) return false;
    try {
      method.call(value);
      return true;
    } catch {
      return false;
    }
  };
}
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get!;
const typedArrayIs = (name: string) => (value: unknown) => ArrayBuffer.isView(value) && typedArrayTag.call(value) === name;
const byteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")!.get!;
const sabByteLength = typeof SharedArrayBufferCtor() === "function" ? Object.getOwnPropertyDescriptor(SharedArrayBufferCtor()!.prototype, "byteLength")!.get! : undefined;
function SharedArrayBufferCtor(): { prototype: object } | undefined {
  return (globalThis as Record<string, unknown>).SharedArrayBuffer as { prototype: object } | undefined;
}
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
const mapIteratorProto = Object.getPrototypeOf(new Map().entries());
const setIteratorProto = Object.getPrototypeOf(new Set().values());

const isArrayBuffer = brand(function (this: unknown) { byteLength.call(this); });
const isSharedArrayBuffer = sabByteLength ? brand(function (this: unknown) { sabByteLength.call(this); }) : () => false;
const isNumberObject = brand(function (this: unknown) { Number.prototype.valueOf.call(this); });
const isStringObject = brand(function (this: unknown) { String.prototype.valueOf.call(this); });
const isBooleanObject = brand(function (this: unknown) { Boolean.prototype.valueOf.call(this); });
const isBigIntObject = brand(function (this: unknown) { BigInt.prototype.valueOf.call(this); });
const isSymbolObject = brand(function (this: unknown) { Symbol.prototype.valueOf.call(this); });

export const types: Record<string, (value: unknown) => boolean> = {
  isAnyArrayBuffer: (v) => isArrayBuffer(v) || isSharedArrayBuffer(v),
  isArrayBuffer,
  isSharedArrayBuffer,
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isArgumentsObject: (v) => tag(v) === "[object Arguments]",
  isAsyncFunction: (v) => typeof v === "function" && (v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorFunction: (v) => typeof v === "function" && (v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorObject: (v) => tag(v) === "[object Generator]" || tag(v) === "[object AsyncGenerator]",
  isBoxedPrimitive: (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v),
  isNumberObject,
  isStringObject,
  isBooleanObject,
  isBigIntObject,
  isSymbolObject,
  isDataView: brand(function (this: unknown) { Object.getOwnPropertyDescriptor(DataView.prototype, "byteLength")!.get!.call(this); }),
  isDate: brand(function (this: unknown) { Date.prototype.getTime.call(this); }),
  isMap: brand(function (this: unknown) { Map.prototype.has.call(this, undefined); }),
  isSet: brand(function (this: unknown) { Set.prototype.has.call(this, undefined); }),
  isWeakMap: brand(function (this: unknown) { WeakMap.prototype.has.call(this, {}); }),
  isWeakSet: brand(function (this: unknown) { WeakSet.prototype.has.call(this, {}); }),
  isMapIterator: (v) => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === mapIteratorProto,
  isSetIterator: (v) => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === setIteratorProto,
  isPromise: brand(function (this: unknown) { Promise.prototype.then.call(this, undefined, undefined); }),
  isRegExp: brand(function (this: unknown) { Object.getOwnPropertyDescriptor(RegExp.prototype, "source")!.get!.call(this); }),
  isNativeError: (v) => typeof v === "object" && v !== null && (tag(v) === "[object Error]" && v instanceof Error),
  isModuleNamespaceObject: (v) => typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[Symbol.toStringTag] === "Module" && Object.getPrototypeOf(v) === null,
  // Not observable from JavaScript: proxies look like their targets.
  isProxy: () => false,
  isExternal: () => false,
  isTypedArray: (v) => ArrayBuffer.isView(v) && typedArrayTag.call(v) !== undefined,
  isUint8Array: typedArrayIs("Uint8Array"),
  isUint8ClampedArray: typedArrayIs("Uint8ClampedArray"),
  isUint16Array: typedArrayIs("Uint16Array"),
  isUint32Array: typedArrayIs("Uint32Array"),
  isInt8Array: typedArrayIs("Int8Array"),
  isInt16Array: typedArrayIs("Int16Array"),
  isInt32Array: typedArrayIs("Int32Array"),
  isFloat32Array: typedArrayIs("Float32Array"),
  isFloat64Array: typedArrayIs("Float64Array"),
  isFloat16Array: typedArrayIs("Float16Array"),
  isBigInt64Array: typedArrayIs("BigInt64Array"),
  isBigUint64Array: typedArrayIs("BigUint64Array"),
  isKeyObject: () => false,
  isCryptoKey: () => false,
};

const ANSI = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?(?:\u0007|\u001B\u005C|\u009C))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g;

export function stripVTControlCharacters(text: string): string {
  if (typeof text !== "string") throw invalidArgType("str", "of type string", text);
  return text.replace(ANSI, "");
}

/** The `Received ...` tail of Node's argument errors. */
function describe(value: unknown): string {
  return `Received ${describeReceived(value)}`;
}

/** The libuv error number checks of getSystemErrorName/Message. */
function systemError(err: unknown): [string, string] | undefined {
  if (typeof err !== "number") throw invalidArgType("err", "of type number", err);
  if (err >= 0 || !Number.isSafeInteger(err)) {
    throw outOfRange("err", "a negative integer", err);
  }
  return systemErrorMap().get(err);
}

/** Node's `util._errnoException`: `syscall CODE[ original]`, with errno, code and syscall. */
function errnoException(err: number, syscall: string, original?: string): Error {
  const code = systemErrorMap().get(err)?.[0] ?? `Unknown system error ${err}`;
  const error = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`) as Error & Record<string, unknown>;
  Object.assign(error, { errno: err, code, syscall });
  return error;
}

/** Node's `util._exceptionWithHostPort`: an errno exception that names the address and port. */
function exceptionWithHostPort(err: number, syscall: string, address: string, port?: number, additional?: string): Error {
  const code = systemErrorMap().get(err)?.[0] ?? `Unknown system error ${err}`;
  let details = port && port > 0 ? `${address}:${port}` : address;
  if (additional) details += ` - Local (${additional})`;
  const error = new Error(`${syscall} ${code} ${details}`) as Error & Record<string, unknown>;
  Object.assign(error, { errno: err, code, syscall, address });
  if (port) error.port = port;
  return error;
}

/** A string, or an array of strings (each checked, named `name[i]`). */
function validateDiffSide(value: unknown, name: string): string[] {
  if (typeof value === "string") return [...value];
  if (!Array.isArray(value)) throw invalidArgType(name, "of type string", value);
  value.forEach((item, i) => {
    if (typeof item !== "string") throw invalidArgType(`${name}[${i}]`, "of type string", item);
  });
  return value as string[];
}

/** util.diff: a Myers diff of two strings (by character) or arrays of lines; 1 marks what only `actual` has, -1 what only `expected` has. */
function diff(actual: unknown, expected: unknown): Array<[number, string]> {
  if (actual === expected) return [];
  const from = validateDiffSide(actual, "actual");
  const to = validateDiffSide(expected, "expected");
  const out: Array<[number, string]> = [];
  for (const part of library("diff").diffArrays(from, to)) for (const value of part.value) out.push([part.added ? -1 : part.removed ? 1 : 0, value]);
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** util.log's time stamp: `26 Feb 16:19:34`. */
function timestamp(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getDate()} ${MONTHS[now.getMonth()]} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

function validateFunction(value: unknown, name: string): asserts value is (...args: unknown[]) => unknown {
  if (typeof value !== "function") throw invalidArgType(name, "of type function", value);
}

interface ParseArgsOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  default?: unknown;
}
type Token =
  | { kind: "option"; name: string; rawName: string; index: number; value: string | undefined; inlineValue: boolean | undefined }
  | { kind: "positional"; index: number; value: string }
  | { kind: "option-terminator"; index: number };

function parseArgs(process: Process, config: Record<string, unknown> = {}): unknown {
  if (typeof config !== "object" || config === null) throw invalidArgType("config", "of type object", config);
  const args = (config.args ?? process.argv.slice(2)) as string[];
  const strict = (config.strict ?? true) as boolean;
  const allowPositionals = (config.allowPositionals ?? !strict) as boolean;
  const returnTokens = (config.tokens ?? false) as boolean;
  const allowNegative = (config.allowNegative ?? false) as boolean;
  const options = (config.options ?? { __proto__: null }) as Record<string, ParseArgsOption>;
  if (!Array.isArray(args)) throw invalidArgType("args", "an instance of Array", args);
  for (const [name, value] of [["strict", strict], ["allowPositionals", allowPositionals], ["tokens", returnTokens], ["allowNegative", allowNegative]] as const) {
    if (typeof value !== "boolean") throw invalidArgType(name, "of type boolean", value);
  }
  if (typeof options !== "object" || options === null) throw invalidArgType("options", "of type object", options);
  const own = (name: string) => (Object.prototype.hasOwnProperty.call(options, name) ? options[name] : undefined);
  for (const [name, option] of Object.entries(options)) {
    if (typeof option !== "object" || option === null) throw invalidArgType(`options.${name}`, "of type object", option);
    if (option.type !== "string" && option.type !== "boolean") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "options.${name}.type" property must be ('string|boolean'). ${describe(option.type)}`, TypeError);
    }
    if ("short" in option) {
      if (typeof option.short !== "string") throw invalidArgType(`options.${name}.short`, "of type string", option.short);
      if (option.short.length !== 1) {
        throw codedError("ERR_INVALID_ARG_VALUE", `The property 'options.${name}.short' must be a single character. Received ${inspect(option.short)}`, TypeError);
      }
    }
    if ("multiple" in option && typeof option.multiple !== "boolean") throw invalidArgType(`options.${name}.multiple`, "of type boolean", option.multiple);
    if ("default" in option && option.default !== undefined) {
      const expected = option.type;
      const ok = option.multiple
        ? Array.isArray(option.default) && option.default.every((v) => typeof v === expected)
        : typeof option.default === expected;
      if (!ok) {
        const what = option.multiple ? `an instance of Array` : `of type ${expected}`;
        throw codedError("ERR_INVALID_ARG_TYPE", `The "options.${name}.default" property must be ${what}. ${describe(option.default)}`, TypeError);
      }
    }
  }
  const longForShort = (short: string) => {
    for (const [name, option] of Object.entries(options)) if (option.short === short) return name;
    return short;
  };
  const isOptionValue = (value: string | undefined) => value != null;
  const isOptionLike = (value: string | undefined) => value != null && value.length > 1 && value[0] === "-";

  const tokens: Token[] = [];
  const remaining = args.slice();
  let index = -1;
  let groupCount = 0;
  /** An option token; a string option takes the next argument as its value when it can. */
  const pushOption = (name: string, rawName: string, next: string | undefined, at: number): number => {
    let value: string | undefined;
    let inlineValue: boolean | undefined;
    if (own(name)?.type === "string" && isOptionValue(next)) {
      value = remaining.shift();
      inlineValue = false;
    }
    tokens.push({ kind: "option", name, rawName, index: at, value, inlineValue });
    return value != null ? at + 1 : at;
  };
  while (remaining.length > 0) {
    const arg = remaining.shift()!;
    const next = remaining[0];
    if (groupCount > 0) groupCount--;
    else index++;
    if (arg === "--") {
      tokens.push({ kind: "option-terminator", index });
      for (const rest of remaining) tokens.push({ kind: "positional", index: ++index, value: rest });
      break;
    }
    if (arg.length === 2 && arg[0] === "-" && arg[1] !== "-") {
      index = pushOption(longForShort(arg[1]!), arg, next, index);
      continue;
    }
    if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
      const first = longForShort(arg[1]!);
      if (own(first)?.type === "string") {
        tokens.push({ kind: "option", name: first, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
        continue;
      }
      const expanded: string[] = [];
      for (let i = 1; i < arg.length; i++) {
        const short = arg[i]!;
        if (own(longForShort(short))?.type !== "string" || i === arg.length - 1) expanded.push(`-${short}`);
        else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remaining.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (arg.length > 2 && arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq === -1) {
        index = pushOption(arg.slice(2), arg, next, index);
      } else {
        const name = arg.slice(2, eq);
        tokens.push({ kind: "option", name, rawName: `--${name}`, index, value: arg.slice(eq + 1), inlineValue: true });
      }
      continue;
    }
    tokens.push({ kind: "positional", index, value: arg });
  }

  const values: Record<string, unknown> = Object.create(null);
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option") {
      let name = token.name;
      if (strict) {
        if (!Object.prototype.hasOwnProperty.call(options, name)) {
          const base = name.slice(3);
          if (!(allowNegative && name.startsWith("no-") && own(base)?.type === "boolean")) {
            const hint = allowPositionals
              ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
              : "";
            throw codedError("ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${token.rawName}'${hint}`, TypeError);
          }
          name = base;
        }
        const option = options[name]!;
        const shortAndLong = `${option.short ? `-${option.short}, ` : ""}--${name}`;
        if (option.type === "string" && typeof token.value !== "string") {
          throw codedError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong} <value>' argument missing`, TypeError);
        }
        if (option.type === "boolean" && token.value != null) {
          throw codedError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong}' does not take an argument`, TypeError);
        }
        if (!token.inlineValue && isOptionLike(token.value)) {
          const long = token.rawName.startsWith("--");
          const example = long ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
          throw codedError(
            "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
            `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`,
            TypeError,
          );
        }
      }
      let store = token.name;
      let value: unknown = token.value ?? true;
      if (allowNegative && store.startsWith("no-") && own(store.slice(3))?.type === "boolean" && !own(store)) {
        store = store.slice(3);
        value = false;
      }
      if (store === "__proto__") continue;
      if (own(store)?.multiple) {
        if (values[store] === undefined) values[store] = [];
        (values[store] as unknown[]).push(value);
      } else {
        values[store] = value;
      }
    } else if (token.kind === "positional") {
      if (!allowPositionals) {
        throw codedError(
          "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
          `Unexpected argument '${token.value}'. This command does not take positional arguments`,
          TypeError,
        );
      }
      positionals.push(token.value);
    }
  }
  for (const [name, option] of Object.entries(options)) {
    if (option.default !== undefined && values[name] === undefined) values[name] = option.default;
  }
  const result: Record<string, unknown> = { values, positionals };
  if (returnTokens) result.tokens = tokens;
  return result;
}

export function createUtil(context: BuiltinContext): Record<string, unknown> {
  const { global } = context;
  const getProcess = () => global.process as Process;
  let timers: Record<string, unknown> | undefined;
  function promisify(original: unknown): unknown {
    validateFunction(original, "original");
    let custom = (original as unknown as Record<symbol, unknown>)[kCustomPromisify];
    // Node's setTimeout and setImmediate promisify to their timers/promises forms.
    if (custom === undefined && (original === global.setTimeout || original === global.setImmediate)) {
      timers ??= createTimersPromises(context);
      custom = original === global.setTimeout ? timers.setTimeout : timers.setImmediate;
    }
    if (custom !== undefined) {
      validateFunction(custom, "util.promisify.custom");
      return Object.defineProperty(custom, kCustomPromisify, { value: custom, enumerable: false, writable: false, configurable: true });
    }
    const fn = original;
    function promisified(this: unknown, ...args: unknown[]) {
      return new Promise((resolve, reject) => {
        fn.call(this, ...args, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)));
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(fn));
    Object.defineProperty(promisified, kCustomPromisify, { value: promisified, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(fn));
  }
  promisify.custom = kCustomPromisify;

  function callbackify(original: unknown): unknown {
    validateFunction(original, "original");
    function callbackified(this: unknown, ...args: unknown[]) {
      const callback = args.pop();
      if (typeof callback !== "function") {
        throw codedError("ERR_INVALID_ARG_TYPE", `The last argument must be of type function. ${describe(callback)}`, TypeError);
      }
      const bound = callback.bind(this);
      const process = getProcess();
      (original as (...a: unknown[]) => Promise<unknown>).apply(this, args).then(
        (value) => process.nextTick(bound, null, value),
        (reason) =>
          process.nextTick(() => {
            if (!reason) {
              const error = codedError("ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
              (error as Error & { reason?: unknown }).reason = reason;
              reason = error;
            }
            bound(reason);
          }),
      );
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length?.value === "number") descriptors.length.value++;
    if (typeof descriptors.name?.value === "string") descriptors.name.value += "Callbackified";
    delete (descriptors as Record<string, unknown>).prototype;
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  }

  const warnedCodes = new Set<string>();
  function deprecate<T extends (...args: unknown[]) => unknown>(fn: T, message: string, code?: string): T {
    if (code !== undefined && typeof code !== "string") throw invalidArgType("code", "of type string", code);
    let warned = false;
    function deprecated(this: unknown, ...args: unknown[]) {
      const process = getProcess();
      if (!warned && !process.noDeprecation) {
        warned = true;
        if (code === undefined || !warnedCodes.has(code)) {
          if (code !== undefined) warnedCodes.add(code);
          // Node passes the function as the stack's start; the sandbox's emitWarning takes no such argument.
          if (code === undefined) process.emitWarning(message, "DeprecationWarning");
          else process.emitWarning(message, "DeprecationWarning", code, deprecated);
        }
      }
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated as unknown as T;
  }

  function inherits(constructor: unknown, superConstructor: unknown) {
    if (constructor === undefined || constructor === null) throw invalidArgType("ctor", "of type function", constructor);
    if (superConstructor === undefined || superConstructor === null) throw invalidArgType("superCtor", "of type function", superConstructor);
    const sup = superConstructor as { prototype?: object };
    if (sup.prototype === undefined) {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "superCtor.prototype" property must be of type object. ${describe(sup.prototype)}`, TypeError);
    }
    Object.defineProperty(constructor, "super_", { value: superConstructor, writable: true, configurable: true });
    Object.setPrototypeOf((constructor as { prototype: object }).prototype, sup.prototype);
  }

  const debugs = new Map<string, boolean>();
  // Node reads NODE_DEBUG once, as the process starts: here, as util loads.
  const debugSpec = getProcess().env.NODE_DEBUG ?? "";
  function debuglog(section: string, callback?: (fn: unknown) => void) {
    const key = section.toUpperCase();
    const enabled = () => {
      let value = debugs.get(key);
      if (value === undefined) {
        const spec = debugSpec;
        value = spec
          .split(/[\s,]+/)
          .filter(Boolean)
          .some((pattern) => new RegExp(`^${pattern.replace(/[|\\{}()[\]^$+?.]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(key));
        debugs.set(key, value);
      }
      return value;
    };
    const logger = (...args: unknown[]) => {
      if (!enabled()) return;
      const process = getProcess();
      process.stderr.write(`${key} ${process.pid}: ${formatWithOptions({ colors: false }, ...args)}\n`);
    };
    Object.defineProperty(logger, "enabled", { get: enabled, enumerable: true, configurable: true });
    if (callback) callback(logger);
    return logger;
  }

  function styleText(formatArg: unknown, text: unknown, { validateStream = true, stream = getProcess().stdout } = {} as { validateStream?: boolean; stream?: { isTTY?: boolean } }) {
    if (typeof text !== "string") throw invalidArgType("text", "of type string", text);
    const colors = inspect.colors as unknown as Record<string, [number, number] | undefined>;
    const formats = Array.isArray(formatArg) ? formatArg : [formatArg];
    let left = "";
    let right = "";
    for (const key of formats) {
      if (key === "none") continue;
      const codes = typeof key === "string" ? colors[key] : undefined;
      if (!codes) {
        const allowed = Object.keys(colors).map((name) => `'${name}'`).join(", ");
        throw codedError("ERR_INVALID_ARG_VALUE", `The argument 'format' must be one of: ${allowed}. Received ${inspect(key)}`, TypeError);
      }
      left += `\u001b[${codes[0]}m`;
      right = `\u001b[${codes[1]}m${right}`;
    }
    if (validateStream) {
      const env = getProcess().env;
      const force = env.FORCE_COLOR;
      const useColor = force !== undefined ? force !== "0" && force !== "false" : !("NO_COLOR" in env) && !("NODE_DISABLE_COLORS" in env) && Boolean(stream?.isTTY) && env.TERM !== "dumb";
      if (!useColor) return text;
    }
    return `${left}${text}${right}`;
  }

  /** util.getCallSites([frameCount][, options]): the caller's frames, outermost last. */
  function getCallSites(frameCount?: unknown, options?: unknown): Array<Record<string, unknown>> {
    return collectCallSites(frameCount, options, getCallSites);
  }
  let warnedGetCallSite = false;
  /** The name util.getCallSites had first. */
  function getCallSite(frameCount?: unknown, options?: unknown): Array<Record<string, unknown>> {
    if (!warnedGetCallSite) {
      warnedGetCallSite = true;
      getProcess().emitWarning("The `util.getCallSite` API has been renamed to `util.getCallSites()`.", "ExperimentalWarning");
    }
    return collectCallSites(frameCount, options, getCallSite);
  }
  function collectCallSites(frameCount: unknown = 10, options: unknown, below: (...args: never[]) => unknown): Array<Record<string, unknown>> {
    if (options === undefined && typeof frameCount === "object" && frameCount !== null) {
      options = frameCount;
      frameCount = 10;
    }
    if (typeof frameCount !== "number") throw invalidArgType("frameCount", "of type number", frameCount);
    if (!(frameCount >= 1 && frameCount <= 200)) throw outOfRange("frameCount", ">= 1 && <= 200", frameCount);
    if (options !== undefined) {
      if (typeof options !== "object" || options === null) throw invalidArgType("options", "of type object", options);
      const { sourceMap } = options as { sourceMap?: unknown };
      if (sourceMap !== undefined && typeof sourceMap !== "boolean") {
        throw codedError("ERR_INVALID_ARG_TYPE", `The "options.sourceMap" property must be of type boolean. ${describe(sourceMap)}`, TypeError);
      }
    }
    return callSites(frameCount, below);
  }
  const isAbortSignal = (value: unknown) => typeof global.AbortSignal === "function" && value instanceof (global.AbortSignal as new () => unknown);
  function aborted(signal: unknown, resource: unknown): Promise<void> {
    if (!isAbortSignal(signal)) return Promise.reject(invalidArgType("signal", "an instance of AbortSignal", signal));
    if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
      return Promise.reject(invalidArgType("resource", "of type object", resource));
    }
    const target = signal as { aborted: boolean; addEventListener(type: string, fn: () => void, options?: unknown): void };
    return new Promise<void>((resolve) => (target.aborted ? resolve() : target.addEventListener("abort", () => resolve(), { once: true })));
  }
  const isPrimitive = (v: unknown) => v === null || (typeof v !== "object" && typeof v !== "function");
  return {
    inspect,
    format,
    formatWithOptions,
    promisify,
    callbackify,
    inherits,
    deprecate,
    debuglog,
    debug: debuglog,
    isDeepStrictEqual,
    parseArgs: (config?: Record<string, unknown>) => parseArgs(getProcess(), config),
    styleText,
    stripVTControlCharacters,
    toUSVString: (value: unknown) => String(value).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
    aborted,
    transferableAbortSignal(signal: unknown) {
      if (!isAbortSignal(signal)) throw invalidArgType("signal", "an instance of AbortSignal", signal);
      return signal;
    },
    transferableAbortController: () => new (global.AbortController as new () => unknown)(),
    getSystemErrorName: (err: unknown) => systemError(err)?.[0] ?? `Unknown system error ${err}`,
    getSystemErrorMessage: (err: unknown) => systemError(err)?.[1] ?? `Unknown system error ${err}`,
    getSystemErrorMap: () => new Map(systemErrorMap()),
    _errnoException: errnoException,
    _exceptionWithHostPort: exceptionWithHostPort,
    parseEnv(content: unknown) {
      if (typeof content !== "string") throw invalidArgType("content", "of type string", content);
      return parseEnvText(content);
    },
    MIMEType,
    MIMEParams,
    diff,
    getCallSites,
    getCallSite,
    // The sandbox gets no SIGINT from a terminal: there is nothing to trace.
    setTraceSigInt(_enable: unknown) {},
    isBuffer: deprecate(
      (value: unknown) => (global.Buffer as { isBuffer(v: unknown): boolean }).isBuffer(value),
      "The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` instead.",
      "DEP0046",
    ),
    _extend: deprecate(
      (target: unknown, source: unknown) => {
        if (source === null || typeof source !== "object") return target;
        for (const key of Object.keys(source)) (target as Record<string, unknown>)[key] = (source as Record<string, unknown>)[key];
        return target;
      },
      "The `util._extend` API is deprecated. Please use Object.assign() instead.",
      "DEP0060",
    ),
    log: deprecate(
      (...args: unknown[]) => {
        (global.console as { log(...args: unknown[]): void }).log("%s - %s", timestamp(), format(...(args as [unknown])));
      },
      "The `util.log API is deprecated. Please use console.log() with a custom formatter or a third-party logger instead.",
      "DEP0059",
    ),
    types,
    TextEncoder: global.TextEncoder,
    TextDecoder: global.TextDecoder,
    isArray: Array.isArray,
    isBoolean: (v: unknown) => typeof v === "boolean",
    isNull: (v: unknown) => v === null,
    isNullOrUndefined: (v: unknown) => v === null || v === undefined,
    isNumber: (v: unknown) => typeof v === "number",
    isString: (v: unknown) => typeof v === "string",
    isSymbol: (v: unknown) => typeof v === "symbol",
    isUndefined: (v: unknown) => v === undefined,
    isRegExp: types.isRegExp,
    isObject: (v: unknown) => v !== null && typeof v === "object",
    isDate: types.isDate,
    isError: (v: unknown) => v instanceof Error || types.isNativeError!(v),
    isFunction: (v: unknown) => typeof v === "function",
    isPrimitive,
  };
}
