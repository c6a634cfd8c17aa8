/**
 * `fs.openAsBlob`: a `Blob` of a file's bytes. Node's Blob reads the file when the Blob is read
 * (and fails if it changed meanwhile); this one reads it when opened.
 */
import { runSync, toPath, type FsContext } from "./fs-core.js";
import { codedError } from "../errors.js";
import { invalidArgType, validateObject } from "./fs-errors.js";
import type { FsOps } from "./fs.js";

type BlobConstructor = new (parts: unknown[], options?: { type?: string }) => unknown;

export function createOpenAsBlob(context: FsContext, ops: FsOps, Blob: BlobConstructor) {
  return function openAsBlob(path: unknown, options: unknown = {}): Promise<unknown> {
    validateObject(options, "options");
    const type = (options as { type?: unknown }).type || "";
    if (typeof type !== "string") throw invalidArgType("options.type", "string", type);
    const p = toPath(path);
    let bytes: unknown;
    try {
      bytes = runSync(context.runtime, ops.readFile(p, undefined));
    } catch {
      throw codedError("ERR_INVALID_ARG_VALUE", "Unable to open file as blob", TypeError);
    }
    return Promise.resolve(new Blob([bytes], { type }));
  };
}
