/**
 * `readline` and `readline/promises` over any readable (process.stdin above all): line events,
 * `question`, prompts and async iteration. Line editing of a terminal (keys, history, completion)
 * is not offered: interfaces always read as Node does when the input is not a TTY.
 */
import { EventEmitter } from "events";
import { codedError, invalidArgType } from "../errors.js";
import type { BuiltinContext } from "./index.js";
import { createStringDecoder } from "./string-decoder.js";

interface Input extends EventEmitter {
  pause?(): unknown;
  resume?(): unknown;
}
interface Output {
  write(data: string, callback?: () => void): unknown;
  isTTY?: boolean;
}
interface InterfaceOptions {
  input?: Input;
  output?: Output;
  prompt?: string;
  terminal?: boolean;
  crlfDelay?: number;
  signal?: { aborted: boolean; addEventListener(type: string, fn: () => void, options?: unknown): void };
}
type Decoder = { write(chunk: unknown): string; end(): string };

function abortError(): Error {
  const error = new Error("The operation was aborted") as Error & { code: string };
  error.name = "AbortError";
  error.code = "ABORT_ERR";
  return error;
}

const modules = new WeakMap<object, Record<string, unknown>>();

export function createReadline(context: BuiltinContext): Record<string, unknown> {
  let module = modules.get(context.global);
  if (!module) modules.set(context.global, (module = buildReadline(context)));
  return module;
}

