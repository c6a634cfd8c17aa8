/** `util`: Node's inspect and format, promisify, inherits, deprecate and friends. */
import { format, formatWithOptions, inspect } from "node-inspect-extracted";
import type { BuiltinContext } from "./index.js";

const kCustomPromisify = Symbol.for("nodejs.util.promisify.custom");

export function createUtil({ runtime }: BuiltinContext): Record<string, unknown> {
  function promisify(original: unknown): unknown {
    if (typeof original !== "function") {
      throw Object.assign(new TypeError(`The "original" argument must be of type function. Received ${typeof original}`), { code: "ERR_INVALID_ARG_TYPE" });
    }
    const custom = (original as unknown as Record<symbol, unknown>)[kCustomPromisify];
    if (typeof custom === "function") return custom;
    const fn = original as (...args: unknown[]) => unknown;
    function promisified(this: unknown, ...args: unknown[]) {
      return new Promise((resolve, reject) => {
        fn.call(this, ...args, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)));
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(fn));
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(fn));
  }
  promisify.custom = kCustomPromisify;
  const warned = new Set<string>();
  return {
    inspect,
    format,
    formatWithOptions,
    promisify,
    inherits(constructor: { prototype: object; super_?: unknown }, superConstructor: { prototype: object }) {
      Object.defineProperty(constructor, "super_", { value: superConstructor, writable: true, configurable: true });
      Object.setPrototypeOf(constructor.prototype, superConstructor.prototype);
    },
    deprecate<T extends (...args: unknown[]) => unknown>(fn: T, message: string, code?: string): T {
      return function (this: unknown, ...args: unknown[]) {
        const key = code ?? message;
        if (!warned.has(key)) {
          warned.add(key);
          (runtime as unknown as { emitWarning?: (m: string, t: string, c?: string) => void }).emitWarning?.(message, "DeprecationWarning", code);
        }
        return fn.apply(this, args);
      } as T;
    },
    isDeepStrictEqual: undefined,
    types: {},
  };
}
