/**
 * `util.MIMEType` and `util.MIMEParams`: MIME types parsed and serialized by the WHATWG MIME
 * Sniffing standard, with Node's ERR_INVALID_MIME_SYNTAX errors (which name the part that failed
 * and, when one character is to blame, its index within that part).
 */
import { codedError } from "../errors.js";

const WHITESPACE = /[\t\n\r ]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const QUOTED_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]$/;

function syntaxError(part: string, input: string, at = -1): Error {
  return codedError("ERR_INVALID_MIME_SYNTAX", `The MIME syntax for a ${part} in "${input}" is invalid${at === -1 ? "" : ` at ${at}`}`, TypeError);
}

/** The index of the first character of `text` that `allowed` rejects, or -1. */
function firstInvalid(text: string, allowed: RegExp): number {
  for (let i = 0; i < text.length; i++) if (!allowed.test(text[i]!)) return i;
  return -1;
}

/** Checks a type or subtype (tokens only) and returns it lowercased. */
function validToken(part: string, value: string, input = value): string {
  const at = firstInvalid(value, TOKEN);
  if (value.length === 0 || at !== -1) throw syntaxError(part, input, at);
  return value.toLowerCase();
}

const trimEnd = (text: string) => text.replace(/[\t\n\r ]+$/, "");

/** Serializes a parameter value: as is when it is a non-empty token, else quoted. */
function serializeValue(value: string): string {
  if (value.length > 0 && firstInvalid(value, TOKEN) === -1) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** Sets a parameter without the checks of `set` (parsing checks differently: it skips, never throws). */
let addParsed: (params: MIMEParams, name: string, value: string) => void;

export class MIMEParams {
  #entries = new Map<string, string>();

  static {
    addParsed = (params, name, value) => params.#entries.set(name, value);
  }

  delete(name: string): void {
    this.#entries.delete(name);
  }

  get(name: string): string | null {
    return this.#entries.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  set(name: string, value: string): void {
    const nameText = `${name}`;
    const valueText = `${value}`;
    const badName = firstInvalid(nameText, TOKEN);
    if (nameText.length === 0 || badName !== -1) throw syntaxError("parameter name", nameText, badName);
    const badValue = firstInvalid(valueText, QUOTED_VALUE);
    if (badValue !== -1) throw syntaxError("parameter value", valueText, badValue);
    this.#entries.set(nameText, valueText);
  }

  *entries(): IterableIterator<[string, string]> {
    yield* this.#entries.entries();
  }

  *keys(): IterableIterator<string> {
    yield* this.#entries.keys();
  }

  *values(): IterableIterator<string> {
    yield* this.#entries.values();
  }

  toString(): string {
    let text = "";
    for (const [name, value] of this.#entries) text += `${text ? ";" : ""}${name}=${serializeValue(value)}`;
    return text;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

}

/** Adds the parameters of `text` (what follows the subtype), skipping invalid and repeated ones. */
function parseParams(params: MIMEParams, text: string): void {
  let at = 0;
  while (at < text.length) {
    at++; // past ";"
    while (at < text.length && WHITESPACE.test(text[at]!)) at++;
    let name = "";
    while (at < text.length && text[at] !== ";" && text[at] !== "=") name += text[at++];
    name = name.toLowerCase();
    if (at >= text.length) break;
    if (text[at] === ";") continue;
    at++; // past "="
    if (at >= text.length) break;
    let value = "";
    if (text[at] === '"') {
      at++;
      while (at < text.length) {
        const char = text[at++]!;
        if (char === '"') break;
        if (char === "\\") value += at < text.length ? text[at++] : "\\";
        else value += char;
      }
      while (at < text.length && text[at] !== ";") at++;
    } else {
      while (at < text.length && text[at] !== ";") value += text[at++];
      value = trimEnd(value);
      if (value === "") continue;
    }
    if (name.length > 0 && firstInvalid(name, TOKEN) === -1 && firstInvalid(value, QUOTED_VALUE) === -1 && !params.has(name)) {
      addParsed(params, name, value);
    }
  }
}

export class MIMEType {
  #type: string;
  #subtype: string;
  #params = new MIMEParams();

  constructor(input: unknown) {
    const text = `${input}`;
    const start = text.search(/[^\t\n\r ]|$/);
    const slash = text.indexOf("/", start);
    const type = text.slice(start, slash === -1 ? undefined : slash);
    if (slash === -1) throw syntaxError("type", text, firstInvalid(type, TOKEN));
    this.#type = validToken("type", type, text);
    const semicolon = text.indexOf(";", slash + 1);
    const subtype = trimEnd(text.slice(slash + 1, semicolon === -1 ? undefined : semicolon));
    this.#subtype = validToken("subtype", subtype, text);
    if (semicolon !== -1) parseParams(this.#params, text.slice(semicolon));
  }

  get type(): string {
    return this.#type;
  }

  set type(value: string) {
    this.#type = validToken("type", `${value}`);
  }

  get subtype(): string {
    return this.#subtype;
  }

  set subtype(value: string) {
    this.#subtype = validToken("subtype", `${value}`);
  }

  get essence(): string {
    return `${this.#type}/${this.#subtype}`;
  }

  get params(): MIMEParams {
    return this.#params;
  }

  toString(): string {
    const params = this.#params.toString();
    return `${this.essence}${params ? `;${params}` : ""}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
