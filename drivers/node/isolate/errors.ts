/** Errors inside the sandbox: rebuilt from host replies, coded like Node's, and printed like Node's. */
import type { SerializedError } from "../protocol.js";

/** A Node-style error with a `code` (ERR_*), built inside the sandbox. */
export function codedError(code: string, message: string, Base: ErrorConstructor = Error): Error & { code: string } {
  const error = new Base(message) as Error & { code: string };
  Object.defineProperty(error, "code", { value: code, enumerable: true, writable: true, configurable: true });
  // Node puts the code in the name shown by the stack: `TypeError [ERR_X]: message`.
  if (typeof error.stack === "string") error.stack = error.stack.replace(/^(\w+)/, `$1 [${code}]`);
  return error;
}

/** A SystemError from a failed syscall, shaped as Node's (`code`, `errno`, `syscall`, `path`). */
export function systemError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & Record<string, unknown>;
  for (const key of ["errno", "code", "syscall", "path", "dest"] as const) {
    if (serialized[key] !== undefined) {
      Object.defineProperty(error, key, { value: serialized[key], enumerable: true, writable: true, configurable: true });
    }
  }
  if (serialized.name && serialized.name !== "SystemError" && serialized.name !== "Error") {
    Object.defineProperty(error, "name", { value: serialized.name, enumerable: false, writable: true, configurable: true });
  }
  return error;
}

/** Thrown by `process.exit()` to unwind the stack; the host has already ended the session. */
export class ProcessExit {
  constructor(readonly code: number) {}
}
