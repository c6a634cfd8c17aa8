/**
 * The syscall dispatcher: builds the `Syscalls` object of one process from SYSCALL_TABLE. Each
 * call resolves paths against the process's cwd, forwards to the composed filesystem or the
 * process table, and reports failures as one `SystemError` with the syscall and path filled in.
 * Groups the process's driver did not declare answer ENOSYS.
 */
import { posix } from "node:path";
import { performance } from "node:perf_hooks";
import { SystemError, toSystemError } from "../syscalls/errors.js";
import type { FileData, FileStat } from "../syscalls/fs-types.js";
import type { FsSyscalls, OpenFlags, ProcessSyscalls, StdioSyscalls, Syscalls, TimerSyscalls } from "../syscalls/interfaces.js";
import { SYSCALL_TABLE, type SyscallGroup, type SyscallName } from "../syscalls/table.js";
import { FD_DEVICES, isDataDevice, isFdDevice, openDataDevice } from "./devices.js";
import { OpenFileRef, pipeReadEnd, pipeWriteEnd, regularFile } from "./open-file.js";
import { Pipe } from "./pipe.js";
import type { KernelProcess, ProcessTable } from "./process-table.js";
import type { KernelFileSystem, ProcessLauncher } from "./services.js";

export interface SyscallDeps {
  filesystem: KernelFileSystem;
  processes: ProcessTable;
  launcher: ProcessLauncher;
}

const encoder = new TextEncoder();
export const toBytes = (data: FileData): Uint8Array => (typeof data === "string" ? encoder.encode(data) : data);

export function createSyscalls(deps: SyscallDeps, process: KernelProcess, groups: ReadonlySet<SyscallGroup>): Syscalls {
  const implementations: Syscalls = {
    ...fsSyscalls(deps, process),
    ...processSyscalls(deps, process),
    ...stdioSyscalls(process),
    ...timerSyscalls(process),
  };
  const bound = {} as Record<SyscallName, unknown>;
  for (const name of Object.keys(SYSCALL_TABLE) as SyscallName[]) {
    const group = SYSCALL_TABLE[name].group;
    bound[name] = groups.has(group)
      ? implementations[name]
      : () => {
          throw new SystemError("ENOSYS", { syscall: name, detail: `syscall group '${group}' not granted to this driver` });
        };
  }
  return bound as Syscalls;
}

/** Runs one filesystem operation and reports its failure with the syscall and virtual path. */
async function call<T>(syscall: string, path: string | undefined, run: () => Promise<T>, dest?: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSystemError(error, { syscall, path, dest });
  }
}

function fsSyscalls({ filesystem }: SyscallDeps, process: KernelProcess): FsSyscalls {
  const resolve = (path: string): string => {
    if (typeof path !== "string" || path.includes("\0")) throw new SystemError("EINVAL", { detail: "path must be a string without null bytes" });
    return posix.resolve(process.cwd, path);
  };
  const onPath = <T>(syscall: string, path: string, run: (absolute: string) => Promise<T>): Promise<T> =>
    call(syscall, path, () => run(resolve(path)));
  const onTwoPaths = <T>(syscall: string, from: string, to: string, run: (a: string, b: string) => Promise<T>): Promise<T> =>
    call(syscall, from, () => run(resolve(from), resolve(to)), to);
  const onFd = <T>(syscall: string, fd: number, run: (ref: OpenFileRef) => Promise<T>): Promise<T> =>
    call(syscall, undefined, async () => run(process.fds.get(fd)));

  return {
    open: (path, flags = "r", mode = 0o666) =>
      onPath("open", path, async (absolute) => {
        const file = await openPath(filesystem, process, absolute, flags, mode);
        return process.fds.open(file);
      }),
    close: (fd) => onFd("close", fd, async () => process.fds.close(fd)),
    read: (fd, length = 64 * 1024, position) => onFd("read", fd, (ref) => ref.file.read(length, position)),
    write: (fd, data, position) => onFd("write", fd, (ref) => ref.file.write(toBytes(data), position)),
    stat: (path) => onPath("stat", path, (p) => filesystem.stat(p)),
    lstat: (path) => onPath("lstat", path, (p) => filesystem.lstat(p)),
    fstat: (fd) => onFd("fstat", fd, (ref) => ref.file.stat()),
    readdir: (path) => onPath("scandir", path, (p) => filesystem.readdirWithTypes(p)),
    mkdir: (path, options) => onPath("mkdir", path, (p) => filesystem.mkdir(p, options)),
    rmdir: (path) => onPath("rmdir", path, (p) => filesystem.rmdir(p)),
    rm: (path, options) => onPath("rm", path, (p) => filesystem.rm(p, options)),
    unlink: (path) => onPath("unlink", path, (p) => filesystem.unlink(p)),
    rename: (from, to) => onTwoPaths("rename", from, to, (a, b) => filesystem.rename(a, b)),
    symlink: (target, path) => onPath("symlink", path, (p) => filesystem.symlink(target, p)),
    link: (existing, path) => onTwoPaths("link", existing, path, (a, b) => filesystem.link(a, b)),
    readlink: (path) => onPath("readlink", path, (p) => filesystem.readlink(p)),
    realpath: (path) => onPath("realpath", path, (p) => filesystem.realpath(p)),
    access: (path) => onPath("access", path, async (p) => void (await filesystem.stat(p))),
    chmod: (path, mode) => onPath("chmod", path, (p) => filesystem.chmod(p, mode)),
    utimes: (path, atime, mtime) => onPath("utime", path, (p) => filesystem.utimes(p, atime, mtime)),
    lutimes: (path, atime, mtime) => onPath("lutime", path, (p) => filesystem.lutimes(p, atime, mtime)),
    statfs: (path) => onPath("statfs", path, (p) => filesystem.statfs(p)),
    truncate: (path, length = 0) => onPath("truncate", path, (p) => filesystem.truncate(p, length)),
    copyFile: (from, to) => onTwoPaths("copyfile", from, to, (a, b) => filesystem.copyFile(a, b)),
    readFile: (path) => onPath("open", path, (p) => filesystem.readFile(p)),
    writeFile: (path, data, options) => onPath("open", path, (p) => filesystem.writeFile(p, data, options)),
    exists: async (path) => {
      try {
        return await filesystem.exists(resolve(path));
      } catch {
        return false;
      }
    },
  };
}

