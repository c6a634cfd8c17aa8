/**
 * `head [-n N] [-c N] [-q] [-v] [FILE...]`: the first 10 (or N) lines or N bytes; `-n -N` all
 * but the last N. It stops reading once it has what it prints, so an endless input is fine.
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, type Input, eachInput, parseArgs, readAll, warn } from "../common.js";
import { NEWLINE, countOption, headerWriter, lastLinesStart } from "./slices.js";

export const head: Command = async (ctx, args) => {
  const parsed = await parseArgs(ctx, "head", args, {
    flags: "qv",
    values: "nc",
    numeric: "n",
    long: { lines: "n", bytes: "c", quiet: "q", silent: "q", verbose: "v" },
  });
  if (typeof parsed === "number") return parsed;
  const option = countOption(parsed);
  if ("error" in option) {
    await warn(ctx, `head: ${option.error}`);
    return 1;
  }
  const { mode, count } = option;
  const header = headerWriter(ctx, parsed.flags.has("v") || (parsed.operands.length > 1 && !parsed.flags.has("q")));
  return eachInput(ctx, "head", parsed.operands, async (input, operand) => {
    await header(operand);
    if (count.minus) {
      const data = await readAll(input);
      const end = mode === "bytes" ? Math.max(0, data.byteLength - count.value) : lastLinesStart(data, count.value);
      await ctx.stdout.write(data.subarray(0, end));
    } else if (mode === "bytes") {
      await firstBytes(ctx, input, count.value);
    } else {
      await firstLines(ctx, input, count.value);
    }
  });
};

async function firstBytes(ctx: ProcessContext, input: Input, count: number): Promise<void> {
  let remaining = count;
  while (remaining > 0) {
    const chunk = await input.read();
    if (!chunk) return;
    const piece = chunk.byteLength > remaining ? chunk.subarray(0, remaining) : chunk;
    remaining -= piece.byteLength;
    await ctx.stdout.write(piece);
  }
}

async function firstLines(ctx: ProcessContext, input: Input, count: number): Promise<void> {
  let remaining = count;
  while (remaining > 0) {
    const chunk = await input.read();
    if (!chunk) return;
    let end = chunk.byteLength;
    for (let index = chunk.indexOf(NEWLINE); index >= 0; index = chunk.indexOf(NEWLINE, index + 1)) {
      if (--remaining === 0) {
        end = index + 1;
        break;
      }
    }
    await ctx.stdout.write(chunk.subarray(0, end));
  }
}
