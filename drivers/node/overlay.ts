/**
 * The host `node_modules` overlay: the application's installed packages, read-only, at
 * `/app/node_modules` in the sandbox, so sandboxed code can `import` or `require()` them with no
 * configuration. It is a host directory filesystem (no writes, no path or symlink leaving its
 * root) and it is the one host directory the sandbox reads without an fs permission.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createHostDirectoryFileSystem } from "../../fs/host-dir.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";

/** Where the overlay appears in the sandbox (the module loader looks there last for packages). */
export const MODULE_OVERLAY_PATH = "/app/node_modules";

export interface ModuleOverlayOptions {
  /**
   * The host `node_modules` directory to show at `/app/node_modules`.
   * @default the nearest `node_modules` from `process.cwd()` upward
   */
  root?: string;
}

/** `false` turns the overlay off; `true` or `{}` finds the application's `node_modules`. */
export type ModuleOverlayOption = ModuleOverlayOptions | boolean;

export interface ModuleOverlayMount {
  path: string;
  filesystem: FileSystemBackend;
}

/** The nearest `node_modules` directory from `from` upward, or undefined. */
export function findNodeModules(from: string = process.cwd()): string | undefined {
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    const candidate = join(directory, "node_modules");
    try {
      if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    } catch {
      // An unreadable folder is no overlay.
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * The overlay mount for an option: undefined when turned off, or when no `node_modules` is found
 * (an explicit `root` that does not exist throws, as `createHostDirectoryFileSystem` does).
 */
export function createModuleOverlay(option: ModuleOverlayOption = true): ModuleOverlayMount | undefined {
  if (option === false) return undefined;
  if (option !== true && (option === null || typeof option !== "object")) {
    throw Object.assign(new TypeError(`The "moduleOverlay" option must be a boolean or an object. Received ${String(option)}`), { code: "ERR_INVALID_ARG_VALUE" });
  }
  const explicit = option === true ? undefined : option.root;
  if (explicit !== undefined && typeof explicit !== "string") {
    throw Object.assign(new TypeError(`The "moduleOverlay.root" option must be a string. Received ${typeof explicit}`), { code: "ERR_INVALID_ARG_VALUE" });
  }
  const root = explicit ?? findNodeModules();
  if (root === undefined) return undefined;
  return { path: MODULE_OVERLAY_PATH, filesystem: createHostDirectoryFileSystem({ root }) };
}
