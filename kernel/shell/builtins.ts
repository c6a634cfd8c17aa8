/**
 * The builtins: commands that run inside the shell because they read or change its state
 * (`cd`, `export`, `exit`) or are cheapest there (`echo`, `pwd`, `true`, `false`).
 */
import { SystemError, describeError } from "../../syscalls/errors.js";
import type { Syscalls } from "../../syscalls/interfaces.js";
import type { ShellState } from "./state.js";

export interface BuiltinContext {
  args: string[];
  sys: Syscalls;
  state: ShellState;
  /** Writes to the command's stdout (1) or stderr (2) as redirected. */
  write(fd: 1 | 2, text: string): Promise<void>;
  /** True in a pipeline stage: changes to the shell's state stay in that stage. */
  subshell: boolean;
}

export type Builtin = (context: BuiltinContext) => Promise<number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const BUILTINS: Record<string, Builtin> = {
  true: async () => 0,
  false: async () => 1,
  ":": async () => 0,

  async echo({ args, write }) {
    let newline = true;
    let escapes = false;
    let index = 0;
    for (; index < args.length && /^-[neE]+$/.test(args[index]!); index++) {
      for (const flag of args[index]!.slice(1)) {
        if (flag === "n") newline = false;
        else escapes = flag === "e";
      }
    }
    let text = args.slice(index).join(" ");
    if (escapes) {
      const stop = text.indexOf("\\c");
      if (stop >= 0) {
        text = text.slice(0, stop);
        newline = false;
      }
      text = interpretEscapes(text);
    }
    await write(1, newline ? `${text}\n` : text);
    return 0;
  },

  async pwd({ sys, write }) {
    await write(1, `${sys.cwd()}\n`);
    return 0;
  },

  async cd({ args, sys, state, write, subshell }) {
    if (args.length > 1) {
      await write(2, "sh: cd: too many arguments\n");
      return 1;
    }
    let target = args[0] ?? state.vars.get("HOME") ?? "/";
    if (target === "-") target = state.vars.get("OLDPWD") ?? sys.cwd();
    const previous = sys.cwd();
    try {
      if (subshell) {
        const stat = await sys.stat(target);
        if (stat.type !== "directory") throw new SystemError("ENOTDIR");
        return 0;
      }
      await sys.chdir(target);
    } catch (error) {
      await write(2, `sh: cd: ${target}: ${describeError(error)}\n`);
      return 1;
    }
    state.vars.set("OLDPWD", previous);
    state.vars.set("PWD", sys.cwd());
    if (args[0] === "-") await write(1, `${sys.cwd()}\n`);
    return 0;
  },

  async export({ args, state, write }) {
    if (args.length === 0 || args[0] === "-p") {
      const lines = [...state.exported].sort().map((name) => `export ${name}=${quote(state.vars.get(name) ?? "")}\n`);
      await write(1, lines.join(""));
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const equals = arg.indexOf("=");
      const name = equals >= 0 ? arg.slice(0, equals) : arg;
      if (!NAME.test(name)) {
        await write(2, `sh: export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (equals >= 0) state.vars.set(name, arg.slice(equals + 1));
      state.exported.add(name);
    }
    return status;
  },

  async unset({ args, state }) {
    for (const name of args) {
      state.vars.delete(name);
      state.exported.delete(name);
    }
    return 0;
  },

  async exit({ args, state, write }) {
    let code = state.status;
    if (args.length > 0) {
      if (!/^-?\d+$/.test(args[0]!)) {
        await write(2, `sh: exit: ${args[0]}: numeric argument required\n`);
        code = 2;
      } else {
        code = Number(args[0]) & 0xff;
      }
    }
    state.exitCode = code;
    return code;
  },
};

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b", "\\": "\\" };

export function interpretEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|x[0-9A-Fa-f]{1,2}|.)/g, (match, code: string) => {
    if (code.startsWith("0")) return String.fromCharCode(parseInt(code.slice(1) || "0", 8));
    if (code.startsWith("x") && code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? match;
  });
}

function quote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
