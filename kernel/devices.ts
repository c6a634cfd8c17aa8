/**
 * `/dev`: the character devices every process sees. `null`, `zero` and `urandom` are served
 * here; `stdin`, `stdout` and `stderr` name the opening process's fds 0, 1 and 2, so the kernel
 * resolves them per process (see `openDevice`). The same table backs a small read-only backend
 * mounted at `/dev` so that `ls /dev` and `stat /dev/null` work.
 */
import { randomFillSync } from "node:crypto";
import { SystemError } from "../syscalls/errors.js";
import type { FileStat, FileSystemBackend } from "../syscalls/fs-types.js";
import { S_IFCHR, S_IFDIR } from "../syscalls/fs-types.js";
import { specialStat, type OpenFile } from "./open-file.js";

/** Devices that stand for one of the opening process's own fds. */
export const FD_DEVICES = { stdin: 0, stdout: 1, stderr: 2 } as const;

type DataDevice = "null" | "zero" | "urandom";
const DATA_DEVICES: Record<DataDevice, { ino: number; read(length: number): Uint8Array }> = {
  null: { ino: 3, read: () => new Uint8Array(0) },
  zero: { ino: 5, read: (length) => new Uint8Array(length) },
  urandom: { ino: 9, read: (length) => randomFillSync(new Uint8Array(length)) },
};

const DEVICE_NAMES = [...Object.keys(DATA_DEVICES), ...Object.keys(FD_DEVICES)].sort();
const READ_CHUNK = 64 * 1024;

export function isDataDevice(name: string): name is DataDevice {
  return Object.hasOwn(DATA_DEVICES, name);
}

export function isFdDevice(name: string): name is keyof typeof FD_DEVICES {
  return Object.hasOwn(FD_DEVICES, name);
}

export function openDataDevice(name: DataDevice): OpenFile {
  const device = DATA_DEVICES[name];
  return {
    kind: "device",
    readable: true,
    writable: true,
    isTTY: false,
    read: async (length) => device.read(Math.min(length, READ_CHUNK)),
    // Every device here swallows writes, as Linux's do.
    write: async (data) => data.byteLength,
    stat: async () => deviceStat(device.ino),
    release() {},
  };
}

function deviceStat(ino: number): FileStat {
  return specialStat(S_IFCHR | 0o666, ino);
}

/** The read-only backend mounted at `/dev` for stat and readdir. */
export function createDevFileSystem(): FileSystemBackend {
  const lookup = (path: string): FileStat => {
    if (path === "/") return { ...specialStat(S_IFDIR | 0o755, 1), type: "directory" };
    const name = path.slice(1);
    if (isDataDevice(name)) return deviceStat(DATA_DEVICES[name].ino);
    if (isFdDevice(name)) return deviceStat(20 + FD_DEVICES[name]);
    throw new SystemError("ENOENT");
  };
  const readOnly = async (): Promise<never> => {
    throw new SystemError("EROFS");
  };
  return {
    readOnly: true,
    stat: async (path) => lookup(path),
    lstat: async (path) => lookup(path),
    readdir: async (path) => {
      if (lookup(path).type !== "directory") throw new SystemError("ENOTDIR");
      return [...DEVICE_NAMES];
    },
    readFile: async (path) => {
      const name = path.slice(1);
      if (name === "null") return new Uint8Array(0);
      lookup(path);
      // zero and urandom never end; the fd devices belong to a process.
      throw new SystemError("EINVAL");
    },
    writeFile: async (path) => {
      if (path.slice(1) === "null") return;
      lookup(path);
      throw new SystemError("EROFS");
    },
    mkdir: readOnly,
    unlink: readOnly,
    rmdir: readOnly,
    rename: readOnly,
  };
}
