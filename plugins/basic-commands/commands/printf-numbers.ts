/** The numeric conversions of `printf`: parsing arguments as C's strtol/strtod do, and formatting them. */

/** One parsed `%` conversion. */
export interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conversion: string;
}

/** An integer argument: decimal, `0x` hex, `0` octal, or `'c` for a character's code. */
export function toInteger(arg: string | undefined, errors: string[]): bigint {
  if (arg === undefined || arg === "") return 0n;
  if (arg[0] === "'" || arg[0] === '"') return BigInt(arg.codePointAt(1) ?? 0);
  const match = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(arg);
  if (!match || match[0].length !== arg.length) errors.push(`'${arg}': invalid number`);
  if (!match) return 0n;
  const value = BigInt(match[2]!.startsWith("0") && !/^0[xX]/.test(match[2]!) ? `0o${match[2]!.slice(1) || "0"}` : match[2]!);
  return match[1] === "-" ? -value : value;
}

export function toFloat(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === "") return 0;
  if (arg[0] === "'" || arg[0] === '"') return arg.codePointAt(1) ?? 0;
  const match = /^\s*[+-]?(0[xX][0-9a-fA-F]+|inf(inity)?|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/i.exec(arg);
  if (!match || match[0].length !== arg.length) errors.push(`'${arg}': invalid number`);
  if (!match) return 0;
  const text = match[0].trim();
  const sign = text.startsWith("-") ? -1 : 1;
  const unsigned = text.replace(/^[+-]/, "").toLowerCase();
  if (unsigned.startsWith("inf")) return sign * Infinity;
  if (unsigned === "nan") return NaN;
  return sign * Number(unsigned);
}

/** Pads `digits` (with its sign or `0x` prefix) to the width, with zeros when the `0` flag allows. */
function pad(spec: Spec, prefix: string, digits: string, zeroAllowed: boolean): string {
  const width = spec.width ?? 0;
  const length = prefix.length + digits.length;
  if (spec.flags.includes("-")) return (prefix + digits).padEnd(width);
  if (zeroAllowed && spec.flags.includes("0")) return prefix + digits.padStart(width - prefix.length, "0");
  return (prefix + digits).padStart(Math.max(width, length));
}

export function formatInteger(spec: Spec, value: bigint): string {
  const { conversion, flags, precision } = spec;
  const signed = conversion === "d" || conversion === "i";
  const magnitude = signed ? (value < 0n ? -value : value) : BigInt.asUintN(64, value);
  const radix = conversion === "o" ? 8 : conversion === "x" || conversion === "X" ? 16 : 10;
  let digits = magnitude.toString(radix);
  if (conversion === "X") digits = digits.toUpperCase();
  if (precision !== undefined) digits = precision === 0 && magnitude === 0n ? "" : digits.padStart(precision, "0");
  let prefix = "";
  if (signed) prefix = value < 0n ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  if (flags.includes("#")) {
    if (conversion === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    if ((conversion === "x" || conversion === "X") && magnitude !== 0n) prefix = conversion === "x" ? "0x" : "0X";
  }
  return pad(spec, prefix, digits, precision === undefined);
}

export function formatFloat(spec: Spec, value: number): string {
  const { conversion, flags } = spec;
  const upper = conversion === conversion.toUpperCase();
  const precision = spec.precision ?? 6;
  const negative = value < 0 || Object.is(value, -0);
  const prefix = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const magnitude = Math.abs(value);
  let digits: string;
  if (!Number.isFinite(magnitude)) {
    digits = Number.isNaN(magnitude) ? "nan" : "inf";
    return pad(spec, prefix, upper ? digits.toUpperCase() : digits, false);
  }
  const alternate = flags.includes("#");
  const kind = conversion.toLowerCase();
  if (kind === "f") digits = withPoint(toFixedEven(magnitude, precision), alternate);
  else if (kind === "e") digits = exponential(magnitude, precision, alternate);
  else {
    const significant = precision === 0 ? 1 : precision;
    const exponent = magnitude === 0 ? 0 : Number(magnitude.toExponential(significant - 1).split("e")[1]);
    digits =
      exponent < -4 || exponent >= significant
        ? exponential(magnitude, significant - 1, alternate)
        : withPoint(toFixedEven(magnitude, significant - 1 - exponent), alternate);
    if (!alternate) digits = stripZeros(digits);
  }
  if (upper) digits = digits.toUpperCase();
  return pad(spec, prefix, digits, true);
}

/**
 * `toFixed`, except that an exact tie rounds to even as C's printf does (`%.0f` of 2.5 is `2`);
 * `toFixed` rounds it up. `toFixed(100)` shows the exact decimal value to tell a tie.
 */
function toFixedEven(value: number, digits: number): string {
  // toFixed switches to exponent notation from 1e21; doubles that large are integers.
  if (value >= 1e21) return `${BigInt(value)}${digits > 0 ? `.${"0".repeat(digits)}` : ""}`;
  const rounded = value.toFixed(digits);
  const exact = value.toFixed(Math.min(100, digits + 30));
  const cut = exact.indexOf(".") + digits + (digits > 0 ? 1 : 0);
  if (!/^50*$/.test(exact.slice(cut).replace(".", ""))) return rounded;
  const truncated = exact.slice(0, cut).replace(/\.$/, "");
  return Number(truncated.at(-1)) % 2 === 0 ? truncated : rounded;
}

/** `%g` drops trailing zeros of the fraction, and the point when nothing is left after it. */
function stripZeros(digits: string): string {
  const [mantissa, exponent] = digits.split("e") as [string, string | undefined];
  const stripped = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
  return exponent === undefined ? stripped : `${stripped}e${exponent}`;
}

/** `1.5e+00`: C prints at least two exponent digits. */
function exponential(value: number, precision: number, alternate: boolean): string {
  const [mantissa, exponent] = value.toExponential(precision).split("e") as [string, string];
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${withPoint(mantissa, alternate)}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
}

/** The `#` flag keeps a decimal point even without decimals. */
function withPoint(digits: string, alternate: boolean): string {
  return alternate && !digits.includes(".") ? `${digits}.` : digits;
}
