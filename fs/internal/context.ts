import { toSystemError } from "../../syscalls/errors.js";
import type { FileSystemCore, FileSystemExtras } from "../../syscalls/fs-types.js";

export type FsMethod = Exclude<keyof FileSystemCore | keyof FileSystemExtras, "sync" | "readOnly" | "reachesHost" | "containedSymlinks">;

/**
 * The syscall each method reports in its errors, as Node names it (`readFile` fails in `open`).
 * The one list of filesystem methods: backends derive their wrappers from it.
 */
export const FS_SYSCALLS = {
  readFile: "open",
  writeFile: "open",
  readdir: "scandir",
  mkdir: "mkdir",
  stat: "stat",
  lstat: "lstat",
  unlink: "unlink",
  rmdir: "rmdir",
  rename: "rename",
  readdirWithTypes: "scandir",
  rm: "rm",
  exists: "access",
  symlink: "symlink",
  readlink: "readlink",
  link: "link",
  realpath: "realpath",
  chmod: "chmod",
  utimes: "utime",
  lutimes: "lutime",
  statfs: "statfs",
  truncate: "open",
  copyFile: "copyfile",
  pread: "read",
  pwrite: "write",
} as const satisfies Record<FsMethod, string>;

/** Methods whose second argument is a path too; Node reports it as `dest`. */
const TWO_PATHS: ReadonlySet<FsMethod> = new Set<FsMethod>(["rename", "link", "symlink", "copyFile"]);

export const FS_METHODS = Object.keys(FS_SYSCALLS) as FsMethod[];

/**
 * Converts whatever `method` threw into a SystemError naming the caller's own paths, so no
 * memfs or host error object (or the host path inside its message) travels further.
 */
export function errorFor(method: FsMethod, args: readonly unknown[], error: unknown) {
  const path = typeof args[0] === "string" ? args[0] : undefined;
  const dest = TWO_PATHS.has(method) && typeof args[1] === "string" ? args[1] : undefined;
  return toSystemError(error, { syscall: FS_SYSCALLS[method], path, dest });
}

type AnyFn = (...args: never[]) => unknown;

/**
 * Wraps each filesystem method of `ops` so that its errors carry context (see `errorFor`);
 * other properties (`sync`, `readOnly`) are copied as they are.
 */
export function withErrorContext<T extends Partial<Record<FsMethod, AnyFn>>>(ops: T): T {
  const wrapped: Partial<Record<FsMethod, AnyFn>> = { ...ops };
  for (const method of FS_METHODS) {
    const fn = ops[method] as ((...args: unknown[]) => unknown) | undefined;
    if (!fn) continue;
    wrapped[method] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = fn(...args);
      } catch (error) {
        throw errorFor(method, args, error);
      }
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          throw errorFor(method, args, error);
        });
      }
      return result;
    };
  }
  return wrapped as T;
}

type Promisified<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** Async versions of synchronous operations; a throw becomes a rejection. */
export function promisify<T extends Record<string, (...args: never[]) => unknown>>(ops: T): Promisified<T> {
  const result: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ops)) {
    result[name] = async (...args: never[]) => fn(...args);
  }
  return result as Promisified<T>;
}
