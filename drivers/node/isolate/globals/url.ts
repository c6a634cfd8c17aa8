/** WHATWG `URL` and `URLSearchParams`, with Node's errors and inspection. */
import { codedError } from "../errors.js";
import { missingArgs } from "../builtins/fs-errors.js";
import { encodeString, parseForm, serializeForm, toUSVString, USERINFO_SET } from "./url-encoding.js";
import {
  basicParse,
  hasOpaquePath,
  serializeOrigin,
  serializePath,
  serializeURL,
  State,
  type URLRecord,
} from "./url-parser.js";

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
type Inspect = (value: unknown, options?: object) => string;

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

/** Internal access between URL and its URLSearchParams. */
const records = new WeakMap<URL, URLRecord>();
const paramsOwner = new WeakMap<URLSearchParams, URL>();
const lists = new WeakMap<URLSearchParams, Array<[string, string]>>();

function listOf(params: URLSearchParams): Array<[string, string]> {
  const list = lists.get(params);
  if (!list) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type URLSearchParams', TypeError);
  return list;
}

function update(params: URLSearchParams): void {
  const owner = paramsOwner.get(params);
  if (!owner) return;
  const url = records.get(owner)!;
  const serialized = serializeForm(listOf(params));
  url.query = serialized === "" ? null : serialized;
  if (url.query === null) stripTrailingSpaces(url);
}

export class URLSearchParams {
  constructor(init: unknown = undefined) {
    let list: Array<[string, string]> = [];
    if (init === undefined || init === null) list = [];
    else if (typeof init === "object" || typeof init === "function") {
      const iterator = (init as { [Symbol.iterator]?: unknown })[Symbol.iterator];
      if (iterator !== undefined && iterator !== null) {
        if (typeof iterator !== "function") throw codedError("ERR_ARG_NOT_ITERABLE", "Query pairs must be iterable", TypeError);
        for (const pair of init as Iterable<unknown>) {
          if ((typeof pair !== "object" && typeof pair !== "function") || pair === null || typeof (pair as Iterable<unknown>)[Symbol.iterator] !== "function") {
            throw codedError("ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple", TypeError);
          }
          const items = Array.from(pair as Iterable<unknown>);
          if (items.length !== 2) throw codedError("ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple", TypeError);
          list.push([toUSVString(items[0]), toUSVString(items[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init as object)) {
          if (typeof key !== "string" || !Object.prototype.propertyIsEnumerable.call(init, key)) continue;
          list.push([toUSVString(key), toUSVString((init as Record<string, unknown>)[key])]);
        }
      }
    } else {
      const text = toUSVString(init);
      list = parseForm(text.startsWith("?") ? text.slice(1) : text);
    }
    lists.set(this, list);
  }

  get size(): number {
    return listOf(this).length;
  }

  append(name: unknown, value: unknown): void {
    if (arguments.length < 2) throw missingArgs("name", "value");
    listOf(this).push([toUSVString(name), toUSVString(value)]);
    update(this);
  }

  delete(name: unknown, value?: unknown): void {
    if (arguments.length < 1) throw missingArgs("name");
    const list = listOf(this);
    const n = toUSVString(name);
    const v = value === undefined ? undefined : toUSVString(value);
    lists.set(this, list.filter(([key, val]) => !(key === n && (v === undefined || val === v))));
    update(this);
  }

  get(name: unknown): string | null {
    if (arguments.length < 1) throw missingArgs("name");
    const n = toUSVString(name);
    return listOf(this).find(([key]) => key === n)?.[1] ?? null;
  }

  getAll(name: unknown): string[] {
    if (arguments.length < 1) throw missingArgs("name");
    const n = toUSVString(name);
    return listOf(this).filter(([key]) => key === n).map(([, value]) => value);
  }

  has(name: unknown, value?: unknown): boolean {
    if (arguments.length < 1) throw missingArgs("name");
    const n = toUSVString(name);
    const v = value === undefined ? undefined : toUSVString(value);
    return listOf(this).some(([key, val]) => key === n && (v === undefined || val === v));
  }

  set(name: unknown, value: unknown): void {
    if (arguments.length < 2) throw missingArgs("name", "value");
    const list = listOf(this);
    const n = toUSVString(name);
    const v = toUSVString(value);
    const index = list.findIndex(([key]) => key === n);
    if (index === -1) list.push([n, v]);
    else {
      list[index] = [n, v];
      lists.set(this, list.filter(([key], i) => i <= index || key !== n));
    }
    update(this);
  }

  sort(): void {
    // A stable sort by the names' UTF-16 code units.
    const list = listOf(this);
    list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    update(this);
  }

  forEach(callback: unknown, thisArg?: unknown): void {
    if (typeof callback !== "function") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received ${callback === undefined ? "undefined" : typeof callback}`, TypeError);
    }
    const list = listOf(this);
    for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i]![1], list[i]![0], this);
  }

  *entries(): IterableIterator<[string, string]> {
    const list = listOf(this);
    for (let i = 0; i < list.length; i++) yield [list[i]![0], list[i]![1]];
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  toString(): string {
    return serializeForm(listOf(this));
  }

  get [Symbol.toStringTag](): string {
    return "URLSearchParams";
  }

  [inspectCustom](depth: number | null, options: { breakLength?: number }, inspect: Inspect): string {
    const inner = { ...options, depth: depth === null ? null : depth - 1 };
    const output = listOf(this).map(([key, value]) => `${inspect(key, inner)} => ${inspect(value, inner)}`);
    const length = output.reduce((sum, item) => sum + item.length + 2, -2);
    if (length > (options.breakLength ?? 80)) return `URLSearchParams {\n  ${output.join(",\n  ")} }`;
    return output.length > 0 ? `URLSearchParams { ${output.join(", ")} }` : "URLSearchParams {}";
  }
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
    paramsOwner.set(this.#params, this);
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
    const query = recordOf(this).query;
    lists.set(this.#params, query === null ? [] : parseForm(query));
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

for (const name of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash", "toString", "toJSON"]) {
  Object.defineProperty(URL.prototype, name, { enumerable: true });
}
for (const name of ["append", "delete", "get", "getAll", "has", "set", "sort", "forEach", "entries", "keys", "values", "toString", "size"]) {
  Object.defineProperty(URLSearchParams.prototype, name, { enumerable: true });
}
