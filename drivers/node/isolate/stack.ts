/**
 * Stack traces as Node prints them: the runtime's own frames and the bridge's are left out, and
 * frames of module code read as they do in Node although the runtime compiles it with an indirect
 * eval: V8 names every anonymous function of eval'd code "eval", and the CommonJS wrapper's
 * prefix shifts the columns of the first line. Sandbox code may still replace
 * `Error.prepareStackTrace`, as in Node.
 */
import { CODE_IN_STACK, formatStackRef, rememberError } from "./errors.js";

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
  getScriptId?(): number;
  toString(): string;
}

/** Characters the module wrapper adds before the first line of each compiled file. */
const wrapperOffsets = new Map<string, number>();

export function setWrapperOffset(filename: string, offset: number): void {
  wrapperOffsets.set(filename, offset);
}

/** Where a frame of the sandbox's program is (as Node would say), or undefined for the runtime's own frames. */
function locate(site: CallSite): { file: string | null | undefined; line: number | null; column: number | null; shift: number } | undefined {
  const file = site.getScriptNameOrSourceURL();
  if (file === RUNTIME_FILENAME || file === "<isolated-vm>") return undefined;
  // The runtime's indirect eval that compiled module code: not a frame of the sandbox's program.
  if (!file && site.getFunctionName() === "eval") return undefined;
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const shift = line === 1 && file ? (wrapperOffsets.get(file) ?? 0) : 0;
  return { file, line, column: column === null ? column : column - shift, shift };
}

/** V8 names every anonymous function of module code (compiled by eval) "eval". */
const isAnonymousModuleFunction = (site: CallSite) => site.isEval() && site.getFunctionName() === "eval";

/**
 * util.getCallSites: the frames of the sandbox's program below `below`, at most `count`, as
 * Node describes them.
 */
export function callSites(count: number, below: (...args: never[]) => unknown): Array<Record<string, unknown>> {
  const { prepareStackTrace, stackTraceLimit } = Error as unknown as { prepareStackTrace: unknown; stackTraceLimit: number };
  const holder: { stack?: CallSite[] } = {};
  const target = Error as unknown as { prepareStackTrace: unknown; stackTraceLimit: number };
  try {
    target.prepareStackTrace = (_error: unknown, sites: CallSite[]) => sites;
    target.stackTraceLimit = Infinity;
    Error.captureStackTrace?.(holder, below);
    void holder.stack;
  } finally {
    target.prepareStackTrace = prepareStackTrace;
    target.stackTraceLimit = stackTraceLimit;
  }
  const found: Array<Record<string, unknown>> = [];
  for (const site of holder.stack ?? []) {
    const where = locate(site);
    if (!where) continue;
    found.push({
      __proto__: null,
      functionName: isAnonymousModuleFunction(site) ? "" : (site.getFunctionName() ?? ""),
      scriptId: String(site.getScriptId?.() ?? 0),
      scriptName: where.file ?? "",
      lineNumber: where.line,
      columnNumber: where.column,
      column: where.column,
    });
    if (found.length === count) break;
  }
  return found;
}

function formatFrame(site: CallSite): string | undefined {
  const where = locate(site);
  if (!where) return undefined;
  const { file, line, column, shift } = where;
  const position = `${file}:${line}:${column}`;
  if (isAnonymousModuleFunction(site)) {
    // An anonymous function of module code: printed as V8 prints anonymous functions elsewhere.
    const async = site.isAsync?.() ? "async " : "";
    if (site.isConstructor()) return `${async}new <anonymous> (${position})`;
    if (site.isToplevel()) return `${async}${position}`;
    const type = site.getTypeName();
    return `${async}${type ? `${type}.` : ""}${site.getMethodName() ?? "<anonymous>"} (${position})`;
  }
  const text = site.toString();
  if (shift === 0) return text;
  const original = `${file}:${line}:${column === null ? column : column + shift}`;
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
  let frames = sites.map(formatFrame).filter((frame): frame is string => frame !== undefined);
  const programLimit = error !== null && typeof error === "object" ? (error as { [PROGRAM_ERROR]?: number })[PROGRAM_ERROR] : undefined;
  if (programLimit !== undefined) frames = programFramesRemoved(frames, programLimit);
  return frames.length > 0 ? `${header}\n    at ${frames.join("\n    at ")}` : header;
}

/** On an error that left a runtime program (see withoutProgramFrames): how many frames to keep. */
const PROGRAM_ERROR = Symbol("secure-exec.programError");
const LEADING_GENERATOR_FRAME = /^(?:[\w$]+\.)?(?:next|throw) \(<anonymous>\)$/;
const GENERATOR_FRAME = /^Generator\.(?:next|throw) \(<anonymous>\)$/;

/**
 * Errors made inside a runtime program (fs-core.ts runs fs operations as generators) show the
 * generators' native frames (`at Generator.next`, or `at copyDir.next` for a named one) above the
 * caller's: Node's have none of those. `limit` is the number of frames to keep when the stack was
 * captured with room for the program's frames. With the runtime's formatter in place this only
 * marks the error and its stack is cut when first read: reading it now would format it now, and
 * formatting a frame of a large module's top level makes V8 parse the module again for its source
 * positions (hundreds of ms for typescript.js, whose start-up catches an ENOENT).
 */
export function withoutProgramFrames(error: unknown, limit?: number): unknown {
  if (!(error instanceof Error)) return error;
  if ((Error as { prepareStackTrace?: unknown }).prepareStackTrace === formatStack) {
    Object.defineProperty(error, PROGRAM_ERROR, { value: limit ?? Infinity, configurable: true, enumerable: false });
    return error;
  }
  if (typeof error.stack !== "string") return error;
  const lines = error.stack.split("\n");
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  if (first < 0) return error;
  const frames = programFramesRemoved(lines.slice(first).map((line) => line.replace(/^\s+at /, "")), limit ?? Infinity);
  const stack = [...lines.slice(0, first), ...frames.map((frame) => `    at ${frame}`)].join("\n");
  if (stack !== error.stack) error.stack = stack;
  return error;
}

function programFramesRemoved(frames: string[], limit: number): string[] {
  let i = 0;
  while (i < frames.length && LEADING_GENERATOR_FRAME.test(frames[i]!)) i++;
  return frames.slice(i).filter((frame) => !GENERATOR_FRAME.test(frame)).slice(0, limit);
}

function errorHeader(error: Error): string {
  const code = (error as { [CODE_IN_STACK]?: string })[CODE_IN_STACK];
  const name = (error.name === undefined ? "Error" : String(error.name)) + (code === undefined ? "" : ` [${code}]`);
  const message = error.message === undefined ? "" : String(error.message);
  if (!name) return message;
  if (!message) return name;
  return `${name}: ${message}`;
}

export function installStackFormatter(): void {
  formatStackRef.current = formatStack;
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
