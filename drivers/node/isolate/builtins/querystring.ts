/** `querystring`: Node's legacy query string parser and serializer. */
import { Buffer } from "buffer";
import { codedError } from "../errors.js";

/** Percent-decodes to bytes; every other character is one byte (its low eight bits), as in Node. */
function unescapeBuffer(text: string, decodeSpaces = false): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 43 && decodeSpaces) out[n++] = 32;
    else if (c === 37 && i + 2 < text.length && hex(text.charCodeAt(i + 1)) >= 0 && hex(text.charCodeAt(i + 2)) >= 0) {
      out[n++] = hex(text.charCodeAt(i + 1)) * 16 + hex(text.charCodeAt(i + 2));
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return Buffer.from(out.buffer, out.byteOffset, n);
}

function unescape(text: string, decodeSpaces?: boolean): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return unescapeBuffer(text, decodeSpaces).toString();
  }
}

function escape(value: unknown): string {
  const text = typeof value === "string" ? value : typeof value === "object" && value !== null ? String(value) : `${value}`;
  try {
    return encodeURIComponent(text);
  } catch {
    throw codedError("ERR_INVALID_URI", "URI malformed", URIError);
  }
}

function stringifyPrimitive(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return `${value}`;
  if (typeof value === "bigint" || typeof value === "boolean") return `${value}`;
  return "";
}

function stringify(object: unknown, sep = "&", eq = "=", options?: { encodeURIComponent?: (s: string) => string }): string {
  sep ||= "&";
  eq ||= "=";
  const encode = options?.encodeURIComponent ?? qs.escape;
  if (object === null || typeof object !== "object") return "";
  const parts: string[] = [];
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    const k = encode(stringifyPrimitive(key)) + eq;
    if (Array.isArray(value)) for (const item of value) parts.push(k + encode(stringifyPrimitive(item)));
    else parts.push(k + encode(stringifyPrimitive(value)));
  }
  return parts.join(sep);
}

function parse(text: unknown, sep = "&", eq = "=", options?: { maxKeys?: number; decodeURIComponent?: (s: string) => string }): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = Object.create(null);
  if (typeof text !== "string" || text.length === 0) return result;
  sep ||= "&";
  eq ||= "=";
  const maxKeys = typeof options?.maxKeys === "number" ? options.maxKeys : 1000;
  const decode = options?.decodeURIComponent ?? qs.unescape;
  let pairs = text.split(sep);
  if (maxKeys > 0) pairs = pairs.slice(0, maxKeys);
  // Only keys and values with a valid escape are decoded (a `+` is a space either way).
  const decodeWith = (s: string) => {
    const plus = s.replace(/\+/g, " ");
    if (!/%[0-9a-f]{2}/i.test(s)) return plus;
    try {
      return decode(plus, true as never);
    } catch {
      return unescape(plus, true);
    }
  };
  for (const pair of pairs) {
    if (pair.length === 0) continue;
    const at = pair.indexOf(eq);
    const rawKey = at >= 0 ? pair.slice(0, at) : pair;
    const rawValue = at >= 0 ? pair.slice(at + eq.length) : "";
    const key = decodeWith(rawKey);
    const value = decodeWith(rawValue);
    if (!(key in result)) result[key] = value;
    else if (Array.isArray(result[key])) (result[key] as string[]).push(value);
    else result[key] = [result[key] as string, value];
  }
  return result;
}

const qs = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };

export function createQuerystring(): Record<string, unknown> {
  return qs;
}
