/**
 * Permission policies. The sandbox's own virtual filesystem needs none; every capability that
 * reaches the host is denied unless its policy allows the request. A denial is an EACCES error
 * that names the capability.
 */
import { SystemError } from "../../syscalls/errors.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";

export type Capability = "fs" | "network" | "env" | "childProcess";

export interface PermissionRequest {
  capability: Capability;
  /** What is asked: `read`/`write` for fs, `connect` for network, `read` for env, `spawn` for processes. */
  operation: string;
  /** The path, host, variable or command concerned. */
  target: string;
}

export interface PermissionDecision {
  allow: boolean;
  /** Shown in the EACCES error when the request is denied. */
  reason?: string;
}

export type PermissionPolicy = (request: PermissionRequest) => PermissionDecision | boolean;

export type Permissions = Partial<Record<Capability, PermissionPolicy>>;

/** Asks the policy; throws EACCES naming the capability when it denies (or is absent). */
export function checkPermission(permissions: Permissions, request: PermissionRequest): void {
  const policy = permissions[request.capability];
  let decision: PermissionDecision | boolean = false;
  try {
    decision = policy ? policy(request) : false;
  } catch {
    decision = false;
  }
  const allowed = typeof decision === "boolean" ? decision : decision?.allow === true;
  if (allowed) return;
  const reason = typeof decision === "object" && decision?.reason ? `: ${decision.reason}` : "";
  throw new SystemError("EACCES", {
    syscall: request.operation,
    path: request.target,
    detail: `permission denied: ${request.capability} access is not granted to the sandbox${reason}`,
  });
}

const READS = new Set(["readFile", "readdir", "readdirWithTypes", "stat", "lstat", "exists", "readlink", "realpath", "pread"]);

/**
 * Wraps a backend that reaches the host so that every operation first asks the `fs` policy:
 * `read` for lookups and reads, `write` for everything else. `mountPath` is where the sandbox
 * sees it, so the policy is asked about the path the sandbox used.
 */
export function guardFileSystem(backend: FileSystemBackend, permissions: Permissions, mountPath: string): FileSystemBackend {
  const prefix = mountPath === "/" ? "" : mountPath.replace(/\/+$/, "");
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== "function" || typeof key !== "string") return key === "sync" && value ? guard(value as object) : value;
        return (...args: unknown[]) => {
          const path = typeof args[0] === "string" ? args[0] : "";
          checkPermission(permissions, { capability: "fs", operation: READS.has(key) ? "read" : "write", target: `${prefix}${path}` || "/" });
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return guard(backend);
}
