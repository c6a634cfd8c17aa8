/** What head and tail share: counts with GNU's size suffixes, finding the last N lines, file headers. */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type ParsedArgs, parseArgs, warn } from "../common.js";

export const NEWLINE = 0x0a;

const MULTIPLIERS: Record<string, number> = { "": 1, b: 512 };
["k", "m", "g", "t", "p", "e"].forEach((unit, index) => {
  const power = index + 1;
  MULTIPLIERS[unit] = 1024 ** power;
  MULTIPLIERS[unit.toUpperCase()] = 1024 ** power;
  MULTIPLIERS[`${unit.toUpperCase()}iB`] = 1024 ** power;
  MULTIPLIERS[`${unit === "k" ? "k" : unit.toUpperCase()}B`] = 1000 ** power;
});

/** A count as `-n`/`-c` take it: `5`, `+5`, `-5`, `2K`, `1MB`. */
export interface Count {
  value: number;
  /** The text began with `+` (tail: start at this line or byte). */
  plus: boolean;
  /** The text began with `-` (head: all but the last N). */
  minus: boolean;
}

export function parseCount(text: string): Count | undefined {
  const match = /^([+-]?)(\d+)([A-Za-z]*)$/.exec(text);
  const multiplier = match ? MULTIPLIERS[match[3]!] : undefined;
  if (!match || multiplier === undefined) return undefined;
  return { value: Number(match[2]) * multiplier, plus: match[1] === "+", minus: match[1] === "-" };
}

/** Reads the `-n`/`-c` options (the later one wins, 10 lines by default) into a mode and a count. */
export function countOption(parsed: ParsedArgs): { mode: "lines" | "bytes"; count: Count } | { error: string } {
  const letter = parsed.order.filter((option) => option.letter === "n" || option.letter === "c").pop()?.letter ?? "n";
  const mode = letter === "c" ? "bytes" : "lines";
  const text = parsed.values.get(letter) ?? "10";
  const count = parseCount(text);
  return count ? { mode, count } : { error: `invalid number of ${mode}: '${text}'` };
}

/** Where the last `lines` lines of `data` begin (an unterminated last line counts as one). */
export function lastLinesStart(data: Uint8Array, lines: number): number {
  if (lines <= 0) return data.byteLength;
  let seen = 0;
  let index = data.byteLength - 1;
  if (data[index] === NEWLINE) index--;
  for (; index >= 0; index--) {
    if (data[index] === NEWLINE && ++seen === lines) return index + 1;
  }
  return 0;
}

/** `==> name <==` headers, with a blank line before every one but the first. */
export function headerWriter(ctx: ProcessContext, enabled: boolean): (operand: string) => Promise<void> {
  let first = true;
  return async (operand) => {
    if (!enabled) return;
    await ctx.stdout.write(`${first ? "" : "\n"}==> ${operand === "-" ? "standard input" : operand} <==\n`);
    first = false;
  };
}

export interface SliceOptions {
  parsed: ParsedArgs;
  mode: "lines" | "bytes";
  count: Count;
  header: (operand: string) => Promise<void>;
}

/** The options head and tail share; an exit status when they are wrong (reported on stderr). */
export async function parseSliceOptions(ctx: ProcessContext, name: "head" | "tail", args: readonly string[]): Promise<SliceOptions | number> {
  const parsed = await parseArgs(ctx, name, args, {
    flags: "qv",
    values: "nc",
    numeric: "n",
    long: { lines: "n", bytes: "c", quiet: "q", silent: "q", verbose: "v" },
  });
  if (typeof parsed === "number") return parsed;
  const option = countOption(parsed);
  if ("error" in option) {
    await warn(ctx, `${name}: ${option.error}`);
    return 1;
  }
  const header = headerWriter(ctx, parsed.flags.has("v") || (parsed.operands.length > 1 && !parsed.flags.has("q")));
  return { parsed, mode: option.mode, count: option.count, header };
}
