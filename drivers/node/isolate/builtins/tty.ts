/**
 * `tty`: the sandbox's stdio are never terminals of the host. `isatty` answers from the process's
 * own streams (what the kernel said of fds 0-2), so packages that probe for colours (chalk,
 * debug) work and print plain text.
 */
import type { BuiltinContext } from "./index.js";

export function createTty({ global }: BuiltinContext): Record<string, unknown> {
  const process = global.process as Record<string, { isTTY?: boolean } | undefined>;
  const streams = ["stdin", "stdout", "stderr"] as const;
  const notATerminal = (): never => {
    throw Object.assign(new Error("The sandbox has no terminal to open"), { code: "ERR_NOT_SUPPORTED_IN_SANDBOX" });
  };
  class ReadStream {
    constructor() {
      notATerminal();
    }
  }
  class WriteStream {
    constructor() {
      notATerminal();
    }
  }
  return {
    isatty: (fd: unknown) => typeof fd === "number" && fd >= 0 && fd <= 2 && process[streams[fd]!]?.isTTY === true,
    ReadStream,
    WriteStream,
  };
}