async function openPath(
  filesystem: KernelFileSystem,
  process: KernelProcess,
  path: string,
  flags: OpenFlags,
  mode: number,
): Promise<OpenFileRef> {
  if (path.startsWith("/dev/")) {
    const name = path.slice("/dev/".length);
    if (isDataDevice(name)) return new OpenFileRef(openDataDevice(name));
    if (isFdDevice(name)) return process.fds.get(FD_DEVICES[name]).retain();
  }
  const readable = flags === "r" || flags.endsWith("+");
  const writable = flags !== "r";
  let stat: FileStat | undefined;
  try {
    stat = await filesystem.stat(path);
  } catch (error) {
    if ((error as SystemError).code !== "ENOENT" || !writable || flags.startsWith("r")) throw error;
  }
  if (stat && flags.includes("x")) throw new SystemError("EEXIST");
  if (stat?.type === "directory" && writable) throw new SystemError("EISDIR");
  if (!stat) await filesystem.writeFile(path, new Uint8Array(0), { mode, flag: "wx" });
  else if (flags.startsWith("w")) await filesystem.truncate(path, 0);
  return new OpenFileRef(regularFile(filesystem, path, { readable, writable, append: flags.startsWith("a"), position: 0 }));
}

function processSyscalls({ filesystem, processes, launcher }: SyscallDeps, process: KernelProcess): ProcessSyscalls {
  return {
    spawn: async (request) => {
      const stdio = request.stdio ?? [0, 1, 2];
      const refs = [process.fds.get(stdio[0]), process.fds.get(stdio[1]), process.fds.get(stdio[2])] as const;
      return launcher.launch(process, request, refs).pid;
    },
    wait: (pid) => call("wait", undefined, () => processes.wait(process.pid, pid)),
    kill: async (pid, signal = "SIGTERM") => {
      const target = processes.find(pid);
      if (!target || !target.running) throw new SystemError("ESRCH", { syscall: "kill" });
      target.signal(signal);
    },
    exit: (code) => process.exit(code & 0xff),
    getpid: () => process.pid,
    getppid: () => process.ppid,
    cwd: () => process.cwd,
    chdir: (path) =>
      call("chdir", path, async () => {
        const target = posix.resolve(process.cwd, path);
        const stat = await filesystem.stat(target);
        if (stat.type !== "directory") throw new SystemError("ENOTDIR");
        process.cwd = target;
      }),
    getenv: (name) => (Object.hasOwn(process.env, name) ? process.env[name] : undefined),
    setenv: (name, value) => {
      process.env[name] = String(value);
    },
    unsetenv: (name) => {
      delete process.env[name];
    },
    environ: () => ({ ...process.env }),
  };
}

function stdioSyscalls(process: KernelProcess): StdioSyscalls {
  return {
    isatty: (fd) => process.fds.has(fd) && process.fds.get(fd).file.isTTY,
    pipe: () => {
      const pipe = new Pipe();
      const readFd = process.fds.open(new OpenFileRef(pipeReadEnd(pipe)));
      const writeFd = process.fds.open(new OpenFileRef(pipeWriteEnd(pipe)));
      return [readFd, writeFd];
    },
    dup: (fd) => process.fds.dup(fd),
    dup2: (fd, newFd) => process.fds.dup2(fd, newFd),
  };
}

function timerSyscalls(process: KernelProcess): TimerSyscalls {
  let nextTimer = 1;
  return {
    clockWall: () => Date.now(),
    clockMonotonic: () => performance.now(),
    setTimer: (ms, callback) => {
      if (!process.running) throw new SystemError("ESRCH", { syscall: "setTimer" });
      const id = nextTimer++;
      const handle = setTimeout(() => {
        process.timers.delete(id);
        callback();
      }, Math.max(0, ms));
      process.timers.set(id, handle);
      return id;
    },
    clearTimer: (id) => {
      clearTimeout(process.timers.get(id));
      process.timers.delete(id);
    },
  };
}
