/** How Node reports an uncaught exception on stderr: where it was thrown, the error, the version. */
import { inspect } from "node-inspect-extracted";

export function formatUncaught(error: unknown, sources: Map<string, string>, version: string): string {
  const location = locationBlock(error, sources);
  const isError = error instanceof Error || (typeof error === "object" && error !== null && typeof (error as Error).stack === "string");
  const body = isError ? inspect(error) : `${inspect(error)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)`;
  return `${location}${isError ? "\n" : ""}${body}\n\nNode.js ${version}\n`;
}

export function formatUnhandledRejection(reason: unknown, sources: Map<string, string>, version: string): string {
  // Since Node 15 an unhandled rejection of an error is reported as an uncaught exception.
  if (reason instanceof Error || (typeof reason === "object" && reason !== null && typeof (reason as Error).stack === "string")) {
    return formatUncaught(reason, sources, version);
  }
  const text =
    "This error originated either by throwing inside of an async function without a catch block, " +
    `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${inspect(reason)}".`;
  return `node:internal/process/promises:394\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n[UnhandledPromiseRejection: ${text}] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js ${version}\n`;
}

/** `file:line`, the source line and a caret under the throw, from the first stack frame. */
function locationBlock(error: unknown, sources: Map<string, string>): string {
  const stack = typeof (error as Error | undefined)?.stack === "string" ? (error as Error).stack! : "";
  const frame = /\n\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?(?:\n|$)/.exec(stack);
  if (!frame) return "";
  const [, file, lineText, columnText] = frame;
  const source = sources.get(file!);
  if (source === undefined) return "";
  const line = source.split("\n")[Number(lineText) - 1];
  if (line === undefined) return "";
  const column = Number(columnText) - 1;
  const throwAt = line.lastIndexOf("throw", column);
  const caret = throwAt >= 0 ? throwAt : column;
  return `${file}:${lineText}\n${line}\n${" ".repeat(Math.max(0, caret))}^\n`;
}
