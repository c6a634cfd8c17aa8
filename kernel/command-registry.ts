/**
 * The mounted drivers and the commands they registered. `add` checks what a driver declares it
 * requires and refuses the mount, naming what is missing; a command belongs to one driver.
 */
import { inject, injectable } from "tsyringe";
import type { RuntimeDriver } from "../syscalls/driver.js";
import { isSyscallGroup } from "../syscalls/table.js";
import { KernelError } from "./errors.js";
import { CommandLookup, KernelSettings } from "./services.js";

const COMMAND_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

@injectable()
export class CommandRegistry implements CommandLookup {
  private readonly commands = new Map<string, RuntimeDriver>();
  private readonly mounted: RuntimeDriver[] = [];

  constructor(@inject(KernelSettings) private readonly settings: KernelSettings) {}

  find(command: string): RuntimeDriver | undefined {
    return this.commands.get(command);
  }

  get drivers(): readonly RuntimeDriver[] {
    return this.mounted;
  }

  commandNames(): string[] {
    return [...this.commands.keys()].sort();
  }

  /** Validates a driver against this kernel; throws a KernelError naming the problem. */
  check(driver: RuntimeDriver): void {
    if (!driver || typeof driver !== "object" || typeof driver.name !== "string" || typeof driver.run !== "function" || !Array.isArray(driver.commands)) {
      throw new KernelError("ERR_DRIVER_INVALID", "A driver must be an object with a string `name`, a `commands` array and a `run` function");
    }
    if (this.mounted.some((other) => other.name === driver.name)) {
      throw new KernelError("ERR_DRIVER_INVALID", `A driver named '${driver.name}' is already mounted`);
    }
    for (const command of driver.commands) {
      if (typeof command !== "string" || !COMMAND_NAME.test(command)) {
        throw new KernelError("ERR_DRIVER_INVALID", `Driver '${driver.name}' registers an invalid command name: ${JSON.stringify(command)}`);
      }
      const owner = this.commands.get(command);
      if (owner) {
        throw new KernelError("ERR_COMMAND_CONFLICT", `Driver '${driver.name}' registers '${command}', already registered by driver '${owner.name}'`);
      }
    }
    for (const group of driver.requires?.syscalls ?? []) {
      if (!isSyscallGroup(group) || !this.settings.syscallGroups.includes(group)) {
        throw new KernelError("ERR_DRIVER_REQUIREMENT", `Driver '${driver.name}' requires the '${String(group)}' syscall group, which this kernel does not offer`);
      }
    }
    for (const command of driver.requires?.commands ?? []) {
      if (!this.commands.has(command)) {
        throw new KernelError("ERR_DRIVER_REQUIREMENT", `Driver '${driver.name}' requires the command '${command}', which no mounted driver provides`);
      }
    }
  }

  add(driver: RuntimeDriver): void {
    this.check(driver);
    this.mounted.push(driver);
    for (const command of driver.commands) this.commands.set(command, driver);
  }

  remove(driver: RuntimeDriver): void {
    const index = this.mounted.indexOf(driver);
    if (index >= 0) this.mounted.splice(index, 1);
    for (const command of driver.commands) if (this.commands.get(command) === driver) this.commands.delete(command);
  }
}
