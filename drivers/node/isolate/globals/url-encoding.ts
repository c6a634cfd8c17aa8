/// <reference path="./tr46.d.ts" />
/**
 * Percent-encoding as the WHATWG URL standard defines it (the encode sets, UTF-8 percent-encode,
 * percent-decode, application/x-www-form-urlencoded), and domains to ASCII and back (UTS #46).
 */
import { library } from "../lazy.js";
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

// --- Domains (UTS #46, by tr46: what the WHATWG URL standard asks for) ----------------------
const UTS46_OPTIONS = { checkHyphens: false, checkBidi: true, checkJoiners: true, useSTD3ASCIIRules: false, transitionalProcessing: false } as const;

/** tr46, evaluated on first use (its UTS #46 tables take 2.4 MB of heap); ASCII domains never need it. */
const tr46 = () => library("tr46");

/** An ASCII domain none of whose labels starts with "xn--": what UTS #46 maps it to is its lowercase (the standard says so). */
function plainAscii(domain: string): boolean {
  return domain !== "" && /^[\x00-\x7f]*$/.test(domain) && !/(?:^|\.)xn--/i.test(domain);
}

/** The WHATWG "domain to ASCII" (not strict): null when the domain is not valid. */
export function domainToASCII(domain: string): string | null {
  if (plainAscii(domain)) return domain.toLowerCase();
  return tr46().toASCII(domain, { ...UTS46_OPTIONS, verifyDNSLength: false, ignoreInvalidPunycode: false });
}

/** The WHATWG "domain to Unicode" (labels that fail to decode stay as they were). */
export function domainToUnicode(domain: string): string {
  if (plainAscii(domain)) return domain.toLowerCase();
  return tr46().toUnicode(domain, { ...UTS46_OPTIONS, ignoreInvalidPunycode: false }).domain;
}
