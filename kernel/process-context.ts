/**
 * What a driver's `run` receives: the process's identity, its bound syscalls and its fds 0-2 as
 * streams. A write that meets a closed pipe delivers SIGPIPE (the process ends with 141, as a
 * Unix process does by default) and then rejects with EPIPE.
 */
import { SystemError } from "../syscalls/errors.js";
import type { FileData } from "../syscalls/fs-types.js";
import type { ProcessContext, ProcessInput, ProcessOutput } from "../syscalls/driver.js";
import type { Syscalls } from "../syscalls/interfaces.js";
import type { KernelProcess } from "./process-table.js";
import { concatBytes } from "../syscalls/bytes.js";

export function createProcessContext(process: KernelProcess, sys: Syscalls): ProcessContext {
  return {
    pid: process.pid,
    ppid: process.ppid,
    command: process.argv[0] ?? "",
    argv: process.argv,
    env: { ...process.env },
    cwd: process.cwd,
    sys,
    stdin: fdInput((length) => sys.read(0, length)),
    stdout: fdOutput(process, sys, 1),
    stderr: fdOutput(process, sys, 2),
    signal: process.controller.signal,
    onSignal: (handler) => process.onSignal(handler),
  };
}

/** Reads an fd as a stream of chunks until end of file. */
export function fdInput(read: (length: number) => Promise<Uint8Array>): ProcessInput {
  const next = async (): Promise<Uint8Array | null> => {
    const chunk = await read(64 * 1024);
    return chunk.byteLength === 0 ? null : chunk;
  };
  const readAll = async (): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    for (let chunk = await next(); chunk; chunk = await next()) chunks.push(chunk);
    return concatBytes(chunks);
  };
  return {
    read: next,
    readAll,
    text: async () => new TextDecoder().decode(await readAll()),
    async *[Symbol.asyncIterator]() {
      for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
    },
  };
}

function fdOutput(process: KernelProcess, sys: Syscalls, fd: number): ProcessOutput {
  return {
    get isTTY() {
      return sys.isatty(fd);
    },
    async write(data: FileData) {
      try {
        await sys.write(fd, data);
      } catch (error) {
        if (error instanceof SystemError && error.code === "EPIPE") process.signal("SIGPIPE");
        throw error;
      }
    },
  };
}

