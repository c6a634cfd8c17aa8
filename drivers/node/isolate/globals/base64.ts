/** `atob` and `btoa` with the forgiving-base64 rules and Node's errors. */
import { missingArgs } from "../builtins/fs-errors.js";
import { DOMException } from "./dom-exception.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const WHITESPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

export function btoa(input: unknown): string {
  if (arguments.length === 0) throw missingArgs("input");
  const text = `${input as string}`;
  let out = "";
  for (let i = 0; i < text.length; i += 3) {
    const codes = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)];
    for (const code of codes) if (code > 0xff) throw new DOMException("Invalid character", "InvalidCharacterError");
    const [a, b, c] = codes as [number, number, number];
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[bits >> 18]! + ALPHABET[(bits >> 12) & 63]!;
    out += i + 1 < text.length ? ALPHABET[(bits >> 6) & 63]! : "=";
    out += i + 2 < text.length ? ALPHABET[bits & 63]! : "=";
  }
  return out;
}

export function atob(input: unknown): string {
  if (arguments.length === 0) throw missingArgs("input");
  const text = `${input as string}`;
  const invalid = () => new DOMException("Invalid character", "InvalidCharacterError");
  let data = "";
  let equals = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (WHITESPACE.has(code)) continue;
    if (code === 0x3d) {
      equals++;
      if (equals > 2) throw invalid();
    } else if (ALPHABET.indexOf(text[i]!) === -1) throw invalid();
    else if (equals > 0) throw invalid();
    data += text[i];
  }
  let remainder = data.length % 4;
  if (remainder === 0) remainder = (data.length - equals) % 4;
  else if (equals > 0) throw invalid();
  if (remainder === 1) throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
  const digits = data.replace(/=+$/, "");
  let out = "";
  let bits = 0;
  let count = 0;
  for (const char of digits) {
    bits = (bits << 6) | ALPHABET.indexOf(char);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 0xff);
    }
  }
  return out;
}
