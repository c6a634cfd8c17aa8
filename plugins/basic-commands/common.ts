/**
 * What the basic commands share: the command signature, error reporting in coreutils' form
 * (`cmd: target: No such file or directory`), getopt-like option parsing, and reading a file
 * operand (or `-`, standard input) as a stream of chunks.
 */
import type { ProcessContext } from "../../syscalls/driver.js";
import { SystemError, describeError } from "../../syscalls/errors.js";
import { concatBytes } from "../../syscalls/bytes.js";

export { concatBytes };

/** One command: gets its arguments (without argv[0]) and returns its exit code. */
export type Command = (ctx: ProcessContext, args: readonly string[]) => Promise<number>;

export const encoder = new TextEncoder();

/** Writes one line to stderr. */
export async function warn(ctx: ProcessContext, message: string): Promise<void> {
  await ctx.stderr.write(`${message}\n`);
}

/**
 * The C-library text of a failure (`No such file or directory`). Once the process has been
 * killed (e.g. SIGPIPE after its reader left) the error is rethrown instead: nothing can be
 * reported anymore and the command should stop at once.
 */
export function errorText(ctx: ProcessContext, error: unknown): string {
  if (ctx.signal.aborted) throw error;
  return describeError(error);
}

/** Reports `cmd: target: <error>` on stderr. */
export async function fail(ctx: ProcessContext, command: string, target: string, error: unknown): Promise<void> {
  await warn(ctx, `${command}: ${target}: ${errorText(ctx, error)}`);
}

/** Whether `error` is a SystemError with one of `codes`. */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof SystemError && codes.includes(error.code);
}

export interface OptionSpec {
  /** Option letters that take no argument, e.g. `"rfR"`. @default "" */
  flags?: string;
  /** Option letters that take an argument, as `-n 5` or `-n5`. @default "" */
  values?: string;
  /** Long option names and the letter each stands for, e.g. `{ recursive: "r" }`. @default {} */
  long?: Record<string, string>;
  /** Letter that a `-NUM` argument sets, as in `head -5`. @default none */
  numeric?: string;
  /** Stop at the first operand instead of permuting as GNU getopt does (`env`). @default false */
  stopAtOperand?: boolean;
  /** Exit code of a usage error. @default 2 */
  usageStatus?: number;
}

export interface ParsedArgs {
  /** Every option letter that was given. */
  flags: Set<string>;
  /** The last argument of each value option. */
  values: Map<string, string>;
  /** Every option in command-line order, to tell which came last or to see each repeated value. */
  order: Array<{ letter: string; value?: string }>;
  operands: string[];
}

/**
 * Parses options like getopt_long: combined short flags (`-rf`), values (`-n 5`, `-n5`,
 * `--lines=5`), `--` ending options, `-` as an operand. On a usage error it writes the message
 * and returns the exit code instead.
 */
export async function parseArgs(
  ctx: ProcessContext,
  command: string,
  args: readonly string[],
  spec: OptionSpec,
): Promise<ParsedArgs | number> {
  const result = parseArgsSync(args, spec);
  if (typeof result !== "string") return result;
  await warn(ctx, `${command}: ${result}`);
  return spec.usageStatus ?? 2;
}

function parseArgsSync(args: readonly string[], spec: OptionSpec): ParsedArgs | string {
  const flags = spec.flags ?? "";
  const values = spec.values ?? "";
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), order: [], operands: [] };
  const set = (letter: string, value?: string): void => {
    parsed.flags.add(letter);
    parsed.order.push(value === undefined ? { letter } : { letter, value });
    if (value !== undefined) parsed.values.set(letter, value);
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") {
      parsed.operands.push(...args.slice(index + 1));
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      if (spec.stopAtOperand) {
        parsed.operands.push(...args.slice(index));
        break;
      }
      parsed.operands.push(arg);
      continue;
    }
    if (spec.numeric && /^-\d+$/.test(arg)) {
      set(spec.numeric, arg.slice(1));
      continue;
    }
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      const name = arg.slice(2, equals >= 0 ? equals : undefined);
      const matches = Object.keys(spec.long ?? {}).filter((long) => long.startsWith(name));
      const exact = matches.includes(name) ? name : matches.length === 1 ? matches[0] : undefined;
      if (exact === undefined) {
        return matches.length > 1 ? `option '${arg}' is ambiguous` : `unrecognized option '${arg}'`;
      }
      const letter = spec.long![exact]!;
      if (values.includes(letter)) {
        const value = equals >= 0 ? arg.slice(equals + 1) : args[++index];
        if (value === undefined) return `option '--${exact}' requires an argument`;
        set(letter, value);
      } else {
        if (equals >= 0) return `option '--${exact}' doesn't allow an argument`;
        set(letter);
      }
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at]!;
      if (values.includes(letter)) {
        const value = at + 1 < arg.length ? arg.slice(at + 1) : args[++index];
        if (value === undefined) return `option requires an argument -- '${letter}'`;
        set(letter, value);
        break;
      }
      if (!flags.includes(letter)) return `invalid option -- '${letter}'`;
      set(letter);
    }
  }
  return parsed;
}

/** An input being read: a file operand or standard input. */
export interface Input {
  /** The next chunk, or null at end of input. */
  read(): Promise<Uint8Array | null>;
  /** Releases the file's fd; a no-op for standard input. */
  close(): Promise<void>;
}

/** Opens a file operand for reading; `-` is standard input. Directories fail with EISDIR. */
export async function openInput(ctx: ProcessContext, operand: string): Promise<Input> {
  if (operand === "-") return { read: () => ctx.stdin.read(), close: async () => {} };
  const fd = await ctx.sys.open(operand, "r");
  try {
    const stat = await ctx.sys.fstat(fd);
    if (stat.type === "directory") throw new SystemError("EISDIR", { syscall: "read" });
  } catch (error) {
    await ctx.sys.close(fd).catch(() => {});
    throw error;
  }
  return {
    async read() {
      const chunk = await ctx.sys.read(fd);
      return chunk.byteLength === 0 ? null : chunk;
    },
    close: () => ctx.sys.close(fd).catch(() => {}),
  };
}

/**
 * Runs `body` on each operand opened as an input (standard input when there is none), reporting
 * `cmd: name: <error>` for one that cannot be opened or read and going on with the next.
 * Resolves to 0, or 1 when any failed.
 */
export async function eachInput(
  ctx: ProcessContext,
  command: string,
  operands: readonly string[],
  body: (input: Input, operand: string) => Promise<void>,
): Promise<number> {
  let status = 0;
  for (const operand of operands.length > 0 ? operands : ["-"]) {
    let input: Input;
    try {
      input = await openInput(ctx, operand);
    } catch (error) {
      await fail(ctx, command, operand, error);
      status = 1;
      continue;
    }
    try {
      await body(input, operand);
    } catch (error) {
      await fail(ctx, command, operand, error);
      status = 1;
    } finally {
      await input.close();
    }
  }
  return status;
}

/** Reads an input to its end. */
export async function readAll(input: Input): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await input.read(); chunk; chunk = await input.read()) chunks.push(chunk);
  return concatBytes(chunks);
}


/** The last path component, ignoring trailing slashes: `a/b/` → `b`. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** `dir/name`, without doubling a slash. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}
