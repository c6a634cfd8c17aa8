/**
 * Answers the sandbox's syscalls in the application process: a whitelist over the kernel
 * process's syscalls (the table's names, plus two batched lookups the module loader uses), with
 * every argument checked before use and every failure turned into plain error data.
 */
import type { BridgeReply, SerializedError } from "./protocol.js";
import { SystemError, describeError } from "../../syscalls/errors.js";
import type { Syscalls } from "../../syscalls/interfaces.js";
import { SYSCALL_TABLE, type SyscallName } from "../../syscalls/table.js";
import { createRequire } from "node:module";
import { createChildProcessOps } from "./child-processes.js";
import { isTypeScript, probeFile } from "./probe.js";

const require = createRequire(import.meta.url);

/**
 * Syscalls the sandbox may not make directly: the runtime handles these itself, and children are
 * started and signalled through the child-process operations (only its own children).
 */
const WITHHELD: ReadonlySet<string> = new Set<SyscallName>(["exit", "setTimer", "clearTimer", "spawn", "wait", "kill", "pipe", "dup", "dup2"]);

const decoder = new TextDecoder();

type Operation = (sys: Syscalls, args: unknown[]) => Promise<unknown> | unknown;

/** Lookups that save the module loader round trips: content and type in one call each. */
const EXTRA: Record<string, Operation> = {
  readTextFile: async (sys, [path]) => {
    const text = decoder.decode(await sys.readFile(stringArg(path)));
    return isTypeScript(path as string) ? stripTypes(path as string, text) : text;
  },
  probeFile: (sys, [path]) => probeFile(sys, stringArg(path)),
  statType: async (sys, [path]) => {
    try {
      return (await sys.stat(stringArg(path))).type;
    } catch {
      return null;
    }
  },
};

export function createSyscallGateway(sys: Syscalls): (op: string, args: unknown[]) => Promise<BridgeReply> {
  const children: Record<string, (args: unknown[]) => Promise<unknown>> = createChildProcessOps(sys);
  return async (op, args) => {
    try {
      if (!Array.isArray(args)) throw new SystemError("EINVAL", { detail: "bad syscall arguments" });
      const extra = Object.hasOwn(EXTRA, op) ? EXTRA[op] : undefined;
      if (extra) return { ok: true, value: await extra(sys, args) };
      const child = Object.hasOwn(children, op) ? children[op] : undefined;
      if (child) return { ok: true, value: await child(args) };
      if (!Object.hasOwn(SYSCALL_TABLE, op) || WITHHELD.has(op)) throw new SystemError("ENOSYS", { syscall: op });
      const fn = sys[op as SyscallName] as (...a: unknown[]) => unknown;
      return { ok: true, value: await fn(...args) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  };
}


type Amaro = { transformSync(source: string, options: { mode: "strip-only" }): { code: string } };
let amaro: Amaro | undefined;

/** Node's own type stripper (amaro), loaded on first use: types become spaces, positions stay. */
function stripTypes(path: string, source: string): string {
  if (/(^|\/)node_modules\//.test(path)) {
    throw new CodedError("ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING", `Stripping types is currently unsupported for files under node_modules, for "${path}"`);
  }
  amaro ??= require("amaro") as Amaro;
  try {
    return amaro.transformSync(source, { mode: "strip-only" }).code;
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const text = String(message ?? error).split("\n")[0]!;
    throw new CodedError(code === "UnsupportedSyntax" ? "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX" : "ERR_INVALID_TYPESCRIPT_SYNTAX", text, "SyntaxError");
  }
}

/** An error with a Node-style code that reaches the sandbox as it is (no host details in it). */
class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    override readonly name: string = "Error",
  ) {
    super(message);
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof CodedError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof SystemError) {
    const result: SerializedError = { name: "Error", message: error.message, code: error.code, errno: error.errno };
    if (error.syscall !== undefined) result.syscall = error.syscall;
    if (error.path !== undefined) result.path = error.path;
    if (error.dest !== undefined) result.dest = error.dest;
    return result;
  }
  // Anything else is described without its stack: no host path leaves the application.
  return { name: error instanceof TypeError ? "TypeError" : "Error", message: describeError(error) };
}

function stringArg(value: unknown): string {
  if (typeof value !== "string") throw new SystemError("EINVAL", { detail: "path must be a string" });
  return value;
}
