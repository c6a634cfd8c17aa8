/**
 * `head [-n N] [-c N] [-q] [-v] [FILE...]`: the first 10 (or N) lines or N bytes; `-n -N` all
 * but the last N. It stops reading once it has what it prints, so an endless input is fine.
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, type Input, eachInput, readAll } from "../common.js";
import { NEWLINE, lastLinesStart, parseSliceOptions } from "./slices.js";

export const head: Command = async (ctx, args) => {
  const options = await parseSliceOptions(ctx, "head", args);
  if (typeof options === "number") return options;
  const { parsed, mode, count, header } = options;
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
