/**
 * Percent-encoding as the WHATWG URL standard defines it (the encode sets, UTF-8 percent-encode,
 * percent-decode, application/x-www-form-urlencoded), and Punycode (RFC 3492) for domains.
 */
import { SandboxTextDecoder, SandboxTextEncoder } from "../text.js";

const encoder = new SandboxTextEncoder();
const decoder = new SandboxTextDecoder();

export type EncodeSet = (code: number) => boolean;

export const C0_CONTROL_SET: EncodeSet = (c) => c < 0x20 || c > 0x7e;
export const FRAGMENT_SET: EncodeSet = (c) => C0_CONTROL_SET(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
export const QUERY_SET: EncodeSet = (c) => C0_CONTROL_SET(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
export const SPECIAL_QUERY_SET: EncodeSet = (c) => QUERY_SET(c) || c === 0x27;
export const PATH_SET: EncodeSet = (c) => QUERY_SET(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
export const USERINFO_SET: EncodeSet = (c) =>
  PATH_SET(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5e) || c === 0x7c;
export const COMPONENT_SET: EncodeSet = (c) => USERINFO_SET(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
export const FORM_SET: EncodeSet = (c) => COMPONENT_SET(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

const hex = (byte: number) => `%${byte < 16 ? "0" : ""}${byte.toString(16).toUpperCase()}`;

/** UTF-8 percent-encodes one code point (given as its string) if it is in `set`. */
export function encodeCodePoint(char: string, set: EncodeSet): string {
  const code = char.codePointAt(0)!;
  if (!set(code)) return char;
  let out = "";
  for (const byte of encoder.encode(char)) out += hex(byte);
  return out;
}

export function encodeString(text: string, set: EncodeSet, spaceAsPlus = false): string {
  let out = "";
  for (const char of text) out += spaceAsPlus && char === " " ? "+" : encodeCodePoint(char, set);
  return out;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Percent-decodes the UTF-8 bytes of `text`. */
export function percentDecodeBytes(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]!) && isHex(bytes[i + 2]!)) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16));
      i += 2;
    } else out.push(byte);
  }
  return new Uint8Array(out);
}

export function percentDecode(text: string): string {
  return decoder.decode(percentDecodeBytes(text));
}

/** application/x-www-form-urlencoded parsing: name/value pairs. */
export function parseForm(input: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const sequence of input.split("&")) {
    if (sequence === "") continue;
    const at = sequence.indexOf("=");
    const name = at === -1 ? sequence : sequence.slice(0, at);
    const value = at === -1 ? "" : sequence.slice(at + 1);
    pairs.push([percentDecode(name.replace(/\+/g, " ")), percentDecode(value.replace(/\+/g, " "))]);
  }
  return pairs;
}

export function serializeForm(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${encodeString(name, FORM_SET, true)}=${encodeString(value, FORM_SET, true)}`).join("&");
}

/** A string as USVString: lone surrogates become U+FFFD. */
export function toUSVString(value: unknown): string {
  return String(value).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

// --- Punycode --------------------------------------------------------------------------------------
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

const threshold = (k: number, bias: number) => (k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias);
const digitChar = (d: number) => String.fromCharCode(d < 26 ? 0x61 + d : 0x30 + d - 26);

export function punycodeEncode(input: string): string {
  const points = Array.from(input, (c) => c.codePointAt(0)!);
  let output = points.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join("");
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < points.length) {
    const m = Math.min(...points.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of points) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

export function punycodeDecode(input: string): string | null {
  const output: number[] = [];
  const basic = Math.max(input.lastIndexOf("-"), 0);
  for (let j = 0; j < basic; j++) {
    if (input.charCodeAt(j) >= 0x80) return null;
    output.push(input.charCodeAt(j));
  }
  let n = 0x80;
  let i = 0;
  let bias = 72;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length; ) {
    const old = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const c = input.charCodeAt(index++);
      const digit = c - 0x30 < 10 ? c - 22 : c - 0x41 < 26 ? c - 0x41 : c - 0x61 < 26 ? c - 0x61 : BASE;
      if (digit >= BASE) return null;
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - old, length, old === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** A minimal UTS #46 ToASCII: lowercase, NFC, dots mapped, non-ASCII labels to `xn--`. */
export function domainToASCII(domain: string): string | null {
  const mapped = domain.replace(/[\u3002\uff0e\uff61]/g, ".").replace(/[\u00ad\u200b\u2060\ufeff]/g, "").normalize("NFC").toLowerCase();
  const labels = mapped.split(".").map((label) => {
    if (/^[\x00-\x7f]*$/.test(label)) {
      if (label.startsWith("xn--") && punycodeDecode(label.slice(4)) === null) return null;
      return label;
    }
    if (label.startsWith("xn--")) return null;
    return `xn--${punycodeEncode(label)}`;
  });
  return labels.includes(null) ? null : labels.join(".");
}

export function domainToUnicode(domain: string): string {
  return domain
    .split(".")
    .map((label) => (label.toLowerCase().startsWith("xn--") ? (punycodeDecode(label.slice(4)) ?? label) : label.toLowerCase()))
    .join(".");
}
