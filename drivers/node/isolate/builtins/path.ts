/// <reference path="./node-path.d.ts" />
/**
 * `path`, `path/posix` and `path/win32`: the path logic is Node's own (lib/path.js, packaged as
 * @chainner/node-path), with Node's argument errors in front of it. `matchesGlob` matches with
 * minimatch and the options Node gives it. `path` is `path.posix`, as on Linux; `path.win32`
 * resolves relative paths against the sandbox's (POSIX) working directory, as Node on Linux does.
 */
import nodePath from "@chainner/node-path";
import { library } from "../lazy.js";
import { invalidArgType, validateObject } from "./fs-errors.js";

type Implementation = typeof nodePath.posix;

function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string") throw invalidArgType(name, "string", value);
}

/**
 * Node's path.js checks its arguments where Node does (resolve stops at the first absolute path
 * from the right, so what lies left of it is never checked) but throws plain TypeErrors naming
 * the argument: they become Node's ERR_INVALID_ARG_TYPE, naming the value received.
 */
function withNodeErrors<T>(run: () => T, args: unknown[]): T {
  try {
    return run();
  } catch (error) {
    const match = error instanceof TypeError ? /^Expected an? (string|object) for (.+)$/.exec(error.message) : null;
    if (!match) throw error;
    const [, type, name] = match as unknown as [string, string, string];
    const index = /^paths\[(\d+)\]$/.exec(name)?.[1];
    let value: unknown;
    if (index !== undefined) value = args[Number(index)];
    else if (name === "to" || name === "ext") value = args[1];
    else if (name === "path") value = args.find((arg) => typeof arg !== "string");
    else value = args[0];
    throw invalidArgType(name === "ext" ? "suffix" : name, type, value);
  }
}

/** Node's path.posix.toNamespacedPath: the path as it is. */
const posixNamespacedPath = function toNamespacedPath(path: unknown): unknown {
  return path;
};

/** Node's path.win32.toNamespacedPath: a `\\?\` long path for drive and UNC paths, else the resolved path. */
const win32NamespacedPath = function toNamespacedPath(path: unknown): unknown {
  if (typeof path !== "string" || path.length === 0) return path;
  const resolved = nodePath.win32.resolve(path);
  if (resolved.length <= 2) return path;
  if (resolved.startsWith("\\\\")) {
    return resolved[2] === "?" || resolved[2] === "." ? resolved : `\\\\?\\UNC\\${resolved.slice(2)}`;
  }
  return /^[A-Za-z]:\\/.test(resolved) ? `\\\\?\\${resolved}` : resolved;
};

const RESERVED_NAME = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

/**
 * Node 22's win32 normalize and join keep a relative result from reading as something else: when
 * a path without root or drive has a part ending in ":" (`x\\C:`), or normalizes to one that
 * starts with a drive (`C:x`) or with a device name and a ":" (`CON:x`), the result gets a
 * leading `.\\`. (`input` is what was normalized: the path, or the joined paths.)
 */
function keepRelative(input: string, output: string): string {
  if (input.length <= 1 || /^[\\/]|^[A-Za-z]:/.test(input) || output.startsWith(".\\")) return output;
  const parts = output.split("\\");
  const first = parts[0]!;
  const colon = first.indexOf(":");
  const misread =
    /^[A-Za-z]:/.test(output) ||
    [...parts, ...input.split(/[\\/]/)].some((part) => part.endsWith(":")) ||
    (colon > 0 && RESERVED_NAME.test(first.slice(0, colon)));
  return misread ? `.\\${output}` : output;
}

function wrap(impl: Implementation, windows: boolean): Record<string, unknown> {
  const toNamespacedPath = windows ? win32NamespacedPath : posixNamespacedPath;
  type Checked = "resolve" | "normalize" | "isAbsolute" | "join" | "relative" | "dirname" | "basename" | "extname" | "parse";
  /** impl's method with Node's errors, under the same name and length. */
  const checked = (name: Checked) => {
    const method = impl[name] as (...args: unknown[]) => unknown;
    const fn = (...args: unknown[]) => withNodeErrors(() => method(...args), args);
    Object.defineProperty(fn, "length", { value: method.length });
    return Object.defineProperty(fn, "name", { value: name });
  };
  /** A win32 method whose relative results keepRelative guards; `input` is the path it started from. */
  const guarded = (name: "normalize" | "join", input: (...args: string[]) => string) => {
    const method = checked(name);
    const fn = (...args: unknown[]) => {
      const output = method(...args) as string;
      // Node leaves paths naming a device (`CON:`, `NUL:x`) as they were joined (with one
      // leading separator, or two before a UNC server name).
      const joined = input(...(args as string[]));
      if (name === "join" && joined.split("\\").some((part) => part.includes(":") && RESERVED_NAME.test(part.split(":")[0]!))) {
        const unc = /^[\\/]{2}[^\\/]/.test((args as string[]).find((path) => path !== "")!);
        return joined.replace(/\//g, "\\").replace(/^\\+/, unc ? "\\\\" : "\\");
      }
      return keepRelative(joined, output);
    };
    Object.defineProperty(fn, "length", { value: method.length });
    return Object.defineProperty(fn, "name", { value: name });
  };
  return {
    resolve: checked("resolve"),
    normalize: windows ? guarded("normalize", (path) => path) : checked("normalize"),
    isAbsolute: checked("isAbsolute"),
    join: windows ? guarded("join", (...paths) => paths.filter((path) => path !== "").join("\\")) : checked("join"),
    relative: checked("relative"),
    toNamespacedPath,
    dirname: checked("dirname"),
    basename: checked("basename"),
    extname: checked("extname"),
    // Node's format is a bound function, and prints as one.
    format: {
      "bound _format"(pathObject: unknown) {
        validateObject(pathObject, "pathObject");
        return impl.format(pathObject as object);
      },
    }["bound _format"],
    parse: checked("parse"),
    matchesGlob(path: unknown, pattern: unknown) {
      validateString(path, "path");
      validateString(pattern, "pattern");
      return library("minimatch").minimatch(path, pattern, {
        nocase: false,
        windowsPathsNoEscape: true,
        nonegate: true,
        nocomment: true,
        optimizationLevel: 2,
        platform: windows ? "win32" : "linux",
        nocaseMagicOnly: true,
      });
    },
    sep: impl.sep,
    delimiter: impl.delimiter,
    win32: null,
    posix: null,
    _makeLong: toNamespacedPath,
  };
}

/** The posix and win32 path modules of one process, each pointing at the other. */
export function createPathModules(): { posix: Record<string, unknown>; win32: Record<string, unknown> } {
  const posix = wrap(nodePath.posix, false);
  const win32 = wrap(nodePath.win32, true);
  posix.win32 = win32.win32 = win32;
  posix.posix = win32.posix = posix;
  return { posix, win32 };
}
