/**
 * The `sh` command: `sh -c LINE [NAME [ARGS...]]`, `sh FILE [ARGS...]`, or `sh` reading its
 * script from stdin. A syntax error exits 2 with a message on stderr.
 */
import type { ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import { describeError } from "../../syscalls/errors.js";
import { ShellSyntaxError } from "./ast.js";
import { Interpreter } from "./interpreter.js";
import { parse } from "./parse.js";
import { createShellState } from "./state.js";

export const SHELL_DRIVER_NAME = "shell";

export function createShellDriver(): RuntimeDriver {
  return {
    name: SHELL_DRIVER_NAME,
    commands: ["sh"],
    async run(process: ProcessContext): Promise<number> {
      const args = process.argv.slice(1);
      let source: string;
      let name = "sh";
      let positional: string[];
      if (args[0] === "-c") {
        if (args.length < 2) {
          await process.stderr.write("sh: -c: option requires an argument\n");
          return 2;
        }
        source = args[1]!;
        name = args[2] ?? "sh";
        positional = args.slice(3);
      } else if (args.length > 0) {
        name = args[0]!;
        positional = args.slice(1);
        try {
          source = new TextDecoder().decode(await process.sys.readFile(name));
        } catch (error) {
          await process.stderr.write(`sh: ${name}: ${describeError(error)}\n`);
          return 127;
        }
      } else {
        source = await process.stdin.text();
        positional = [];
      }
      let script;
      try {
        script = parse(source);
      } catch (error) {
        if (!(error instanceof ShellSyntaxError)) throw error;
        await process.stderr.write(`sh: ${error.message}\n`);
        return 2;
      }
      const state = createShellState(process.env, process.pid, name, positional);
      return new Interpreter(process.sys).runScript(script, state);
    },
  };
}
