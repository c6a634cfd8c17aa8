/**
 * Errors of the kernel's own API (as opposed to syscall failures, which are SystemErrors):
 * Node-style `code`s that callers can branch on.
 */
export type KernelErrorCode =
  | "ERR_KERNEL_DISPOSED"
  | "ERR_INVALID_ARG_TYPE"
  | "ERR_INVALID_ARG_VALUE"
  | "ERR_DRIVER_INVALID"
  | "ERR_DRIVER_REQUIREMENT"
  | "ERR_COMMAND_CONFLICT";

export class KernelError extends Error {
  readonly code: KernelErrorCode;
  constructor(code: KernelErrorCode, message: string) {
    super(message);
    this.name = "KernelError";
    this.code = code;
  }
}

export function disposedError(): KernelError {
  return new KernelError("ERR_KERNEL_DISPOSED", "Kernel has been disposed");
}
