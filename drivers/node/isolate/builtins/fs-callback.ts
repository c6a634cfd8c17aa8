/**
 * The callback fs API: the last argument is the callback, checked first (ERR_INVALID_ARG_TYPE
 * "cb"), then the arguments (thrown synchronously); the outcome always arrives as an event-loop
 * task, as `callback(error)` or `callback(null, ...results)`.
 */
import { Buffer } from "buffer";
import { runAsync, type FsContext, type Program } from "./fs-core.js";
import { isArrayBufferView, validateFunction, validateObject } from "./fs-errors.js";
import { readArgs, writeArgs } from "./fs-args.js";
import type { FsOps } from "./fs.js";

type Callback = (error: unknown, ...values: unknown[]) => void;

export function createCallbackApi(context: FsContext, ops: FsOps): Record<string, unknown> {
  const { runtime } = context;

  /**
   * Runs the program `make` builds from the arguments before the callback. The callback is the
   * last argument when there are more than the `required` ones (optional ones may be left out).
   */
  const wrap = (make: (...args: any[]) => Program<unknown>, required: number, results: (value: unknown, args: unknown[]) => unknown[] = (v) => (v === undefined ? [] : [v])) =>
    function (...args: unknown[]): void {
      const callback = (args.length > required ? args.pop() : undefined) as Callback;
      validateFunction(callback, "cb");
      const program = make(...args);
      runAsync(runtime, program, (error, value) => (error ? callback(error) : callback(null, ...results(value, args))));
    };

  const realpath = wrap(ops.realpath, 1);
  (realpath as unknown as { native: unknown }).native = wrap(ops.realpathNative, 1);

  return {
    access: wrap(ops.access, 1),
    appendFile: wrap(ops.appendFile, 2),
    chmod: wrap(ops.chmod, 2),
    chown: wrap(ops.chown, 3),
    close(fd: unknown, callback?: unknown): void {
      const program = ops.close(fd);
      const done = typeof callback === "function" ? (callback as Callback) : (error: unknown) => {
        if (error) throw error;
      };
      runAsync(runtime, program, (error) => (error ? done(error) : done(null)));
    },
    copyFile: wrap(ops.copyFile, 2),
    exists(path: unknown, callback: unknown): void {
      validateFunction(callback, "cb");
      runAsync(runtime, ops.exists(path), (_error, value) => (callback as (exists: boolean) => void)(Boolean(value)));
    },
    fchmod: wrap(ops.fchmod, 2),
    fchown: wrap(ops.fchown, 3),
    fdatasync: wrap(ops.fdatasync, 1),
    fstat: wrap(ops.fstat, 1),
    fsync: wrap(ops.fsync, 1),
    ftruncate: wrap(ops.ftruncate, 1),
    futimes: wrap(ops.futimes, 3),
    lchown: wrap(ops.lchown, 3),
    lutimes: wrap(ops.lutimes, 3),
    link: wrap(ops.link, 2),
    lstat: wrap(ops.lstat, 1),
    mkdir: wrap(ops.mkdir, 1, (value) => [value]),
    mkdtemp: wrap(ops.mkdtemp, 1),
    open: wrap(ops.open, 1),
    read(fd: unknown, ...rest: unknown[]): void {
      const callback = rest.pop() as Callback;
      let [buffer, offsetOrOptions, length, position] = rest;
      let argc = rest.length + 1;
      if (rest.length <= 2) {
        // read(fd, cb), read(fd, options, cb), read(fd, buffer, cb), read(fd, buffer, options, cb)
        let params: unknown = offsetOrOptions;
        if (rest.length === 1 && !isArrayBufferView(buffer)) {
          params = buffer;
          if (params !== undefined) validateObject(params, "options", true);
          buffer = (params as { buffer?: unknown } | null)?.buffer ?? Buffer.alloc(16384);
        } else if (rest.length === 0) buffer = Buffer.alloc(16384);
        offsetOrOptions = params ?? {};
        argc = 3;
      }
      validateFunction(callback, "cb");
      const request = readArgs(fd, buffer, offsetOrOptions, length, position, argc);
      runAsync(runtime, ops.read(request), (error, bytesRead) => (error ? callback(error) : callback(null, bytesRead, request.buffer)));
    },
    readdir: wrap(ops.readdir, 1),
    readFile: wrap(ops.readFile, 1),
    readlink: wrap(ops.readlink, 1),
    readv: wrap(ops.readv, 2, (value, args) => [value, args[1]]),
    realpath,
    rename: wrap(ops.rename, 2),
    rm: wrap(ops.rm, 1),
    rmdir: wrap(ops.rmdir, 1),
    stat: wrap(ops.stat, 1),
    statfs: wrap(ops.statfs, 1),
    symlink: wrap(ops.symlink, 2),
    truncate: wrap((path: unknown, len?: unknown) => (typeof path === "number" ? ops.ftruncate(path, len) : ops.truncate(path, len)), 1),
    unlink: wrap(ops.unlink, 1),
    utimes: wrap(ops.utimes, 3),
    write(fd: unknown, buffer: unknown, ...rest: unknown[]): void {
      // The callback is the first function among the optional arguments.
      const index = rest.findIndex((arg) => typeof arg === "function");
      const callback = (index === -1 ? undefined : rest[index]) as Callback;
      const [offsetOrOptions, length, position] = index === -1 ? rest : rest.slice(0, index);
      validateFunction(callback, "cb");
      const request = writeArgs(fd, buffer, offsetOrOptions, length, position);
      runAsync(runtime, ops.write(request), (error, written) => (error ? callback(error) : callback(null, written, buffer)));
    },
    writeFile: wrap(ops.writeFile, 2),
    writev: wrap(ops.writev, 2, (value, args) => [value, args[1]]),
  };
}
