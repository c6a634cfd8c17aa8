/**
 * `createNodeDriver()`: what a `NodeRuntime` gives its sandbox of the outside world: a filesystem
 * (a fresh in-memory one by default, kept across calls as a workspace) and the permission policy
 * for everything that would reach the host.
 */
import { createInMemoryFileSystem } from "../../fs/memory.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";
import type { Permissions } from "./permissions.js";
import { createModuleOverlay, type ModuleOverlayMount, type ModuleOverlayOption } from "./overlay.js";

/** The size limit of the in-memory filesystem a system driver makes when given none. */
export const DEFAULT_FILESYSTEM_BYTES = 256 * 1024 * 1024;

export interface NodeDriverOptions {
  /**
   * The sandbox's filesystem. @default createInMemoryFileSystem({ maxBytes: 256 MiB }), so sandbox
   * code cannot fill the application's memory with files
   */
  filesystem?: FileSystemBackend;
  /** Policies for capabilities that reach the host; each is denied when absent. @default {} */
  permissions?: Permissions;
  /** Further backends mounted into the sandbox's tree, e.g. a read-only host directory. @default [] */
  mounts?: ReadonlyArray<{ path: string; filesystem: FileSystemBackend }>;
  /**
   * The read-only overlay of the host's `node_modules` at `/app/node_modules` (needs no fs
   * permission): `{ root }` names the host directory, `false` turns it off. @see docs/modules.md
   * @default the nearest `node_modules` from `process.cwd()` upward (none if there is none)
   */
  moduleOverlay?: ModuleOverlayOption;
}

export interface SystemDriver {
  readonly filesystem: FileSystemBackend;
  readonly permissions: Permissions;
  readonly mounts: ReadonlyArray<{ path: string; filesystem: FileSystemBackend }>;
  /** The host `node_modules` overlay, mounted without the permission guard. */
  readonly moduleOverlay?: ModuleOverlayMount;
}

export function createNodeDriver(options: NodeDriverOptions = {}): SystemDriver {
  return {
    filesystem: options.filesystem ?? createInMemoryFileSystem({ maxBytes: DEFAULT_FILESYSTEM_BYTES }),
    permissions: { ...(options.permissions ?? {}) },
    mounts: [...(options.mounts ?? [])],
    moduleOverlay: createModuleOverlay(options.moduleOverlay),
  };
}
