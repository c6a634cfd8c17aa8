import { SystemError } from "../../syscalls/errors.js";
import type { FileSystem, SyncFileSystem } from "../../syscalls/fs-types.js";

/** A backend's operations, every one present: its own where it has them, fallbacks otherwise. */
export type CompleteBackend = Omit<FileSystem, "sync" | "readOnly" | "reachesHost" | "containedSymlinks">;

/** The backend operations the mount layer's shared logic calls (both APIs have them). */
export type BackendMethod = keyof SyncFileSystem;

/** One backend reached through both of its APIs. */
export interface Target {
  async: CompleteBackend;
  sync: SyncFileSystem | undefined;
}

export interface Call {
  target: Target;
  method: BackendMethod;
  args: unknown[];
}

/**
 * An operation written once as a generator that yields each backend call, then run either
 * synchronously (through `Target.sync`) or asynchronously (through `Target.async`). This keeps
 * one copy of the mount logic for the composed view's `sync` API and its async one.
 */
export type Op<T> = Generator<Call, T, unknown>;

export function* call<M extends BackendMethod>(
  target: Target,
  method: M,
  ...args: Parameters<SyncFileSystem[M]>
): Op<ReturnType<SyncFileSystem[M]>> {
  return (yield { target, method, args }) as ReturnType<SyncFileSystem[M]>;
}

export function runSync<T>(op: Op<T>): T {
  let step = op.next();
  while (!step.done) {
    const { target, method, args } = step.value;
    let result: unknown;
    try {
      // A caller may hold the sync view from before a backend without `sync` was mounted.
      if (!target.sync) throw new SystemError("ENOSYS", { detail: "the backend has no synchronous API" });
      result = Reflect.apply(target.sync[method], target.sync, args);
    } catch (error) {
      step = op.throw(error);
      continue;
    }
    step = op.next(result);
  }
  return step.value;
}

export async function runAsync<T>(op: Op<T>): Promise<T> {
  let step = op.next();
  while (!step.done) {
    const { target, method, args } = step.value;
    let result: unknown;
    try {
      result = await Reflect.apply(target.async[method], target.async, args);
    } catch (error) {
      step = op.throw(error);
      continue;
    }
    step = op.next(result);
  }
  return step.value;
}
