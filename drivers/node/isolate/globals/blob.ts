/**
 * `Blob` and `File` as Node 22 has them (globals, and on the `buffer` module), with
 * `URL.createObjectURL`/`revokeObjectURL` and the registry `buffer.resolveObjectURL` reads. A blob
 * keeps the bytes of its parts (copied once, never changed; slices share them), and streams them
 * one chunk per part, as Node's does.
 */
import { Buffer } from "buffer";
import { inspect } from "node-inspect-extracted";
import { codedError } from "../errors.js";
import { invalidArgType, invalidArgValue, missingArgs } from "../builtins/fs-errors.js";
import { SandboxTextDecoder } from "../text.js";
import { enumerable, inspectAs, inspectCustom } from "./shared.js";
import { ReadableStream } from "./web-streams.js";

const wrongThis = () => codedError("ERR_INVALID_THIS", 'Value of "this" must be of type Blob', TypeError);

/** A MIME type as the File API keeps it: lowercased, or empty if it has characters outside 0x20-0x7E. */
function mimeType(type: unknown): string {
  const text = `${type as string}`;
  return /[^\u0020-\u007e]/.test(text) ? "" : text.toLowerCase();
}

function partsOf(part: unknown, native: boolean): Uint8Array[] {
  if (part instanceof Blob) return Blob.partsOf(part);
  return [bytesOf(part, native)];
}

function bytesOf(part: unknown, native: boolean): Uint8Array {
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  let text = `${part as string}`;
  if (native) text = text.replace(/\r\n?/g, "\n");
  return Buffer.from(text, "utf8");
}

export class Blob {
  #parts: Uint8Array[];
  #size: number;
  #type: string;

  constructor(sources: unknown = [], options?: unknown) {
    if (typeof sources !== "object" || sources === null || typeof (sources as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw invalidArgType("sources", "a sequence", sources);
    }
    if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
      throw invalidArgType("options", "a dictionary", options);
    }
    const { endings = "transparent", type = "" } = (options ?? {}) as { endings?: unknown; type?: unknown };
    const lineEndings = `${endings as string}`;
    if (lineEndings !== "transparent" && lineEndings !== "native") throw invalidArgValue("options.endings", endings);
    const parts = Array.from(sources as Iterable<unknown>, (part) => partsOf(part, lineEndings === "native"));
    this.#parts = parts.flat().filter((bytes) => bytes.byteLength > 0);
    this.#size = this.#parts.reduce((total, bytes) => total + bytes.byteLength, 0);
    this.#type = mimeType(type);
  }

  /** The parts of a blob that is itself a part of another, without copying. */
  static partsOf(blob: Blob): Uint8Array[] {
    return blob.#parts;
  }

