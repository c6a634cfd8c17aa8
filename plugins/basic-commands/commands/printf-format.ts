/**
 * The format engine of `printf`, as coreutils implements it: backslash escapes, `%` conversions
 * with flags, width and precision (`*` takes them from the arguments), and the format applied
 * again while arguments remain. Output is bytes: `\303\251` must stay two bytes, not become two
 * characters.
 */
import { concatBytes, encoder } from "../common.js";
import { type Spec, formatFloat, formatInteger, toFloat, toInteger } from "./printf-numbers.js";

export interface FormatResult {
  output: Uint8Array;
  /** Messages for stderr (without the `printf: ` prefix). */
  errors: string[];
  /** A fatal error (an invalid conversion) ended the output early; exit 1. */
  fatal: boolean;
}

/** `\c` ends all output at once, as coreutils' printf does. */
class StopOutput {}

/** An invalid conversion stops printf with an error. */
class FatalFormatError {
  constructor(readonly message: string) {}
}

const SIMPLE_ESCAPES: Record<string, number> = { '"': 0x22, "\\": 0x5c, a: 7, b: 8, e: 0x1b, f: 0x0c, n: 0x0a, r: 0x0d, t: 9, v: 0x0b };

class Output {
  readonly parts: Uint8Array[] = [];
  text(text: string): void {
    if (text) this.parts.push(encoder.encode(text));
  }
  bytes(bytes: Uint8Array | number[]): void {
    this.parts.push(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  }
}

/**
 * Decodes the escape at `text[start]` (a backslash) into `out`; returns how many characters it
 * took. In `%b` arguments (`octalZero`) octal escapes read `\0NNN`; in a format, `\NNN`.
 */
function escape(text: string, start: number, out: number[], octalZero: boolean): number {
  let index = start + 1;
  const next = text[index];
  if (next === undefined) {
    out.push(0x5c);
    return 1;
  }
  if (next === "x") {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(index + 1))?.[0];
    if (!hex) throw new FatalFormatError("missing hexadecimal number in escape");
    out.push(parseInt(hex, 16));
    return 2 + hex.length;
  }
  if (/[0-7]/.test(next)) {
    if (octalZero && next === "0") index++;
    const octal = /^[0-7]{0,3}/.exec(text.slice(index))![0];
    out.push(parseInt(octal || "0", 8) & 0xff);
    return index + octal.length - start;
  }
  if (next === "c") throw new StopOutput();
  if (next === "u" || next === "U") {
    const digits = next === "u" ? 4 : 8;
    const hex = text.slice(index + 1, index + 1 + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new FatalFormatError(`missing hexadecimal number in escape`);
    out.push(...encoder.encode(String.fromCodePoint(parseInt(hex, 16))));
    return 2 + digits;
  }
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    out.push(simple);
    return 2;
  }
  out.push(0x5c, ...encoder.encode(next));
  return 2;
}

/** A string with its escapes decoded, as `%b` prints its argument. */
function decodeEscapes(text: string, octalZero: boolean): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; ) {
    if (text[index] === "\\") {
      try {
        index += escape(text, index, bytes, octalZero);
      } catch (error) {
        if (error instanceof StopOutput) throw new StopAfter(Uint8Array.from(bytes));
        throw error;
      }
      continue;
    }
    const codePoint = text.codePointAt(index)!;
    const char = String.fromCodePoint(codePoint);
    bytes.push(...encoder.encode(char));
    index += char.length;
  }
  return Uint8Array.from(bytes);
}

/** `\c` inside a `%b` argument: what came before it still prints. */
class StopAfter {
  constructor(readonly bytes: Uint8Array) {}
}

/** Formats `format` with `args`, reusing the format while arguments remain. */
export function formatPrintf(format: string, args: readonly string[]): FormatResult {
  const out = new Output();
  const errors: string[] = [];
  let position = 0;
  try {
    for (;;) {
      const used = formatOnce(format, args.slice(position), out, errors);
      position += used;
      if (used === 0 || position >= args.length) break;
    }
    if (position < args.length) errors.push(`warning: ignoring excess arguments, starting with '${args[position]}'`);
  } catch (error) {
    if (error instanceof FatalFormatError) return { output: concatBytes(out.parts), errors: [...errors, error.message], fatal: true };
    if (!(error instanceof StopOutput)) throw error;
  }
  return { output: concatBytes(out.parts), errors, fatal: false };
}

/** One pass over the format; returns how many arguments it used. */
function formatOnce(format: string, args: readonly string[], out: Output, errors: string[]): number {
  let used = 0;
  const nextArg = (): string | undefined => (used < args.length ? args[used++] : (used++, undefined));
  let literal = "";
  const flush = (): void => {
    out.text(literal);
    literal = "";
  };
  for (let index = 0; index < format.length; ) {
    const char = format[index]!;
    if (char === "\\") {
      flush();
      const bytes: number[] = [];
      try {
        index += escape(format, index, bytes, false);
      } finally {
        out.bytes(bytes);
      }
      continue;
    }
    if (char !== "%") {
      literal += char;
      index++;
      continue;
    }
    if (format[index + 1] === "%") {
      literal += "%";
      index += 2;
      continue;
    }
    flush();
    const match = /^%([-+ #0']*)(\*|\d*)(?:\.(\*|\d*))?(hh|ll|[hlLjqtz])?(.?)/s.exec(format.slice(index))!;
    index += match[0].length;
    const [, flags = "", widthText = "", precisionText, , conversion = ""] = match;
    if (!"diouxXfFeEgGcsb".includes(conversion) || conversion === "") {
      throw new FatalFormatError(`%${format.slice(index - match[0].length + 1, index)}: invalid conversion specification`);
    }
    const spec: Spec = { flags, width: undefined, precision: undefined, conversion };
    if (widthText === "*") {
      const width = Number(toInteger(nextArg(), errors));
      spec.width = Math.abs(width);
      if (width < 0) spec.flags += "-";
    } else if (widthText) spec.width = Number(widthText);
    if (precisionText === "*") {
      const precision = Number(toInteger(nextArg(), errors));
      spec.precision = precision >= 0 ? precision : undefined;
    } else if (precisionText !== undefined) spec.precision = Number(precisionText || "0");
    convert(spec, nextArg(), out, errors);
  }
  flush();
  return Math.min(used, args.length);
}

function convert(spec: Spec, arg: string | undefined, out: Output, errors: string[]): void {
  const { conversion, precision } = spec;
  if (conversion === "s" || conversion === "b" || conversion === "c") {
    let body: Uint8Array;
    let stop: StopAfter | undefined;
    if (conversion === "c") {
      const first = arg?.codePointAt(0);
      body = first === undefined ? new Uint8Array(0) : encoder.encode(String.fromCodePoint(first));
    } else if (conversion === "b") {
      try {
        body = decodeEscapes(arg ?? "", true);
      } catch (error) {
        if (!(error instanceof StopAfter)) throw error;
        stop = error;
        body = error.bytes;
      }
    } else body = encoder.encode(arg ?? "");
    if (precision !== undefined && conversion !== "c") body = body.subarray(0, precision);
    const padding = " ".repeat(Math.max(0, (spec.width ?? 0) - body.byteLength));
    if (spec.flags.includes("-")) {
      out.bytes(body);
      out.text(padding);
    } else {
      out.text(padding);
      out.bytes(body);
    }
    if (stop) throw new StopOutput();
    return;
  }
  const text = "diouxX".includes(conversion) ? formatInteger(spec, toInteger(arg, errors)) : formatFloat(spec, toFloat(arg, errors));
  out.text(text);
}
