/**
 * The `sh` command: `sh -c LINE [NAME [ARGS...]]`, `sh FILE [ARGS...]`, or `sh` / `sh -i`
 * reading commands from stdin line by line (state such as the cwd and exported variables carries
 * from one line to the next; `-i` prints prompts on stderr). A syntax error exits 2 with a
 * message; in the line-by-line mode it sets `$?` to 2 and the shell reads on.
 */
import type { ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import { describeError } from "../../syscalls/errors.js";
import { ShellSyntaxError, type Script } from "./ast.js";
import { Interpreter } from "./interpreter.js";
import { parse } from "./parse.js";
import { createShellState, type ShellState } from "./state.js";

export const SHELL_DRIVER_NAME = "shell";

export function createShellDriver(): RuntimeDriver {
  return {
    name: SHELL_DRIVER_NAME,
    commands: ["sh"],
    async run(process: ProcessContext): Promise<number> {
      const args = process.argv.slice(1);
      if (args.length === 0 || args[0] === "-i" || args[0] === "-s") {
        const state = createShellState(process.env, process.pid, "sh", args.slice(1));
        return readAndRun(process, state, args[0] === "-i");
      }
      let source: string;
      let name: string;
      let positional: string[];
      if (args[0] === "-c") {
        if (args.length < 2) {
          await process.stderr.write("sh: -c: option requires an argument\n");
          return 2;
        }
        source = args[1]!;
        name = args[2] ?? "sh";
        positional = args.slice(3);
      } else {
        name = args[0]!;
        positional = args.slice(1);
        try {
          source = new TextDecoder().decode(await process.sys.readFile(name));
        } catch (error) {
          await process.stderr.write(`sh: ${name}: ${describeError(error)}\n`);
          return 127;
        }
      }
      const script = await parseOrReport(process, source);
      if (!script) return 2;
      return new Interpreter(process.sys).runScript(script, createShellState(process.env, process.pid, name, positional));
    },
  };
}

async function parseOrReport(process: ProcessContext, source: string): Promise<Script | undefined> {
  try {
    return parse(source);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    await process.stderr.write(`sh: ${error.message}\n`);
    return undefined;
  }
}

/** Runs commands from stdin as each one is complete (a quote or `&&` may span lines). */
async function readAndRun(process: ProcessContext, state: ShellState, interactive: boolean): Promise<number> {
  const interpreter = new Interpreter(process.sys);
  const decoder = new TextDecoder();
  const prompt = (pending: string) => (interactive ? process.stderr.write(pending ? "> " : "$ ").catch(() => {}) : undefined);
  let buffered = "";
  let pending = "";

  const runPending = async (final: boolean): Promise<boolean> => {
    let script: Script;
    try {
      script = parse(pending);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      if (error.incomplete && !final) return false;
      await process.stderr.write(`sh: ${error.message}\n`).catch(() => {});
      pending = "";
      state.status = 2;
      return false;
    }
    pending = "";
    await interpreter.runScript(script, state);
    return state.exitCode !== undefined;
  };

  await prompt(pending);
  for await (const chunk of process.stdin) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let newline = buffered.indexOf("\n"); newline >= 0; newline = buffered.indexOf("\n")) {
      pending += buffered.slice(0, newline + 1);
      buffered = buffered.slice(newline + 1);
      if (await runPending(false)) return state.exitCode!;
      await prompt(pending);
    }
  }
  pending += buffered + decoder.decode();
  if (pending.trim() !== "" && (await runPending(true))) return state.exitCode!;
  return state.exitCode ?? state.status;
}