  get type(): string {
    if (!(#parts in this)) throw wrongThis();
    return this.#type;
  }

  get size(): number {
    if (!(#parts in this)) throw wrongThis();
    return this.#size;
  }

  slice(start?: unknown, end?: unknown, contentType?: unknown): Blob {
    if (!(#parts in this)) throw wrongThis();
    const size = this.#size;
    const position = (value: unknown, fallback: number) => {
      if (value === undefined) return fallback;
      const index = Math.trunc(Number(value)) || 0;
      return index < 0 ? Math.max(size + index, 0) : Math.min(index, size);
    };
    const from = position(start, 0);
    const to = Math.max(position(end, size), from);
    const slice = new Blob([], { type: contentType === undefined ? "" : mimeType(contentType) });
    let offset = 0;
    for (const part of this.#parts) {
      const start = Math.max(from - offset, 0);
      const end = Math.min(to - offset, part.byteLength);
      if (start < end) slice.#parts.push(part.subarray(start, end));
      offset += part.byteLength;
    }
    slice.#size = to - from;
    return slice;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    if (!(#parts in this)) return Promise.reject(wrongThis());
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    return Promise.resolve(bytes.buffer);
  }

  // text() and bytes() settle a turn after arrayBuffer(), as Node's (built on it) do.
  text(): Promise<string> {
    if (!(#parts in this)) return Promise.reject(wrongThis());
    return this.arrayBuffer().then((buffer) => new SandboxTextDecoder().decode(buffer));
  }

  bytes(): Promise<Uint8Array> {
    if (!(#parts in this)) return Promise.reject(wrongThis());
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }

  /** A byte stream with a chunk per part, as Node's. */
  stream(): unknown {
    if (!(#parts in this)) throw wrongThis();
    const parts = this.#parts.slice();
    type ByteController = { enqueue(chunk: Uint8Array): void; close(): void; byobRequest: { respond(n: number): void } | null };
    return new ReadableStream({
      type: "bytes",
      pull(controller: ByteController) {
        const part = parts.shift();
        if (part) return controller.enqueue(new Uint8Array(part));
        controller.close();
        controller.byobRequest?.respond(0);
      },
    } as never);
  }

  [inspectCustom](depth: number, options: { depth?: number | null }): string {
    return inspectAs(inspect, "Blob", { size: this.size, type: this.type }, depth, options, "[Blob]")!;
  }
}

export class File extends Blob {
  #name: string;
  #lastModified: number;

  constructor(fileBits: unknown, fileName: unknown, options: unknown = {}) {
    if (arguments.length < 2) throw missingArgs("fileBits", "fileName");
    super(fileBits, options);
    this.#name = `${fileName as string}`;
    const lastModified = (options as { lastModified?: unknown } | null)?.lastModified;
    // The default is the (sandbox's) clock: frozen while timing mitigation is on.
    this.#lastModified = lastModified === undefined ? Date.now() : Number(lastModified) || 0;
  }

  get name(): string {
    return this.#name;
  }

  get lastModified(): number {
    return this.#lastModified;
  }

  override [inspectCustom](depth: number, options: { depth?: number | null }): string {
    const fields = { size: this.size, type: this.type, name: this.name, lastModified: this.lastModified };
    return inspectAs(inspect, "File", fields, depth, options, "[File]")!;
  }
}

enumerable(Blob.prototype, ["type", "size", "slice", "arrayBuffer", "text", "bytes", "stream"]);
enumerable(File.prototype, ["name", "lastModified"]);
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: "Blob", configurable: true });
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: "File", configurable: true });

// Object URLs: `blob:nodedata:<uuid>`, kept until revoked.
const PREFIX = "blob:nodedata:";
const objectURLs = new Map<string, Blob>();

function createObjectURL(obj: unknown): string {
  if (!(obj instanceof Blob)) throw invalidArgType("obj", "Blob", obj);
  const id = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
  objectURLs.set(id, obj);
  return `${PREFIX}${id}`;
}

function revokeObjectURL(url: unknown): void {
  if (arguments.length === 0) throw missingArgs("url");
  const text = `${url as string}`;
  if (text.startsWith(PREFIX)) objectURLs.delete(text.slice(PREFIX.length));
}

/** `buffer.resolveObjectURL`: the blob registered under a `blob:nodedata:` URL, if any. */
export function resolveObjectURL(url: unknown): Blob | undefined {
  const text = `${url as string}`;
  const blob = text.startsWith(PREFIX) ? objectURLs.get(text.slice(PREFIX.length)) : undefined;
  // A new Blob over the same bytes, as Node hands out.
  return blob?.slice(0, blob.size, blob.type);
}

/** `Blob` and `File` as globals, and the object URL functions on `URL`, as in Node. */
export function installBlob(global: Record<string, unknown>): void {
  objectURLs.clear();
  for (const [name, value] of Object.entries({ Blob, File })) {
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  }
  const URL = global.URL as object;
  for (const fn of [createObjectURL, revokeObjectURL]) {
    Object.defineProperty(URL, fn.name, { value: fn, writable: true, configurable: true, enumerable: true });
  }
}
