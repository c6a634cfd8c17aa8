/**
 * Errno codes and the one error class of the kernel, shaped like Node's SystemError:
 * `code`, `errno` (negative, as Node reports it on Linux), `syscall`, `path`, `dest`, and a
 * message in Node's form: `ENOENT: no such file or directory, open '/x'`.
 *
 * Backends throw bare codes (`new SystemError("ENOENT")`); the dispatcher adds the syscall and
 * path once with `withContext`. Callers branch on `code`, never on the message.
 */
export const ERRNO = {
  EPERM: { errno: 1, description: "operation not permitted" },
  ENOENT: { errno: 2, description: "no such file or directory" },
  ESRCH: { errno: 3, description: "no such process" },
  EINTR: { errno: 4, description: "interrupted system call" },
  EIO: { errno: 5, description: "i/o error" },
  E2BIG: { errno: 7, description: "argument list too long" },
  ENOEXEC: { errno: 8, description: "exec format error" },
  EBADF: { errno: 9, description: "bad file descriptor" },
  ECHILD: { errno: 10, description: "no child processes" },
  EAGAIN: { errno: 11, description: "resource temporarily unavailable" },
  ENOMEM: { errno: 12, description: "not enough memory" },
  EACCES: { errno: 13, description: "permission denied" },
  EFAULT: { errno: 14, description: "bad address in system call argument" },
  EBUSY: { errno: 16, description: "resource busy or locked" },
  EEXIST: { errno: 17, description: "file already exists" },
  EXDEV: { errno: 18, description: "cross-device link not permitted" },
  ENODEV: { errno: 19, description: "no such device" },
  ENOTDIR: { errno: 20, description: "not a directory" },
  EISDIR: { errno: 21, description: "illegal operation on a directory" },
  EINVAL: { errno: 22, description: "invalid argument" },
  ENFILE: { errno: 23, description: "file table overflow" },
  EMFILE: { errno: 24, description: "too many open files" },
  ENOTTY: { errno: 25, description: "inappropriate ioctl for device" },
  EFBIG: { errno: 27, description: "file too large" },
  ENOSPC: { errno: 28, description: "no space left on device" },
  ESPIPE: { errno: 29, description: "invalid seek" },
  EROFS: { errno: 30, description: "read-only file system" },
  EMLINK: { errno: 31, description: "too many links" },
  EPIPE: { errno: 32, description: "broken pipe" },
  ERANGE: { errno: 34, description: "result too large" },
  ENAMETOOLONG: { errno: 36, description: "name too long" },
  ENOSYS: { errno: 38, description: "function not implemented" },
  ENOTEMPTY: { errno: 39, description: "directory not empty" },
  ELOOP: { errno: 40, description: "too many symbolic links encountered" },
  ENOTSUP: { errno: 95, description: "operation not supported on socket" },
  ETIMEDOUT: { errno: 110, description: "connection timed out" },
  ECANCELED: { errno: 125, description: "operation canceled" },
} as const;

export type ErrnoCode = keyof typeof ERRNO;

export function isErrnoCode(value: unknown): value is ErrnoCode {
  return typeof value === "string" && Object.hasOwn(ERRNO, value);
}

export interface SystemErrorContext {
  syscall?: string;
  path?: string;
  dest?: string;
  /** Replaces the errno's standard description, e.g. to name a denied capability. */
  detail?: string;
}

export class SystemError extends Error {
  readonly code: ErrnoCode;
  readonly errno: number;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
  readonly detail?: string;

  constructor(code: ErrnoCode, context: SystemErrorContext = {}) {
    super(formatMessage(code, context));
    this.name = "SystemError";
    this.code = code;
    this.errno = -ERRNO[code].errno;
    if (context.syscall !== undefined) this.syscall = context.syscall;
    if (context.path !== undefined) this.path = context.path;
    if (context.dest !== undefined) this.dest = context.dest;
    if (context.detail !== undefined) this.detail = context.detail;
  }

  /**
   * The same error as the dispatcher reports it: its syscall and (virtual) paths replace what
   * the backend knew, which for a mounted backend is a path relative to the mount.
   */
  withContext(context: SystemErrorContext): SystemError {
    return new SystemError(this.code, {
      syscall: context.syscall ?? this.syscall,
      path: context.path ?? this.path,
      dest: context.dest ?? this.dest,
      detail: this.detail ?? context.detail,
    });
  }
}

function formatMessage(code: ErrnoCode, context: SystemErrorContext): string {
  let message = `${code}: ${context.detail ?? ERRNO[code].description}`;
  if (context.syscall) message += `, ${context.syscall}`;
  if (context.path !== undefined) message += ` '${context.path}'`;
  if (context.dest !== undefined) message += ` -> '${context.dest}'`;
  return message;
}

/**
 * Turns whatever a backend threw into a SystemError with context. Errors that already carry an
 * errno code (memfs, node:fs) keep it; anything else becomes EIO so that no host error object,
 * and no host path inside its message, travels further.
 */
export function toSystemError(error: unknown, context: SystemErrorContext): SystemError {
  if (error instanceof SystemError) return error.withContext(context);
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrnoCode(code)) return new SystemError(code, context);
  return new SystemError("EIO", context);
}

export function isSystemError(error: unknown, code?: ErrnoCode): error is SystemError {
  return error instanceof SystemError && (code === undefined || error.code === code);
}

/** C library wording (`strerror`), as shell commands print it: `No such file or directory`. */
const STRERROR: Partial<Record<ErrnoCode, string>> = {
  EACCES: "Permission denied",
  EEXIST: "File exists",
  EISDIR: "Is a directory",
  EBADF: "Bad file descriptor",
  ENOSYS: "Function not implemented",
  ENOTSUP: "Operation not supported",
  ELOOP: "Too many levels of symbolic links",
  EXDEV: "Invalid cross-device link",
  EIO: "Input/output error",
  EBUSY: "Device or resource busy",
};

export function strerror(code: ErrnoCode): string {
  const text = STRERROR[code] ?? ERRNO[code].description;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `strerror` of a SystemError, or the message of anything else thrown. */
export function describeError(error: unknown): string {
  if (error instanceof SystemError) return error.detail && error.code !== "ENOENT" ? `${strerror(error.code)} (${error.detail})` : strerror(error.code);
  if (error instanceof Error) return error.message;
  return String(error);
}
