/**
 * `wc [-l] [-w] [-m] [-c] [-L] [FILE...]`: counts lines, words, characters and bytes (`-L`: the
 * longest line's width, tabs to multiples of 8), laid out as GNU
 * wc does: one count of one input prints bare; otherwise right-aligned columns as wide as the
 * total size of the regular files (at least 7 when an input is a pipe or device), and a `total`
 * line for several files.
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, eachInput, parseArgs } from "../common.js";

type Field = "lines" | "words" | "chars" | "bytes" | "longest";
type Counts = Record<Field, number>;

const FIELDS: readonly Field[] = ["lines", "words", "chars", "bytes", "longest"];
const LETTERS: Record<string, Field> = { l: "lines", w: "words", m: "chars", c: "bytes", L: "longest" };

export const wc: Command = async (ctx, args) => {
  const parsed = await parseArgs(ctx, "wc", args, {
    flags: "lwmcL",
    long: { lines: "l", words: "w", chars: "m", bytes: "c", "max-line-length": "L" },
  });
  if (typeof parsed === "number") return parsed;
  const chosen = FIELDS.filter((field) => [...parsed.flags].some((letter) => LETTERS[letter] === field));
  const fields: readonly Field[] = chosen.length > 0 ? chosen : ["lines", "words", "bytes"];
  const operands = parsed.operands.length > 0 ? parsed.operands : ["-"];
  const width = fields.length === 1 && operands.length === 1 ? 1 : await columnWidth(ctx, operands);
  const format = (counts: Counts, name?: string): string =>
    fields.map((field) => String(counts[field]).padStart(width)).join(" ") + (name === undefined ? "" : ` ${name}`) + "\n";

  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  const status = await eachInput(ctx, "wc", parsed.operands, async (input, operand) => {
    const counter = new Counter();
    for (let chunk = await input.read(); chunk; chunk = await input.read()) counter.add(chunk);
    for (const field of FIELDS) {
      // The total of -L is the longest line of all inputs, not a sum.
      total[field] = field === "longest" ? Math.max(total[field], counter.counts[field]) : total[field] + counter.counts[field];
    }
    await ctx.stdout.write(format(counter.counts, parsed.operands.length > 0 ? operand : undefined));
  });
  if (operands.length > 1) await ctx.stdout.write(format(total, "total"));
  return status;
};

/** GNU's width: the digits of the regular files' total size, at least 7 if any input is not one. */
async function columnWidth(ctx: ProcessContext, operands: readonly string[]): Promise<number> {
  let size = 0;
  let minimum = 1;
  for (const operand of operands) {
    const stat = await (operand === "-" ? ctx.sys.fstat(0) : ctx.sys.stat(operand)).catch(() => undefined);
    if (!stat) continue;
    if (stat.type === "file") size += stat.size;
    else minimum = 7;
  }
  return Math.max(minimum, String(size).length);
}

const isSpace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/** Counts across chunks: a word or a UTF-8 character may span a chunk boundary. */
class Counter {
  readonly counts: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  private inWord = false;
  private column = 0;

  add(chunk: Uint8Array): void {
    this.counts.bytes += chunk.byteLength;
    for (const byte of chunk) {
      // Every byte but a UTF-8 continuation byte starts a character.
      const startsChar = (byte & 0xc0) !== 0x80;
      if (startsChar) this.counts.chars++;
      if (byte === 0x0a) {
        this.counts.lines++;
        this.column = 0;
      } else if (byte === 0x09) this.column += 8 - (this.column % 8);
      else if (startsChar && byte >= 0x20) this.column++;
      this.counts.longest = Math.max(this.counts.longest, this.column);
      if (isSpace(byte)) this.inWord = false;
      else if (!this.inWord) {
        this.inWord = true;
        this.counts.words++;
      }
    }
  }
}