function buildReadline(context: BuiltinContext): Record<string, unknown> {
  const { StringDecoder } = createStringDecoder() as { StringDecoder: new (encoding: string) => Decoder };
  const nextTick = (fn: () => void) => (context.global.process as { nextTick(fn: () => void): void }).nextTick(fn);

  class Interface extends EventEmitter {
    terminal = false;
    line = "";
    cursor = 0;
    input: Input | undefined;
    output: Output | undefined;
    crlfDelay: number;
    closed = false;
    #prompt: string;
    #paused = false;
    #pending = "";
    #sawReturn = false;
    #decoder: Decoder = new StringDecoder("utf8");
    #questionCallback: ((answer: string) => void) | undefined;
    #onData = (chunk: unknown) => this.#normalWrite(chunk);
    #onEnd = () => this.#end();

    constructor(inputOrOptions?: Input | InterfaceOptions, output?: Output, completer?: unknown, terminal?: boolean) {
      super();
      let options: InterfaceOptions;
      if (inputOrOptions && (inputOrOptions as InterfaceOptions).input !== undefined) {
        options = inputOrOptions as InterfaceOptions;
      } else {
        options = { input: inputOrOptions as Input, output, terminal };
      }
      void completer;
      if (options.prompt !== undefined && typeof options.prompt !== "string") throw invalidArgType("prompt", "of type string", options.prompt);
      this.input = options.input;
      this.output = options.output;
      this.#prompt = options.prompt ?? "> ";
      this.crlfDelay = Math.max(100, Number(options.crlfDelay ?? 100));
      const { signal } = options;
      if (signal) {
        if (signal.aborted) nextTick(() => this.close());
        else signal.addEventListener("abort", () => this.close(), { once: true });
      }
      if (this.input) {
        this.input.on("data", this.#onData);
        this.input.on("end", this.#onEnd);
        this.input.resume?.();
      }
    }

    #normalWrite(chunk: unknown): void {
      if (this.closed) return;
      let text = typeof chunk === "string" ? chunk : this.#decoder.write(chunk);
      if (this.#sawReturn && text.startsWith("\n")) text = text.slice(1);
      this.#sawReturn = false;
      const parts = (this.#pending + text).split(/\r\n|\n|\r/);
      this.#sawReturn = text.endsWith("\r");
      this.#pending = parts.pop() ?? "";
      for (const line of parts) {
        if (this.closed) return;
        this.#onLine(line);
      }
    }

    #onLine(line: string): void {
      const callback = this.#questionCallback;
      if (callback) {
        this.#questionCallback = undefined;
        callback(line);
      } else {
        this.emit("line", line);
      }
    }

    #end(): void {
      if (this.closed) return;
      const rest = this.#pending + this.#decoder.end();
      this.#pending = "";
      // As Node: the unterminated last line is a 'line' event even while a question waits.
      if (rest.length > 0) this.emit("line", rest);
      this.close();
    }

    setPrompt(prompt: string): void {
      this.#prompt = prompt;
    }

    getPrompt(): string {
      return this.#prompt;
    }

    prompt(preserveCursor?: boolean): void {
      void preserveCursor;
      if (this.#paused) this.resume();
      if (this.closed) throw codedError("ERR_USE_AFTER_CLOSE", "readline was closed");
      this.output?.write(this.#prompt);
    }

    question(query: unknown, options: unknown, callback?: unknown): void {
      if (typeof options === "function") {
        callback = options;
        options = {};
      }
      if (this.closed) throw codedError("ERR_USE_AFTER_CLOSE", "readline was closed");
      if (typeof callback !== "function") return;
      const signal = (options as { signal?: InterfaceOptions["signal"] } | undefined)?.signal;
      if (signal?.aborted) return;
      if (this.#questionCallback) {
        this.prompt();
        return;
      }
      this.#questionCallback = callback as (answer: string) => void;
      signal?.addEventListener("abort", () => (this.#questionCallback = undefined), { once: true });
      if (this.#paused) this.resume();
      this.output?.write(String(query));
    }

    write(data: unknown): void {
      if (this.closed) throw codedError("ERR_USE_AFTER_CLOSE", "readline was closed");
      if (this.#paused) this.resume();
      this.#normalWrite(data);
    }

    pause(): this {
      if (this.#paused) return this;
      this.input?.pause?.();
      this.#paused = true;
      this.emit("pause");
      return this;
    }

    resume(): this {
      if (!this.#paused) return this;
      this.input?.resume?.();
      this.#paused = false;
      this.emit("resume");
      return this;
    }

    close(): void {
      if (this.closed) return;
      this.pause();
      if (this.input) {
        this.input.removeListener("data", this.#onData);
        this.input.removeListener("end", this.#onEnd);
      }
      this.closed = true;
      this.emit("close");
    }

    getCursorPos(): { rows: number; cols: number } {
      return { rows: 0, cols: this.cursor };
    }

    [Symbol.asyncIterator](): AsyncIterableIterator<string> {
      const queue: string[] = [];
      const waiting: ((result: IteratorResult<string>) => void)[] = [];
      let done = this.closed;
      const onLine = (line: string) => {
        const next = waiting.shift();
        if (next) next({ value: line, done: false });
        else queue.push(line);
      };
      const onClose = () => {
        done = true;
        for (const next of waiting.splice(0)) next({ value: undefined, done: true });
        this.removeListener("line", onLine);
      };
      this.on("line", onLine);
      this.once("close", onClose);
      const finish = () => {
        this.removeListener("line", onLine);
        this.removeListener("close", onClose);
        this.close();
      };
      const iterator: AsyncIterableIterator<string> = {
        next: () => {
          if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
          if (done) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve) => waiting.push(resolve));
        },
        return: () => {
          finish();
          return Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    }
  }

  class PromisesInterface extends Interface {
    // @ts-expect-error the promise form of question replaces the callback form.
    question(query: unknown, options?: { signal?: InterfaceOptions["signal"] }): Promise<string> {
      return new Promise((resolve, reject) => {
        const signal = options?.signal;
        if (signal?.aborted) {
          reject(abortError());
          return;
        }
        if (signal) signal.addEventListener("abort", () => reject(abortError()), { once: true });
        try {
          super.question(query, options ?? {}, resolve);
        } catch (error) {
          reject(error);
        }
      });
    }
  }

  const writeTo = (stream: Output | undefined, data: string, callback?: () => void): boolean => {
    if (!stream) {
      if (callback) nextTick(callback);
      return true;
    }
    return stream.write(data, callback) !== false;
  };
  const cursorTo = (stream: Output | undefined, x: number, y?: unknown, callback?: () => void) => {
    if (typeof y === "function") {
      callback = y as () => void;
      y = undefined;
    }
    if (Number.isNaN(x)) throw codedError("ERR_INVALID_ARG_VALUE", `The argument 'x' is invalid. Received NaN`, TypeError);
    return writeTo(stream, typeof y !== "number" ? `\u001b[${x + 1}G` : `\u001b[${y + 1};${x + 1}H`, callback);
  };
  const moveCursor = (stream: Output | undefined, dx: number, dy: number, callback?: () => void) => {
    let data = "";
    if (dx < 0) data += `\u001b[${-dx}D`;
    else if (dx > 0) data += `\u001b[${dx}C`;
    if (dy < 0) data += `\u001b[${-dy}A`;
    else if (dy > 0) data += `\u001b[${dy}B`;
    return writeTo(stream, data, callback);
  };
  const clearLine = (stream: Output | undefined, dir: number, callback?: () => void) =>
    writeTo(stream, dir < 0 ? "\u001b[1K" : dir > 0 ? "\u001b[0K" : "\u001b[2K", callback);
  const clearScreenDown = (stream: Output | undefined, callback?: () => void) => writeTo(stream, "\u001b[0J", callback);

  const promises = {
    Interface: PromisesInterface,
    createInterface: (input?: Input | InterfaceOptions, output?: Output, completer?: unknown, terminal?: boolean) => new PromisesInterface(input, output, completer, terminal),
  };
  return {
    Interface,
    createInterface: (input?: Input | InterfaceOptions, output?: Output, completer?: unknown, terminal?: boolean) => new Interface(input, output, completer, terminal),
    cursorTo,
    moveCursor,
    clearLine,
    clearScreenDown,
    emitKeypressEvents: () => {},
    promises,
  };
}

export function createReadlinePromises(context: BuiltinContext): unknown {
  return (createReadline(context) as { promises: unknown }).promises;
}
