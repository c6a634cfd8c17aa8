/**
 * The narrow interfaces the kernel's parts see of each other, with their DI tokens. One child
 * container per kernel (see kernel.ts) holds one instance of each.
 */
import type { InjectionToken } from "tsyringe";
import type { FileSystem, FileSystemBackend } from "../syscalls/fs-types.js";
import type { SpawnRequest } from "../syscalls/interfaces.js";
import type { RuntimeDriver } from "../syscalls/driver.js";
import type { SyscallGroup } from "../syscalls/table.js";
import type { OpenFileRef } from "./open-file.js";
import type { KernelProcess } from "./process-table.js";

export function token<T>(name: string): InjectionToken<T> {
  return Symbol(name) as InjectionToken<T>;
}

/** The kernel's composed filesystem: every mount, `/dev` included. */
export interface KernelFileSystem extends FileSystem {
  mount(path: string, filesystem: FileSystemBackend): void;
  unmount(path: string): void;
}
export const KernelFileSystem = token<KernelFileSystem>("KernelFileSystem");

export interface KernelSettings {
  readonly syscallGroups: readonly SyscallGroup[];
  /** Environment of processes started without one. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}
export const KernelSettings = token<KernelSettings>("KernelSettings");

/** Starts processes: the one place that turns a command name into a running driver. */
export interface ProcessLauncher {
  /**
   * Starts `request.argv` as a child of `parent` (null: of the kernel), with the parent's fds
   * named in `request.stdio` as its 0, 1 and 2. ENOENT when no driver runs the command.
   */
  launch(parent: KernelProcess | null, request: SpawnRequest, stdio: StdioRefs): KernelProcess;
}
export const ProcessLauncher = token<ProcessLauncher>("ProcessLauncher");

/** The open file descriptions a new process gets as fds 0, 1 and 2 (each retained for it). */
export type StdioRefs = readonly [OpenFileRef, OpenFileRef, OpenFileRef];

export interface CommandLookup {
  find(command: string): RuntimeDriver | undefined;
}
export const CommandLookup = token<CommandLookup>("CommandLookup");
