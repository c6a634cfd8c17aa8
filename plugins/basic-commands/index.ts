/**
 * The basic commands: `cat`, `ls`, `mkdir`, `rm`, `cp`, `mv`, `touch`, `head`, `tail`, `wc`,
 * `env`, `printf` and `sleep`, behaving like GNU coreutils for their common options. Each lives
 * in `commands/`; `common.ts` holds error reporting, option parsing and input reading.
 */
import type { ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import { baseName, type Command } from "./common.js";
import { cat } from "./commands/cat.js";
import { cp } from "./commands/cp.js";
import { env } from "./commands/env.js";
import { head } from "./commands/head.js";
import { ls } from "./commands/ls.js";
import { mkdir } from "./commands/mkdir.js";
import { mv } from "./commands/mv.js";
import { printf } from "./commands/printf.js";
import { rm } from "./commands/rm.js";
import { sleep } from "./commands/sleep.js";
import { tail } from "./commands/tail.js";
import { touch } from "./commands/touch.js";
import { wc } from "./commands/wc.js";

export const DRIVER_NAME = "basic-commands";

export function createBasicCommands(): RuntimeDriver {
  const commands: Record<string, Command> = { cat, ls, mkdir, rm, cp, mv, touch, head, tail, wc, env, printf, sleep };
  return {
    name: DRIVER_NAME,
    commands: Object.keys(commands),
    // No `requires`: the kernel mounts this driver itself, whatever groups it offers, and each
    // command only meets ENOSYS if it does use a missing group (sleep without timers).
    async run(process: ProcessContext): Promise<number> {
      // argv[0] may be a path such as `/bin/cat`.
      const name = baseName(process.argv[0] ?? process.command);
      const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
      if (!command) {
        await process.stderr.write(`${DRIVER_NAME}: ${name}: command not found\n`);
        return 127;
      }
      return command(process, process.argv.slice(1));
    },
  };
}
