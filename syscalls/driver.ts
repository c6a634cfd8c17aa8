/**
 * The contract between the kernel and a runtime driver. A driver is a plain object (usually made
 * by a factory function) that names the commands it registers and the syscall groups it needs;
 * the kernel checks those at `mount`, then calls `run` once per process of one of its commands.
 */
import type { FileData, FileSystem } from "./fs-types.js";
import type { SignalName } from "./signals.js";
import type { Syscalls } from "./interfaces.js";
import type { SyscallGroup } from "./table.js";

export interface DriverRequirements {
  /**
   * The syscall groups the driver's processes use. The kernel refuses the mount when it does not
   * offer one of them, and a process gets exactly these groups (the others fail with ENOSYS).
   * @default every group the kernel offers
   */
  syscalls?: readonly SyscallGroup[];
  /** Commands that must already be registered by another driver, e.g. `["sh"]`. @default [] */
  commands?: readonly string[];
}

export interface RuntimeDriver {
  /** Names the driver in errors and in `kernel.drivers`. */
  readonly name: string;
  /** The commands this driver runs, e.g. `["node"]`. */
  readonly commands: readonly string[];
  readonly requires?: DriverRequirements;
  /** Called once at mount, before any of its commands can run. */
  init?(host: DriverHost): void | Promise<void>;
  /** Runs one process to completion and returns its exit code (0-255). */
  run(process: ProcessContext): number | Promise<number>;
  /** Called once when the kernel is disposed (after its processes are killed). */
  dispose?(): void | Promise<void>;
}

/** What a driver gets at mount: kernel-wide services, never the kernel's internals. */
export interface DriverHost {
  /** The kernel's composed filesystem (all mounts), acting with no process of its own. */
  readonly filesystem: FileSystem;
  /** The syscall groups this kernel offers. */
  readonly syscallGroups: readonly SyscallGroup[];
}

export interface ProcessInput extends AsyncIterable<Uint8Array> {
  /** The next chunk, or null at end of input. */
  read(): Promise<Uint8Array | null>;
  /** Everything up to end of input. */
  readAll(): Promise<Uint8Array>;
  /** Everything up to end of input, decoded as UTF-8. */
  text(): Promise<string>;
}

export interface ProcessOutput {
  /** Resolves once the data is accepted (waits while a pipe is full); EPIPE when no reader is left. */
  write(data: FileData): Promise<void>;
  readonly isTTY: boolean;
}

export interface ProcessContext {
  readonly pid: number;
  readonly ppid: number;
  /** `argv[0]`, the command name as it was looked up. */
  readonly command: string;
  readonly argv: readonly string[];
  /** The environment at start; `sys.environ()` follows later changes. */
  readonly env: Readonly<Record<string, string>>;
  /** The working directory at start; `sys.cwd()` follows `chdir`. */
  readonly cwd: string;
  /** The syscalls this process may make, bound to it. */
  readonly sys: Syscalls;
  /** fd 0, 1 and 2 as streams. */
  readonly stdin: ProcessInput;
  readonly stdout: ProcessOutput;
  readonly stderr: ProcessOutput;
  /** Aborted when the process is killed or the kernel is disposed. */
  readonly signal: AbortSignal;
  /**
   * Handles SIGTERM, SIGINT and SIGHUP in place of their default action (ending the process with
   * 128 + n). SIGKILL cannot be handled. Returns a function that removes the handler.
   */
  onSignal(handler: (signal: SignalName) => void): () => void;
}
