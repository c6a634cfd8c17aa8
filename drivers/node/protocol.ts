/**
 * The messages between the application process, the V8 host process and the sandbox. All of them
 * are plain data (structured clone): no function or host object ever crosses.
 */

/** How a session's code is given. */
export type SessionEntry =
  /** `node -e CODE` / `exec(code)`: a CommonJS script named `[eval]` (or `filePath`). */
  | { kind: "eval"; code: string; filePath?: string; print?: boolean }
  /** `run(code, filePath?)`: an ES module (or CommonJS when it looks like it) whose exports come back. */
  | { kind: "module"; code: string; filePath?: string }
  /** `node FILE`: a file of the virtual filesystem. */
  | { kind: "file"; path: string };

export interface SessionSpec {
  entry: SessionEntry;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  pid: number;
  ppid: number;
  /** MB of V8 heap. */
  memoryLimit: number;
  /** CPU time budget of the whole session, ms; 0 for none. */
  cpuTimeLimitMs: number;
  timingMitigation: "freeze" | "off";
  /** Bytes of stdout + stderr the session may write. */
  outputLimitBytes: number;
  /** Bytes one call from the sandbox may carry into the host (a file written, a path...). */
  payloadLimitBytes: number;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /**
   * The host directory shown at /app/node_modules, when the kernel's mount there is a plain
   * read-only host directory with nothing mounted below it: the V8 host then answers the module
   * loader's lookups there itself (host/overlay-files.ts), with no trip to the application.
   */
  overlayRoot?: string;
}

/** Which limit ended a session, when one did. */
export type SessionLimit = "memory" | "cpu" | "output";

export interface SessionResult {
  code: number;
  errorMessage?: string;
  /** run(): the module's exports, copied. */
  exports?: unknown;
  limit?: SessionLimit;
  /** The session was killed from outside (signal or disposal). */
  killed?: boolean;
  /** The V8 host process died while running it. */
  crashed?: boolean;
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
  dest?: string;
}

export type BridgeReply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

export interface Completion {
  id: number;
  reply: BridgeReply;
}

/** Sandbox output, as written (console.log's text ends with "\n"). */
export interface OutputChunk {
  fd: 1 | 2;
  data: string | Uint8Array;
}

// Application -> V8 host.
export type HostRequest =
  | { type: "start"; sessionId: number; spec: SessionSpec }
  | { type: "kill"; sessionId: number; reason: "signal" | "dispose" }
  | { type: "reply"; sessionId: number; callId: number; reply: BridgeReply };

// V8 host -> application.
export type HostEvent =
  | { type: "ready" }
  | { type: "call"; sessionId: number; callId: number; op: string; args: unknown[] }
  | { type: "output"; sessionId: number; chunks: OutputChunk[] }
  | { type: "end"; sessionId: number; result: SessionResult };
