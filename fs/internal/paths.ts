import posix from "node:path/posix";
import { SystemError } from "../../syscalls/errors.js";

/**
 * Validates a virtual path and returns it normalized: absolute, no `.`/`..`/empty segments, no
 * trailing slash (except `/`). A `..` at the root stays at the root, so a normalized path can
 * never name anything above `/`.
 */
export function checkPath(path: unknown, syscall: string): string {
  if (typeof path !== "string" || !path.startsWith("/") || path.includes("\0")) {
    throw new SystemError("EINVAL", {
      syscall,
      // Only a string is worth echoing back; anything else would stringify unpredictably.
      ...(typeof path === "string" ? { path: path.replaceAll("\0", "\\0") } : {}),
      detail: "path must be an absolute POSIX path",
    });
  }
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith("/") ? normalized.slice(0, -1) : normalized;
}

/** The components of a path: `/a/b/` → `["a", "b"]`. Keeps `.` and `..` for callers that walk. */
export function splitPath(path: string): string[] {
  return path.split("/").filter((part) => part !== "");
}

/** Whether `path` is `ancestor` itself or lies below it (both normalized). */
export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === "/") return true;
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Validates a non-negative integer argument (a position, a length). */
export function checkOffset(value: number, syscall: string, path: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SystemError("EINVAL", { syscall, path, detail: "offset and length must be non-negative integers" });
  }
  return value;
}
