import { SystemError } from "../../syscalls/errors.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";
import { completeBackend } from "./fallbacks.js";
import { checkPath, isWithin } from "./paths.js";
import type { Target } from "./run.js";

export interface MountInfo {
  path: string;
  filesystem: FileSystemBackend;
}

export interface MountEntry extends MountInfo {
  target: Target;
}

export interface Resolved {
  entry: MountEntry;
  /** The path inside the entry's backend (`/` at its mount point). */
  relativePath: string;
}

const CORE_METHODS = ["readFile", "writeFile", "readdir", "mkdir", "stat", "lstat", "unlink", "rmdir", "rename"] as const;

function entryFor(path: string, filesystem: FileSystemBackend): MountEntry {
  // Checked at mount time, naming what is missing, rather than failing later on first use.
  const missing = CORE_METHODS.filter((method) => typeof filesystem?.[method] !== "function");
  if (missing.length > 0) {
    throw new SystemError("EINVAL", { syscall: "mount", path, detail: `backend lacks ${missing.join(", ")}` });
  }
  return { path, filesystem, target: { async: completeBackend(filesystem), sync: filesystem.sync } };
}

/** One instance's mount table: `/` is always mounted, and the longest matching prefix wins. */
export function createMountTable(root: FileSystemBackend) {
  // Kept sorted longest path first, so the first match in `resolve` is the longest prefix.
  let entries: MountEntry[] = [entryFor("/", root)];

  return {
    add(path: string, filesystem: FileSystemBackend): void {
      const mountPath = checkPath(path, "mount");
      if (entries.some((entry) => entry.path === mountPath)) {
        throw new SystemError("EBUSY", { syscall: "mount", path, detail: "a filesystem is already mounted there" });
      }
      entries = [...entries, entryFor(mountPath, filesystem)].sort((a, b) => b.path.length - a.path.length);
    },
    remove(path: string): void {
      const mountPath = checkPath(path, "umount");
      if (mountPath === "/") throw new SystemError("EBUSY", { syscall: "umount", path, detail: "the root cannot be unmounted" });
      if (!entries.some((entry) => entry.path === mountPath)) {
        throw new SystemError("EINVAL", { syscall: "umount", path, detail: "not a mount point" });
      }
      entries = entries.filter((entry) => entry.path !== mountPath);
    },
    /** `path` must be normalized. */
    resolve(path: string): Resolved {
      for (const entry of entries) {
        if (!isWithin(path, entry.path)) continue;
        const relativePath = entry.path === "/" ? path : path.slice(entry.path.length) || "/";
        return { entry, relativePath };
      }
      throw new Error("unreachable: / is always mounted");
    },
    isMountPoint(path: string): boolean {
      return entries.some((entry) => entry.path === path);
    },
    hasMountBelow(path: string): boolean {
      return entries.some((entry) => entry.path !== path && isWithin(entry.path, path));
    },
    /** Names directly inside `dir` that are mount points or lead to one. */
    childMountNames(dir: string): string[] {
      const names = new Set<string>();
      for (const entry of entries) {
        if (entry.path === dir || !isWithin(entry.path, dir)) continue;
        const rest = entry.path.slice(dir === "/" ? 1 : dir.length + 1);
        names.add(rest.split("/")[0]!);
      }
      return [...names];
    },
    list(): MountInfo[] {
      return entries
        .map(({ path, filesystem }) => ({ path, filesystem }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    allSync(): boolean {
      return entries.every((entry) => entry.filesystem.sync !== undefined);
    },
  };
}

export type MountTable = ReturnType<typeof createMountTable>;
