/**
 * `kernel.exec`: runs a command line in a shell process and collects its output. Everything a
 * command line contains (syntax errors, unknown commands, failing redirections) ends up as an
 * exit code and stderr, never as a rejection.
 */
import type { ProcessInput } from "../syscalls/driver.js";
import { describeError } from "../syscalls/errors.js";
import type { ProcessTable } from "./process-table.js";
import type { ProcessLauncher } from "./services.js";
import { spawnHandle } from "./handle.js";
import type { ExecOptions, ExecResult } from "./types.js";

/** The exit status of a command line killed by its timeout, as coreutils' `timeout` reports it. */
export const TIMEOUT_EXIT_CODE = 124;

export async function runExec(
  kernel: { launcher: ProcessLauncher; processes: ProcessTable },
  commandLine: string,
  options: ExecOptions,
): Promise<ExecResult> {
  let handle;
  try {
    handle = spawnHandle(kernel.launcher, kernel.processes, ["sh", "-c", commandLine], {
      env: options.env,
      cwd: options.cwd,
      stdin: options.stdin ?? "",
    });
  } catch (error) {
    // No shell could start (the process limit): a status, as a shell that cannot fork reports it.
    const stderr = `sh: fork: ${describeError(error)}\n`;
    options.onStderr?.(stderr);
    return { exitCode: 126, stdout: "", stderr };
  }
  let timedOut = false;
  const timer =
    options.timeout !== undefined && options.timeout >= 0
      ? setTimeout(() => {
          timedOut = true;
          kernel.processes.signalTree(handle.pid, "SIGKILL");
        }, options.timeout)
      : undefined;
  try {
    const [stdout, stderr, status] = await Promise.all([
      collect(handle.stdout, options.onStdout),
      collect(handle.stderr, options.onStderr),
      handle.wait(),
    ]);
    if (timedOut) return { exitCode: TIMEOUT_EXIT_CODE, stdout, stderr, signal: "SIGKILL", timedOut: true };
    return status.signal ? { exitCode: status.exitCode, stdout, stderr, signal: status.signal } : { exitCode: status.exitCode, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

async function collect(input: ProcessInput, onChunk?: (chunk: string) => void): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  // A callback that throws must not stop the draining: the command would block on a full pipe.
  const deliver = (piece: string): void => {
    try {
      onChunk?.(piece);
    } catch {
      // The caller's callback failed; the output is still collected.
    }
  };
  for await (const chunk of input) {
    const piece = decoder.decode(chunk, { stream: true });
    text += piece;
    if (piece) deliver(piece);
  }
  const rest = decoder.decode();
  if (rest) {
    text += rest;
    deliver(rest);
  }
  return text;
}
