/**
 * Starts processes: looks the command up, creates the process-table entry with its fds, binds
 * the syscalls its driver declared, and runs the driver. The driver's result (or failure) ends
 * the process unless a signal or `exit` ended it first.
 */
import { inject, injectable } from "tsyringe";
import { SystemError, describeError } from "../syscalls/errors.js";
import type { SpawnRequest } from "../syscalls/interfaces.js";
import type { SyscallGroup } from "../syscalls/table.js";
import { CommandRegistry } from "./command-registry.js";
import { createProcessContext } from "./process-context.js";
import { KernelProcess, ProcessTable } from "./process-table.js";
import { KernelFileSystem, KernelSettings, type ProcessLauncher, type StdioRefs } from "./services.js";
import { createSyscalls, toBytes } from "./syscalls.js";

@injectable()
export class Launcher implements ProcessLauncher {
  constructor(
    @inject(KernelFileSystem) private readonly filesystem: KernelFileSystem,
    @inject(ProcessTable) private readonly processes: ProcessTable,
    @inject(CommandRegistry) private readonly registry: CommandRegistry,
    @inject(KernelSettings) private readonly settings: KernelSettings,
  ) {}

  launch(parent: KernelProcess | null, request: SpawnRequest, stdio: StdioRefs): KernelProcess {
    const argv = validateArgv(request.argv);
    const command = argv[0]!;
    // `/bin/cat` and `/usr/bin/cat` name the registered command `cat`.
    const name = /^\/(usr\/)?bin\/[^/]+$/.test(command) ? command.slice(command.lastIndexOf("/") + 1) : command;
    const driver = this.registry.find(name);
    if (!driver) throw new SystemError("ENOENT", { syscall: "spawn", path: command });
    const env = { ...(request.env ?? parent?.env ?? this.settings.env) };
    const cwd = request.cwd ?? parent?.cwd ?? this.settings.cwd;
    const process = this.processes.create(parent?.pid ?? 0, argv, env, cwd);
    stdio.forEach((ref, fd) => process.fds.open(ref.retain(), fd));
    const groups = new Set<SyscallGroup>(driver.requires?.syscalls ?? this.settings.syscallGroups);
    const sys = createSyscalls({ filesystem: this.filesystem, processes: this.processes, launcher: this }, process, groups);
    const context = createProcessContext(process, sys);
    // Run on a later microtask so the caller holds the pid before the process can end.
    queueMicrotask(() => {
      let result: number | Promise<number>;
      try {
        result = driver.run(context);
      } catch (error) {
        result = Promise.reject(error);
      }
      Promise.resolve(result).then(
        (code) => process.exit(normalizeExitCode(code)),
        async (error: unknown) => {
          if (!process.running) return;
          // A driver that throws gets the failure reported on its stderr, as a crashed program would.
          await sys.write(2, toBytes(`${name}: ${describeError(error)}\n`)).catch(() => {});
          process.exit(1);
        },
      );
    });
    return process;
  }
}

function validateArgv(argv: unknown): string[] {
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((arg) => typeof arg === "string")) {
    throw new SystemError("EINVAL", { syscall: "spawn", detail: "argv must be a non-empty array of strings" });
  }
  if (argv[0] === "") throw new SystemError("ENOENT", { syscall: "spawn", path: "" });
  return [...argv];
}

function normalizeExitCode(code: unknown): number {
  return typeof code === "number" && Number.isInteger(code) ? code & 0xff : code === undefined ? 0 : 1;
}
