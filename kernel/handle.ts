/**
 * `kernel.spawn`: a process started by the application, its stdio connected to pipes whose other
 * ends the returned handle holds.
 */
import { SystemError } from "../syscalls/errors.js";
import { OpenFileRef, pipeReadEnd, pipeWriteEnd } from "./open-file.js";
import { Pipe } from "./pipe.js";
import { fdInput } from "./process-context.js";
import type { ProcessTable } from "./process-table.js";
import type { ProcessLauncher } from "./services.js";
import { toBytes } from "./syscalls.js";
import type { ProcessHandle, SpawnOptions } from "./types.js";

export function spawnHandle(
  launcher: ProcessLauncher,
  processes: ProcessTable,
  argv: readonly string[],
  options: SpawnOptions,
): ProcessHandle {
  const [stdinPipe, stdoutPipe, stderrPipe] = [new Pipe(), new Pipe(), new Pipe()];
  const childEnds = [
    new OpenFileRef(pipeReadEnd(stdinPipe)),
    new OpenFileRef(pipeWriteEnd(stdoutPipe)),
    new OpenFileRef(pipeWriteEnd(stderrPipe)),
  ] as const;
  const stdinEnd = new OpenFileRef(pipeWriteEnd(stdinPipe));
  const stdoutEnd = new OpenFileRef(pipeReadEnd(stdoutPipe));
  const stderrEnd = new OpenFileRef(pipeReadEnd(stderrPipe));
  let process;
  try {
    process = launcher.launch(null, { argv, env: options.env, cwd: options.cwd }, childEnds);
  } catch (error) {
    for (const end of [stdinEnd, stdoutEnd, stderrEnd]) end.releaseOne();
    throw error;
  } finally {
    // The child holds its own references now.
    for (const end of childEnds) end.releaseOne();
  }
  const child = process;

  let stdinOpen = true;
  const endStdin = (): void => {
    if (stdinOpen) {
      stdinOpen = false;
      stdinEnd.releaseOne();
    }
  };
  const feed = options.stdin ?? "pipe";
  if (feed !== "pipe") {
    void stdinEnd.file
      .write(toBytes(feed))
      .catch(() => {})
      .finally(endStdin);
  }
  child.whenExited().then(() => processes.release(child.pid));

  return {
    pid: child.pid,
    stdin: {
      async write(data) {
        if (!stdinOpen) throw new SystemError("EPIPE", { syscall: "write", detail: "standard input was closed" });
        await stdinEnd.file.write(toBytes(data));
      },
      end: endStdin,
    },
    stdout: fdInput((length) => stdoutEnd.file.read(length)),
    stderr: fdInput((length) => stderrEnd.file.read(length)),
    wait: () => child.whenExited(),
    kill: (signal = "SIGTERM") => child.signal(signal),
  };
}
