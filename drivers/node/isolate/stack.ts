/**
 * Stack traces as Node prints them: the runtime's own frames and the bridge's are left out, and
 * frames of module code read as they do in Node although the runtime compiles it with an indirect
 * eval: V8 names every anonymous function of eval'd code "eval", and the CommonJS wrapper's
 * prefix shifts the columns of the first line. Sandbox code may still replace
 * `Error.prepareStackTrace`, as in Node.
 */
import { rememberError } from "./errors.js";

export const RUNTIME_FILENAME = "secure-exec:runtime";

interface CallSite {
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getScriptNameOrSourceURL(): string | null | undefined;
  getTypeName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  isEval(): boolean;
  isToplevel(): boolean;
  isConstructor(): boolean;
  isAsync?(): boolean;
  toString(): string;
}

/** Characters the module wrapper adds before the first line of each compiled file. */
const wrapperOffsets = new Map<string, number>();

export function setWrapperOffset(filename: string, offset: number): void {
  wrapperOffsets.set(filename, offset);
}

function formatFrame(site: CallSite): string | undefined {
  const file = site.getScriptNameOrSourceURL();
  if (file === RUNTIME_FILENAME || file === "<isolated-vm>") return undefined;
  // The runtime's indirect eval that compiled module code: not a frame of the sandbox's program.
  if (!file && site.getFunctionName() === "eval") return undefined;
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const shift = line === 1 && file ? (wrapperOffsets.get(file) ?? 0) : 0;
  const position = `${file}:${line}:${column === null ? column : column - shift}`;
  if (site.isEval() && site.getFunctionName() === "eval") {
    // An anonymous function of module code: printed as V8 prints anonymous functions elsewhere.
    const async = site.isAsync?.() ? "async " : "";
    if (site.isConstructor()) return `${async}new <anonymous> (${position})`;
    if (site.isToplevel()) return `${async}${position}`;
    const type = site.getTypeName();
    return `${async}${type ? `${type}.` : ""}${site.getMethodName() ?? "<anonymous>"} (${position})`;
  }
  const text = site.toString();
  if (shift === 0) return text;
  const original = `${file}:${line}:${column}`;
  const at = text.lastIndexOf(original);
  return at < 0 ? text : text.slice(0, at) + position + text.slice(at + original.length);
}

export function formatStack(error: unknown, sites: CallSite[]): string {
  if (error instanceof Error) rememberError(error);
  let header: string;
  try {
    // V8 heads any object's trace (captureStackTrace works on plain objects) as Error#toString does.
    header = (typeof error === "object" && error !== null) || typeof error === "function" ? errorHeader(error as Error) : String(error);
  } catch {
    header = "Error";
  }
  const frames = sites.map(formatFrame).filter((frame): frame is string => frame !== undefined);
  return frames.length > 0 ? `${header}\n    at ${frames.join("\n    at ")}` : header;
}

function errorHeader(error: Error): string {
  const name = error.name === undefined ? "Error" : String(error.name);
  const message = error.message === undefined ? "" : String(error.message);
  if (!name) return message;
  if (!message) return name;
  return `${name}: ${message}`;
}

export function installStackFormatter(): void {
  Object.defineProperty(Error, "prepareStackTrace", { value: formatStack, writable: true, configurable: true, enumerable: false });
}

/**
 * Removes frames of the runtime and of isolated-vm's bridge from a stack that was built as text
 * (errors raised by the bridge itself do not go through prepareStackTrace).
 */
export function cleanStack(stack: string): string {
  return stack
    .split("\n")
    .filter((line) => !/^\s+at .*(secure-exec:runtime|<isolated-vm boundary>|<isolated-vm>)/.test(line))
    .join("\n");
}
