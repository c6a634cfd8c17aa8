/** WHATWG `URLSearchParams` and its iterator, with Node's errors and inspection. */
import { codedError } from "../errors.js";
import { invalidArgType, missingArgs } from "../builtins/fs-errors.js";
import { parseForm, serializeForm, toUSVString } from "./url-encoding.js";
import { enumerable, inspectCustom, type Inspect } from "./shared.js";

const lists = new WeakMap<URLSearchParams, Array<[string, string]>>();
/** The URL a URLSearchParams belongs to, told of every change as its new query. */
const owners = new WeakMap<URLSearchParams, (query: string | null) => void>();

/** Links `params` to its URL: `onChange` receives the serialized list (null when empty). */
export function linkParams(params: URLSearchParams, onChange: (query: string | null) => void): void {
  owners.set(params, onChange);
}

/** The URL's query changed: the list is parsed from it again. */
export function resetParams(params: URLSearchParams, query: string | null): void {
  lists.set(params, query === null ? [] : parseForm(query));
}

function listOf(params: URLSearchParams): Array<[string, string]> {
  const list = lists.get(params);
  if (!list) throw codedError("ERR_INVALID_THIS", 'Value of "this" must be of type URLSearchParams', TypeError);
  return list;
}

function update(params: URLSearchParams): void {
  const serialized = serializeForm(listOf(params));
  owners.get(params)?.(serialized === "" ? null : serialized);
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
    if (typeof callback !== "function") throw invalidArgType("callback", "Function", callback);
    const list = listOf(this);
    for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i]![1], list[i]![0], this);
  }

  entries(): IterableIterator<[string, string]> {
    return new ParamsIterator(this, "key+value") as unknown as IterableIterator<[string, string]>;
  }

  keys(): IterableIterator<string> {
    return new ParamsIterator(this, "key") as unknown as IterableIterator<string>;
  }

  values(): IterableIterator<string> {
    return new ParamsIterator(this, "value") as unknown as IterableIterator<string>;
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

type IteratorKind = "key" | "value" | "key+value";

/** `URLSearchParams Iterator`: reads the live list, as Node's does. */
class ParamsIterator {
  #params: URLSearchParams;
  #kind: IteratorKind;
  #index = 0;
  constructor(params: URLSearchParams, kind: IteratorKind) {
    this.#params = params;
    this.#kind = kind;
  }
  #item(pair: [string, string]): unknown {
    return this.#kind === "key" ? pair[0] : this.#kind === "value" ? pair[1] : [pair[0], pair[1]];
  }
  next(): IteratorResult<unknown> {
    const list = listOf(this.#params);
    if (this.#index >= list.length) return { value: undefined, done: true };
    return { value: this.#item(list[this.#index++]!), done: false };
  }
  get [Symbol.toStringTag](): string {
    return "URLSearchParams Iterator";
  }
  [inspectCustom](depth: number | null, options: object, inspect: Inspect): string {
    const inner = { ...options, depth: depth === null ? null : depth - 1 };
    const values = listOf(this.#params).slice(this.#index).map((pair) => this.#item(pair));
    const items = values.map((value) => inspect(value, inner));
    // As Node: one per line when the whole list would not fit on one.
    const text = inspect(values, inner).includes("\n") ? `\n  ${items.join(",\n  ")}` : ` ${items.join(", ")}`;
    return `URLSearchParams Iterator {${text} }`;
  }
}
Object.setPrototypeOf(ParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

enumerable(URLSearchParams.prototype, ["size", "append", "delete", "get", "getAll", "has", "set", "sort", "entries", "forEach", "keys", "values", "toString"]);
