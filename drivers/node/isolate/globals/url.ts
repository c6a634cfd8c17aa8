/** WHATWG `URL`, with Node's errors and inspection. */
import { codedError } from "../errors.js";
import { missingArgs } from "../builtins/fs-errors.js";
import { encodeString, toUSVString, USERINFO_SET } from "./url-encoding.js";
import { basicParse, State } from "./url-parser.js";
import { hasOpaquePath, serializePath, serializeURL, type URLRecord } from "./url-record.js";
import { linkParams, resetParams, URLSearchParams } from "./url-search-params.js";
import { enumerable, inspectCustom, type Inspect } from "./shared.js";

export { URLSearchParams };
const records = new WeakMap<URL, URLRecord>();

function invalidURL(input: string, base?: string): Error {
  const error = codedError("ERR_INVALID_URL", "Invalid URL", TypeError) as Error & { input?: string; base?: string };
  error.input = input;
  if (base !== undefined) error.base = base;
  return error;
}

function stripTrailingSpaces(url: URLRecord): void {
  if (typeof url.path !== "string" || url.fragment !== null || url.query !== null) return;
  url.path = url.path.replace(/ +$/, "");
}

function serializeOrigin(url: URLRecord): string {
  if (url.scheme === "blob") {
    const inner = basicParse(serializePath(url), null);
    return inner && (inner.scheme === "http" || inner.scheme === "https") ? serializeOrigin(inner) : "null";
  }
  if (["ftp", "http", "https", "ws", "wss"].includes(url.scheme)) return `${url.scheme}://${url.host}${url.port === null ? "" : `:${url.port}`}`;
  return "null";
}

function recordOf(url: URL): URLRecord {
  const record = records.get(url);
  if (!record) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type URL', TypeError);
  return record;
}

function parseWithBase(input: unknown, base: unknown): URLRecord | null {
  const text = toUSVString(input);
  let baseRecord: URLRecord | null = null;
  if (base !== undefined) {
    baseRecord = basicParse(toUSVString(base), null);
    if (!baseRecord) return null;
  }
  return basicParse(text, baseRecord);
}

export class URL {
  #params: URLSearchParams;

  constructor(input: unknown, base?: unknown) {
    if (arguments.length === 0) throw missingArgs("url");
    const record = parseWithBase(input, base);
    if (!record) throw invalidURL(toUSVString(input), base === undefined ? undefined : toUSVString(base));
    records.set(this, record);
    this.#params = new URLSearchParams(record.query ?? "");
    linkParams(this.#params, (query) => {
      const url = recordOf(this);
      url.query = query;
      if (query === null) stripTrailingSpaces(url);
    });
  }

  static canParse(input: unknown, base?: unknown): boolean {
    if (arguments.length === 0) throw missingArgs("url");
    return parseWithBase(input, base) !== null;
  }

  static parse(input: unknown, base?: unknown): URL | null {
    if (arguments.length === 0) throw missingArgs("url");
    return parseWithBase(input, base) === null ? null : new URL(input, base);
  }

  #reparams(): void {
    resetParams(this.#params, recordOf(this).query);
  }

  get href(): string {
    return serializeURL(recordOf(this));
  }
  set href(value: unknown) {
    const record = basicParse(toUSVString(value), null);
    if (!record) throw invalidURL(toUSVString(value));
    records.set(this, record);
    this.#reparams();
  }

  get origin(): string {
    return serializeOrigin(recordOf(this));
  }

  get protocol(): string {
    return `${recordOf(this).scheme}:`;
  }
  set protocol(value: unknown) {
    basicParse(`${toUSVString(value)}:`, null, recordOf(this), State.SchemeStart);
  }

  get username(): string {
    return recordOf(this).username;
  }
  set username(value: unknown) {
    const url = recordOf(this);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    url.username = encodeString(toUSVString(value), USERINFO_SET);
  }

  get password(): string {
    return recordOf(this).password;
  }
  set password(value: unknown) {
    const url = recordOf(this);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    url.password = encodeString(toUSVString(value), USERINFO_SET);
  }

  get host(): string {
    const url = recordOf(this);
    if (url.host === null) return "";
    return url.port === null ? url.host : `${url.host}:${url.port}`;
  }
  set host(value: unknown) {
    const url = recordOf(this);
    if (hasOpaquePath(url)) return;
    setFrom(url, toUSVString(value), State.Host);
  }

  get hostname(): string {
    return recordOf(this).host ?? "";
  }
  set hostname(value: unknown) {
    const url = recordOf(this);
    if (hasOpaquePath(url)) return;
    setFrom(url, toUSVString(value), State.Hostname);
  }

  get port(): string {
    const port = recordOf(this).port;
    return port === null ? "" : String(port);
  }
  set port(value: unknown) {
    const url = recordOf(this);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    const text = toUSVString(value);
    if (text === "") url.port = null;
    else setFrom(url, text, State.Port);
  }

  get pathname(): string {
    return serializePath(recordOf(this));
  }
  set pathname(value: unknown) {
    const url = recordOf(this);
    if (hasOpaquePath(url)) return;
    const copy = { ...url, path: [] as string[] };
    if (basicParse(toUSVString(value), null, copy, State.PathStart)) url.path = copy.path;
  }

  get search(): string {
    const query = recordOf(this).query;
    return query === null || query === "" ? "" : `?${query}`;
  }
  set search(value: unknown) {
    const url = recordOf(this);
    const text = toUSVString(value);
    if (text === "") {
      url.query = null;
      stripTrailingSpaces(url);
    } else {
      url.query = "";
      basicParse(text.startsWith("?") ? text.slice(1) : text, null, url, State.Query);
    }
    this.#reparams();
  }

  get searchParams(): URLSearchParams {
    return this.#params;
  }

  get hash(): string {
    const fragment = recordOf(this).fragment;
    return fragment === null || fragment === "" ? "" : `#${fragment}`;
  }
  set hash(value: unknown) {
    const url = recordOf(this);
    const text = toUSVString(value);
    if (text === "") {
      url.fragment = null;
      stripTrailingSpaces(url);
      return;
    }
    url.fragment = "";
    basicParse(text.startsWith("#") ? text.slice(1) : text, null, url, State.Fragment);
  }

  toString(): string {
    return this.href;
  }

  toJSON(): string {
    return this.href;
  }

  get [Symbol.toStringTag](): string {
    return "URL";
  }

  [inspectCustom](depth: number | null, options: object, inspect: Inspect): unknown {
    if (typeof depth === "number" && depth < 0) return this;
    const shown: Record<string, unknown> = Object.create({ constructor: URL });
    for (const key of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash"]) {
      shown[key] = (this as unknown as Record<string, unknown>)[key];
    }
    return `URL ${inspect(shown, options)}`;
  }
}

/** Runs a setter's parse on a copy, so that a rejected value leaves the URL unchanged. */
function setFrom(url: URLRecord, value: string, state: State): void {
  const copy = { ...url, path: Array.isArray(url.path) ? url.path.slice() : url.path };
  if (basicParse(value, null, copy, state)) Object.assign(url, copy);
}

enumerable(URL.prototype, ["toString", "href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash", "toJSON"]);
