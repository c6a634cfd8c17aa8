/**
 * The typed signatures of the syscalls in `SYSCALL_TABLE`, bound to one process. `Syscalls` must
 * have exactly the table's keys: `SyscallsMatchTable` below fails to compile otherwise.
 */
import type { DirEntry, FileData, FileStat, FileSystemStats, MkdirOptions, RmOptions, WriteFileOptions } from "./fs-types.js";
import type { SignalName } from "./signals.js";
import type { SYSCALL_TABLE, SyscallGroup, SyscallName } from "./table.js";

/** `r`, `r+`, `w`, `w+`, `wx`, `a`, `a+`, `ax`, as Node's `fs.open` flags. */
export type OpenFlags = "r" | "r+" | "w" | "w+" | "wx" | "wx+" | "a" | "a+" | "ax" | "ax+";

export interface ExitStatus {
  /** 0-255; 128 + n when the process was killed by signal n. */
  exitCode: number;
  /** The signal that ended the process, if one did. */
  signal?: SignalName;
}

export interface SpawnRequest {
  argv: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
  /** The caller's fds that become the child's 0, 1 and 2. @default [0, 1, 2] */
  stdio?: readonly [number, number, number];
}

export interface FsSyscalls {
  open(path: string, flags?: OpenFlags, mode?: number): Promise<number>;
  close(fd: number): Promise<void>;
  /** Reads up to `length` bytes; an empty array at end of file. Waits on pipes and terminals. */
  read(fd: number, length?: number, position?: number): Promise<Uint8Array>;
  /** Writes all of `data`, waiting while a pipe is full; EPIPE when no reader is left. */
  write(fd: number, data: FileData, position?: number): Promise<number>;
  stat(path: string): Promise<FileStat>;
  lstat(path: string): Promise<FileStat>;
  fstat(fd: number): Promise<FileStat>;
  readdir(path: string): Promise<DirEntry[]>;
  mkdir(path: string, options?: MkdirOptions): Promise<void>;
  rmdir(path: string): Promise<void>;
  rm(path: string, options?: RmOptions): Promise<void>;
  unlink(path: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  link(existingPath: string, newPath: string): Promise<void>;
  readlink(path: string): Promise<string>;
  realpath(path: string): Promise<string>;
  /** Resolves when the path exists (mode is accepted for Node compatibility). */
  access(path: string, mode?: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  /** utimes on a symlink itself, not on what it points to. */
  lutimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  /** Size and free space of the filesystem that holds `path`. */
  statfs(path: string): Promise<FileSystemStats>;
  truncate(path: string, length?: number): Promise<void>;
  copyFile(source: string, destination: string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: FileData, options?: WriteFileOptions): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export interface ProcessSyscalls {
  /** Starts a child of this process; resolves to its pid. */
  spawn(request: SpawnRequest): Promise<number>;
  wait(pid: number): Promise<ExitStatus>;
  kill(pid: number, signal?: SignalName): Promise<void>;
  /** Ends this process with `code`: its fds close and waiters see the status at once. */
  exit(code: number): void;
  getpid(): number;
  getppid(): number;
  cwd(): string;
  chdir(path: string): Promise<void>;
  getenv(name: string): string | undefined;
  setenv(name: string, value: string): void;
  unsetenv(name: string): void;
  environ(): Record<string, string>;
}

export interface StdioSyscalls {
  isatty(fd: number): boolean;
  /** A new pipe in this process: `[readFd, writeFd]`. */
  pipe(): [number, number];
  dup(fd: number): number;
  dup2(fd: number, newFd: number): number;
}

export interface TimerSyscalls {
  /** Milliseconds since the epoch. */
  clockWall(): number;
  /** Milliseconds from an arbitrary origin, never going backwards. */
  clockMonotonic(): number;
  /** Calls `callback` after `ms`; the timer dies with the process. */
  setTimer(ms: number, callback: () => void): number;
  clearTimer(id: number): void;
}

export interface SyscallGroups {
  fs: FsSyscalls;
  process: ProcessSyscalls;
  stdio: StdioSyscalls;
  timers: TimerSyscalls;
}

export type Syscalls = FsSyscalls & ProcessSyscalls & StdioSyscalls & TimerSyscalls;

// Compile-time checks that the interfaces and the table name the same syscalls and groups.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type SyscallsMatchTable = Exactly<keyof Syscalls, SyscallName>;
type NamesInGroup<G extends SyscallGroup> = {
  [N in SyscallName]: (typeof SYSCALL_TABLE)[N]["group"] extends G ? N : never;
}[SyscallName];
export type GroupsMatchTable = Exactly<keyof SyscallGroups, SyscallGroup> &
  { [G in SyscallGroup]: Exactly<keyof SyscallGroups[G], NamesInGroup<G>> }[SyscallGroup];
const syscallsMatchTable: SyscallsMatchTable = true;
const groupsMatchTable: GroupsMatchTable = true;
void syscallsMatchTable;
void groupsMatchTable;
