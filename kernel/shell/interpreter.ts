/**
 * Runs a parsed script with nothing but the shell process's syscalls: lists and their
 * operators, pipelines over kernel pipes, redirections as fds, builtins in the shell and every
 * other command as a child process. Failures of the command line become statuses and messages on
 * stderr, as in sh: 127 for an unknown command, 1 for a failed redirection.
 */
import { SystemError, describeError } from "../../syscalls/errors.js";
import type { OpenFlags, Syscalls } from "../../syscalls/interfaces.js";
import type { Pipeline, Script, SimpleCommand } from "./ast.js";
import { BUILTINS } from "./builtins.js";
import { expandToString, expandWord } from "./expand.js";
import { cloneShellState, exportedEnv, type ShellState } from "./state.js";

type Stdio = [number, number, number];

const REDIRECT_FLAGS: Record<"<" | ">" | ">>", OpenFlags> = { "<": "r", ">": "w", ">>": "a" };

export class Interpreter {
  constructor(private readonly sys: Syscalls) {}

  async runScript(script: Script, state: ShellState): Promise<number> {
    let status = state.status;
    for (let index = 0; index < script.items.length; index++) {
      const previous = index > 0 ? script.items[index - 1]!.next : undefined;
      if ((previous === "&&" && status !== 0) || (previous === "||" && status === 0)) continue;
      status = await this.runPipeline(script.items[index]!.pipeline, state);
      state.status = status;
      if (state.exitCode !== undefined) return state.exitCode;
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, state: ShellState): Promise<number> {
    const { commands } = pipeline;
    let status: number;
    if (commands.length === 1) {
      status = await this.runCommand(commands[0]!, [0, 1, 2], state, false);
    } else {
      const pipes = commands.slice(1).map(() => this.sys.pipe());
      const stages = commands.map(async (command, index) => {
        const input = index === 0 ? 0 : pipes[index - 1]![0];
        const output = index === commands.length - 1 ? 1 : pipes[index]![1];
        try {
          // Each stage is a subshell: `cd` or `export` in it never reach this shell.
          return await this.runCommand(command, [input, output, 2], cloneShellState(state), true);
        } finally {
          // This stage's children hold their own copies; letting go of ours lets EOF and EPIPE through.
          if (input !== 0) await this.sys.close(input).catch(() => {});
          if (output !== 1) await this.sys.close(output).catch(() => {});
        }
      });
      const statuses = await Promise.all(stages);
      status = statuses[statuses.length - 1]!;
    }
    return pipeline.negated ? (status === 0 ? 1 : 0) : status;
  }

  private async runCommand(command: SimpleCommand, stdio: Stdio, state: ShellState, subshell: boolean): Promise<number> {
    const fds: Stdio = [...stdio];
    const opened: number[] = [];
    const write = async (fd: 1 | 2, text: string): Promise<void> => {
      await this.sys.write(fds[fd], text);
    };
    const complain = (text: string): Promise<void> => write(2, `sh: ${text}\n`).catch(() => {});
    try {
      for (const redirect of command.redirects) {
        if (redirect.fd > 2) {
          await complain(`${redirect.fd}: redirection of this file descriptor is not supported`);
          return 1;
        }
        if ("targetFd" in redirect) {
          if (redirect.targetFd > 2) {
            await complain(`${redirect.targetFd}: Bad file descriptor`);
            return 1;
          }
          fds[redirect.fd] = fds[redirect.targetFd]!;
          continue;
        }
        const targets = expandWord(redirect.target, state);
        if (targets.length !== 1) {
          await complain(`${expandToString(redirect.target, state)}: ambiguous redirect`);
          return 1;
        }
        try {
          const fd = await this.sys.open(targets[0]!, REDIRECT_FLAGS[redirect.op]);
          opened.push(fd);
          fds[redirect.fd] = fd;
        } catch (error) {
          await complain(`${targets[0]}: ${describeError(error)}`);
          return 1;
        }
      }

      const assignments = command.assignments.map(({ name, value }): [string, string] => [name, expandToString(value, state)]);
      const words = command.words.flatMap((word) => expandWord(word, state));
      if (words.length === 0) {
        for (const [name, value] of assignments) state.vars.set(name, value);
        return 0;
      }
      const [name, ...args] = words as [string, ...string[]];
      const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
      if (builtin) {
        try {
          return await builtin({ args, sys: this.sys, state, write, subshell });
        } catch (error) {
          await complain(`${name}: ${describeError(error)}`);
          return 1;
        }
      }
      let pid: number;
      try {
        pid = await this.sys.spawn({ argv: words, env: exportedEnv(state, assignments), stdio: fds });
      } catch (error) {
        if (error instanceof SystemError && error.code === "ENOENT") {
          await complain(`${name}: command not found`);
          return 127;
        }
        await complain(`${name}: ${describeError(error)}`);
        return 126;
      }
      return (await this.sys.wait(pid)).exitCode;
    } finally {
      for (const fd of opened) await this.sys.close(fd).catch(() => {});
    }
  }
}
