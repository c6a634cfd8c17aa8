/** `cat [-n] [-b] [-E] [FILE...]`: copies each file (or standard input) to standard output. */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, concatBytes, eachInput, encoder, parseArgs } from "../common.js";

const NEWLINE = 0x0a;

export const cat: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "cat", args, {
    flags: "nbEu",
    long: { number: "n", "number-nonblank": "b", "show-ends": "E" },
  });
  if (typeof options === "number") return options;
  const decorate = options.flags.has("n") || options.flags.has("b") || options.flags.has("E");
  // Line numbers run on across files, as in GNU cat.
  const lines = new LineDecorator(ctx, options.flags.has("b") ? "nonblank" : options.flags.has("n") ? "all" : "none", options.flags.has("E"));
  return eachInput(ctx, "cat", options.operands, async (input) => {
    // One chunk at a time, so a full pipe holds cat back instead of buffering everything.
    for (let chunk = await input.read(); chunk; chunk = await input.read()) {
      await (decorate ? lines.write(chunk) : ctx.stdout.write(chunk));
    }
  });
};

/** Adds line numbers (`%6d\t`) and `$` line ends across chunk boundaries. */
class LineDecorator {
  private number = 0;
  private atLineStart = true;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly numbering: "all" | "nonblank" | "none",
    private readonly showEnds: boolean,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    const parts: Uint8Array[] = [];
    let start = 0;
    while (start < chunk.byteLength) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline < 0 ? chunk.byteLength : newline;
      if (this.atLineStart) {
        const blank = newline === start;
        if (this.numbering === "all" || (this.numbering === "nonblank" && !blank)) {
          parts.push(encoder.encode(`${String(++this.number).padStart(6)}\t`));
        }
      }
      parts.push(chunk.subarray(start, end));
      if (newline < 0) {
        this.atLineStart = false;
        break;
      }
      parts.push(encoder.encode(this.showEnds ? "$\n" : "\n"));
      this.atLineStart = true;
      start = newline + 1;
    }
    await this.ctx.stdout.write(concatBytes(parts));
  }
}
