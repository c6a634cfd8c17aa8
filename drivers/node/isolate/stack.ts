/**
 * Stack traces as Node prints them: the runtime's own frames and the bridge's are left out, and
 * frames of module code (compiled with a source URL) read `at Object.<anonymous> (/file:1:2)` and
 * `at [eval]:1:2` rather than V8's `eval (...)` forms. Sandbox code may still replace
 * `Error.prepareStackTrace`, as in Node.
 */
export const RUNTIME_FILENAME = "secure-exec:runtime";

interface CallSite {
  getFunctionName(): string | null;
  getScriptNameOrSourceURL(): string | null | undefined;
  getTypeName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  isEval(): boolean;
  toString(): string;
}

function formatFrame(site: CallSite): string | undefined {
  const file = site.getScriptNameOrSourceURL();
  if (file === RUNTIME_FILENAME || file === "<isolated-vm>") return undefined;
  const text = site.toString();
  // The runtime's indirect eval that compiled module code: not a frame of the sandbox's program.
  if (!file && site.getFunctionName() === "eval") return undefined;
  if (site.isEval() && site.getFunctionName() === "eval") {
    const position = `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
    return site.getTypeName() === "Object" ? `Object.<anonymous> (${position})` : position;
  }
  return text;
}

export function formatStack(error: unknown, sites: CallSite[]): string {
  let header: string;
  try {
    header = Object.prototype.toString.call(error) === "[object Error]" || error instanceof Error ? errorHeader(error as Error) : String(error);
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
