/**
 * `tail [-n N] [-c N] [-q] [-v] [FILE...]`: the last 10 (or N) lines or N bytes; `-n +K` starts
 * at line K (`-c +K` at byte K).
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, type Input, eachInput, readAll } from "../common.js";
import { NEWLINE, lastLinesStart, parseSliceOptions } from "./slices.js";

export const tail: Command = async (ctx, args) => {
  const options = await parseSliceOptions(ctx, "tail", args);
  if (typeof options === "number") return options;
  const { parsed, mode, count, header } = options;
  return eachInput(ctx, "tail", parsed.operands, async (input, operand) => {
    await header(operand);
    if (count.plus) {
      await fromStart(ctx, input, mode, Math.max(0, count.value - 1));
      return;
    }
    const data = await readAll(input);
    const start = mode === "bytes" ? Math.max(0, data.byteLength - count.value) : lastLinesStart(data, count.value);
    await ctx.stdout.write(data.subarray(start));
  });
};

/** Skips `skip` lines or bytes, then copies the rest chunk by chunk. */
async function fromStart(ctx: ProcessContext, input: Input, mode: "lines" | "bytes", skip: number): Promise<void> {
  let remaining = skip;
  for (let chunk = await input.read(); chunk; chunk = await input.read()) {
    let start = 0;
    if (mode === "bytes") {
      start = Math.min(remaining, chunk.byteLength);
      remaining -= start;
    } else {
      while (remaining > 0 && start < chunk.byteLength) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline < 0) {
          start = chunk.byteLength;
          break;
        }
        start = newline + 1;
        remaining--;
      }
    }
    if (start < chunk.byteLength) await ctx.stdout.write(chunk.subarray(start));
  }
}
