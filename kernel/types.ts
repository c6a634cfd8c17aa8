/** The kernel's public API types. */
import type { FileSystem, FileSystemBackend } from "../syscalls/fs-types.js";
import type { ProcessInput, RuntimeDriver } from "../syscalls/driver.js";
import type { ExitStatus } from "../syscalls/interfaces.js";
import type { SignalName } from "../syscalls/signals.js";
import type { SyscallGroup } from "../syscalls/table.js";

export interface KernelOptions {
  /** The root filesystem. @default createInMemoryFileSystem() */
  filesystem?: FileSystemBackend;
  /** Further backends mounted at paths of the tree, e.g. a read-only host directory. @default [] */
  mounts?: ReadonlyArray<{ path: string; filesystem: FileSystemBackend }>;
  /** The environment processes start with. @default { PATH, HOME: "/root", USER: "root", SHELL: "/bin/sh" } */
  env?: Record<string, string>;
  /** The working directory processes start in; created when missing. @default "/root" */
  cwd?: string;
  /** Processes that may run at once; spawning more fails with EAGAIN. @default 256 */
  maxProcesses?: number;
  /** The syscall groups this kernel offers to drivers. @default every group */
  syscallGroups?: readonly SyscallGroup[];
  /**
   * Mount the basic commands (`cat`, `ls`, `mkdir`, `rm`, `cp`, `mv`, `touch`, `head`, `tail`,
   * `wc`, `env`, `printf`, `sleep`). @default true
   */
  basicCommands?: boolean;
}

export interface ExecOptions {
  /** Replaces the kernel's environment for this command line. */
  env?: Record<string, string>;
  cwd?: string;
  /** Standard input of the command line. @default empty */
  stdin?: string | Uint8Array;
  /** Kill the whole command line after this many milliseconds; it then exits 124 with `timedOut`. */
  timeout?: number;
  /** Called with each chunk of standard output as it is written. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the command line's shell, if one did. */
  signal?: SignalName;
  /** True when `timeout` ran out and the command line was killed. */
  timedOut?: boolean;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Standard input: `"pipe"` to write it through `handle.stdin`, or data that is fed in whole
   * followed by end of file. @default "pipe"
   */
  stdin?: "pipe" | string | Uint8Array;
}

export interface ProcessStdin {
  /** Resolves once the pipe accepted the data (waits while it is full); EPIPE once the process stopped reading. */
  write(data: string | Uint8Array): Promise<void>;
  /** Closes standard input: the process reads end of file. */
  end(): void;
}

export interface ProcessHandle {
  readonly pid: number;
  readonly stdin: ProcessStdin;
  /** Read these: a process blocks once 64 KiB of unread output is queued, as with a real pipe. */
  readonly stdout: ProcessInput;
  readonly stderr: ProcessInput;
  wait(): Promise<ExitStatus>;
  /** @default "SIGTERM" */
  kill(signal?: SignalName): void;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  cwd: string;
  running: boolean;
  exitCode?: number;
}

export interface Kernel {
  /** The composed filesystem: the root, every mount and `/dev`. */
  readonly filesystem: FileSystem;
  /** Checks what the driver requires, runs its `init`, and registers its commands. */
  mount(driver: RuntimeDriver): Promise<void>;
  /** Mounts a filesystem backend at a path of the tree. */
  mountFileSystem(path: string, filesystem: FileSystemBackend): void;
  unmountFileSystem(path: string): void;
  /** Runs a shell command line; never rejects for anything the command line contains. */
  exec(commandLine: string, options?: ExecOptions): Promise<ExecResult>;
  /** Starts one command with streaming stdio. Throws ENOENT when no driver runs `argv[0]`. */
  spawn(argv: readonly string[], options?: SpawnOptions): ProcessHandle;
  /** The registered command names. */
  commands(): string[];
  /** The mounted drivers' names. */
  drivers(): string[];
  processes(): ProcessInfo[];
  /** Sends a signal to a process of this kernel. ESRCH when there is no such running process. */
  kill(pid: number, signal?: SignalName): void;
  /** Kills every process and disposes every driver. Idempotent; later calls fail with ERR_KERNEL_DISPOSED. */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}
