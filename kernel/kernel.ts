/**
 * `createKernel`: the composition root. Each kernel has its own tsyringe child container holding
 * its filesystem view, process table, command registry and launcher; nothing is shared between
 * kernels and nothing lives at module level.
 */
import "reflect-metadata";
import { container as rootContainer } from "tsyringe";
import { createMountFileSystem } from "../fs/mount.js";
import { createInMemoryFileSystem } from "../fs/memory.js";
import { createBasicCommands } from "../plugins/basic-commands/index.js";
import type { RuntimeDriver } from "../syscalls/driver.js";
import { SystemError } from "../syscalls/errors.js";
import type { SignalName } from "../syscalls/signals.js";
import { SYSCALL_GROUPS } from "../syscalls/table.js";
import type { FileSystemBackend } from "../syscalls/fs-types.js";
import { CommandRegistry } from "./command-registry.js";
import { createDevFileSystem } from "./devices.js";
import { KernelError, disposedError } from "./errors.js";
import { spawnHandle } from "./handle.js";
import { runExec } from "./exec.js";
import { Launcher } from "./launcher.js";
import { ProcessTable } from "./process-table.js";
import { KernelFileSystem, KernelSettings } from "./services.js";
import { createShellDriver } from "./shell/driver.js";
import type { ExecOptions, ExecResult, Kernel, KernelOptions, ProcessHandle, ProcessInfo, SpawnOptions } from "./types.js";

const DEFAULT_CWD = "/root";

export function createKernel(options: KernelOptions = {}): Kernel {
  const cwd = options.cwd ?? DEFAULT_CWD;
  const settings: KernelSettings = {
    syscallGroups: [...(options.syscallGroups ?? SYSCALL_GROUPS)],
    cwd,
    env: options.env ?? { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root", USER: "root", SHELL: "/bin/sh" },
  };
  const filesystem = createMountFileSystem(options.filesystem ?? createInMemoryFileSystem());
  filesystem.mount("/dev", createDevFileSystem());
  for (const mount of options.mounts ?? []) filesystem.mount(mount.path, mount.filesystem);

  const container = rootContainer.createChildContainer();
  container.registerInstance(KernelSettings, settings);
  container.registerInstance<KernelFileSystem>(KernelFileSystem, filesystem);
  container.registerSingleton(ProcessTable);
  container.registerSingleton(CommandRegistry);
  container.registerSingleton(Launcher);
  const processes = container.resolve(ProcessTable);
  processes.maxProcesses = options.maxProcesses ?? 256;
  const registry = container.resolve(CommandRegistry);
  const launcher = container.resolve(Launcher);

  registry.add(createShellDriver());
  if (options.basicCommands !== false) registry.add(createBasicCommands());
  // The standard directories, where the root filesystem can take them.
  const ready = Promise.all([cwd, "/tmp"].map((dir) => filesystem.mkdir(dir, { recursive: true }).catch(() => {})));

  let disposal: Promise<void> | undefined;
  const live = (): void => {
    if (disposal) throw disposedError();
  };

  return {
    filesystem,
    get disposed() {
      return disposal !== undefined;
    },
    async mount(driver: RuntimeDriver) {
      live();
      registry.check(driver);
      await driver.init?.({ filesystem, syscallGroups: settings.syscallGroups });
      live();
      registry.add(driver);
    },
    mountFileSystem(path: string, backend: FileSystemBackend) {
      live();
      filesystem.mount(path, backend);
    },
    unmountFileSystem(path: string) {
      live();
      filesystem.unmount(path);
    },
    async exec(commandLine: string, execOptions: ExecOptions = {}): Promise<ExecResult> {
      live();
      if (typeof commandLine !== "string") {
        throw new KernelError("ERR_INVALID_ARG_TYPE", `The "commandLine" argument must be of type string. Received ${typeof commandLine}`);
      }
      await ready;
      live();
      return runExec({ launcher, processes }, commandLine, execOptions);
    },
    spawn(argv: readonly string[], spawnOptions: SpawnOptions = {}): ProcessHandle {
      live();
      return spawnHandle(launcher, processes, argv, spawnOptions);
    },
    commands: () => registry.commandNames(),
    drivers: () => registry.drivers.map((driver) => driver.name),
    processes: (): ProcessInfo[] =>
      processes.list().map((process) => ({
        pid: process.pid,
        ppid: process.ppid,
        argv: [...process.argv],
        cwd: process.cwd,
        running: process.running,
        ...(process.status ? { exitCode: process.status.exitCode } : {}),
      })),
    kill(pid: number, signal: SignalName = "SIGTERM") {
      live();
      const process = processes.find(pid);
      if (!process?.running) throw new SystemError("ESRCH", { syscall: "kill" });
      process.signal(signal);
    },
    dispose() {
      disposal ??= (async () => {
        for (const process of processes.list()) process.signal("SIGKILL");
        const results = await Promise.allSettled(registry.drivers.map(async (driver) => driver.dispose?.()));
        await container.dispose();
        const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
        if (failure) throw failure.reason;
      })();
      return disposal;
    },
  };
}
