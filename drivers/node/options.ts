/** Options shared by the kernel driver and `NodeRuntime`, with their defaults. */
import type { V8Runtime } from "./v8-runtime.js";

export interface NodeRuntimeOptions {
  /** V8 heap per session, in MB. @default 128 */
  memoryLimit?: number;
  /** CPU time budget of each session, in ms; unlimited when absent or 0. @default undefined */
  cpuTimeLimitMs?: number;
  /**
   * `"freeze"`: `Date.now()`, `new Date()`, `performance.now()` and `process.hrtime()` stay at the
   * session's start and `SharedArrayBuffer` is absent (no fine timers for side channels).
   * `"off"`: clocks run (V8's own clock, millisecond resolution). @default "freeze"
   */
  timingMitigation?: "freeze" | "off";
  /** Bytes of stdout plus stderr one session may write before it is ended. @default 16 MiB */
  outputLimitBytes?: number;
  /**
   * Bytes one call from the sandbox may carry into the host (the data of a file write, say); a
   * larger call fails in the sandbox with `ERR_PAYLOAD_TOO_LARGE`. @default 64 MiB
   */
  payloadLimitBytes?: number;
  /** The V8 host to run sessions in. @default the shared V8 host of this application */
  v8Runtime?: V8Runtime;
}

export const DEFAULT_MEMORY_LIMIT_MB = 128;
export const DEFAULT_OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024;
export const DEFAULT_PAYLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

export interface ResolvedLimits {
  memoryLimit: number;
  cpuTimeLimitMs: number;
  timingMitigation: "freeze" | "off";
  outputLimitBytes: number;
  payloadLimitBytes: number;
}

export function resolveLimits(options: NodeRuntimeOptions): ResolvedLimits {
  const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT_MB;
  if (!Number.isFinite(memoryLimit) || memoryLimit < 8) throw invalid("memoryLimit", "a number of MB, at least 8", memoryLimit);
  const cpuTimeLimitMs = options.cpuTimeLimitMs ?? 0;
  if (!Number.isFinite(cpuTimeLimitMs) || cpuTimeLimitMs < 0) throw invalid("cpuTimeLimitMs", "a non-negative number", cpuTimeLimitMs);
  const timingMitigation = options.timingMitigation ?? "freeze";
  if (timingMitigation !== "freeze" && timingMitigation !== "off") throw invalid("timingMitigation", '"freeze" or "off"', timingMitigation);
  const outputLimitBytes = options.outputLimitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES;
  if (!Number.isFinite(outputLimitBytes) || outputLimitBytes < 0) throw invalid("outputLimitBytes", "a non-negative number", outputLimitBytes);
  const payloadLimitBytes = options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES;
  if (!Number.isFinite(payloadLimitBytes) || payloadLimitBytes < 1024) throw invalid("payloadLimitBytes", "a number of bytes, at least 1024", payloadLimitBytes);
  return { memoryLimit: Math.floor(memoryLimit), cpuTimeLimitMs, timingMitigation, outputLimitBytes, payloadLimitBytes };
}

function invalid(name: string, expected: string, value: unknown): Error {
  return Object.assign(new TypeError(`The "${name}" option must be ${expected}. Received ${String(value)}`), { code: "ERR_INVALID_ARG_VALUE" });
}
