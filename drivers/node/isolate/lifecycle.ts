/**
 * How a session ends, as Node's process does: uncaught exceptions and unhandled rejections (with
 * their listeners), and the natural end of the loop: 'beforeExit' (which may add work), then
 * 'exit', then the exit itself. Microtasks only drain when a call from the host returns, so each
 * of those stages is a separate `finish()` call: promises that 'beforeExit' or 'exit' listeners
 * start still run, as in Node, while ticks and timers queued by 'exit' listeners do not.
 */
import { inspect } from "node-inspect-extracted";
import { ProcessExit } from "./errors.js";
import { formatUncaught, isNativeError, rejectionError } from "./fatal.js";
import type { StepResult } from "./loop.js";
import { writeRaw, type SandboxProcess } from "./process.js";
import type { Runtime } from "./runtime.js";
import { cleanStack } from "./stack.js";

export interface LifecycleSession {
  runtime: Runtime;
  process: SandboxProcess;
  sources: Map<string, string>;
}

let current: LifecycleSession | undefined;
/** running → beforeExit (emitted, waiting to see if the loop revived) → exiting ('exit' emitted). */
let stage: "running" | "beforeExit" | "exiting" = "running";

export function bindLifecycle(session: LifecycleSession): void {
  current = session;
  stage = "running";
}

/** Runs `task` as one macrotask of the sandbox: uncaught errors handled, then the nextTick queue. */
export function asTask(task: () => void): void {
  try {
    task();
  } catch (error) {
    handleUncaught(error);
  }
  if (stage !== "exiting") current?.runtime.loop.runTicks();
}

/** One step of the loop, unless the process is exiting (nothing more runs then). */
export function step(now: number): StepResult {
  if (stage === "exiting") return { ran: false, alive: false, nextDeadline: -1 };
  const { loop } = current!.runtime;
  // After 'beforeExit', the loop lives on if its listeners (or the ticks and promises they
  // started) added timers, immediates or I/O; ticks and promises alone do not revive it.
  if (loop.handlesAlive) stage = "running";
  const result = loop.step(now);
  if (loop.handlesAlive) stage = "running";
  return result;
}

export function finish(): { done: boolean; code: number } {
  const { process, runtime } = current!;
  const code = () => Number(process.exitCode ?? 0) & 0xff;
  if (runtime.exited) return { done: true, code: code() };
  if (stage === "running") {
    stage = "beforeExit";
    asTask(() => process.emit("beforeExit", process.exitCode ?? 0));
  } else if (stage === "beforeExit") {
    stage = "exiting";
    runtime.exiting = true;
    try {
      process.emit("exit", process.exitCode ?? 0);
    } catch (error) {
      handleUncaught(error);
    }
  } else {
    reallyExit(process.exitCode ?? 0);
  }
  return { done: runtime.exited, code: code() };
}

/** An exception nothing caught: the 'uncaughtException' listeners, or Node's fatal report. */
export function handleUncaught(error: unknown, fromPromise = false): void {
  if (error instanceof ProcessExit || !current) return;
  const { process, runtime } = current;
  if (runtime.exited) return;
  sanitizeStack(error);
  if (process.listenerCount("uncaughtException") > 0) {
    try {
      process.emit("uncaughtException", error, fromPromise ? "unhandledRejection" : "uncaughtException");
      return;
    } catch (second) {
      if (second instanceof ProcessExit) return;
      // A listener that throws: Node reports that error and exits 7 with no 'exit' event.
      sanitizeStack(second);
      writeRaw(runtime, 2, formatUncaught(second, current.sources, runtime.config.version));
      runtime.fatalMessage = describeThrown(second);
      runtime.exiting = true;
      reallyExit(7);
      return;
    }
  }
  // Node sets exitCode 1 and emits 'exit' (once) before it prints the error.
  try {
    process.exitCode = 1;
    if (!runtime.exiting) {
      runtime.exiting = true;
      process.emit("exit", 1);
    }
  } catch (ignored) {
    if (ignored instanceof ProcessExit) return;
  }
  writeRaw(runtime, 2, formatUncaught(error, current.sources, runtime.config.version, fromPromise));
  runtime.fatalMessage = describeThrown(error);
  reallyExit(process.exitCode ?? 1);
}

/** A rejection nothing handled (reported by the host after a task). */
export function handleRejection(reason: unknown): void {
  const { process } = current!;
  sanitizeStack(reason);
  if (process.listenerCount("unhandledRejection") > 0) {
    // The promise itself stays on the host's side of isolated-vm: listeners get a stand-in.
    asTask(() => process.emit("unhandledRejection", reason, Promise.resolve()));
    return;
  }
  asTask(() => handleUncaught(rejectionError(reason), true));
}

function reallyExit(code: unknown): void {
  try {
    (current!.process.reallyExit as (code: unknown) => never)(code);
  } catch (error) {
    if (!(error instanceof ProcessExit)) throw error;
  }
}

function sanitizeStack(error: unknown): void {
  try {
    if (error instanceof Error && typeof error.stack === "string") error.stack = cleanStack(error.stack);
  } catch {
    // A frozen or exotic error keeps its stack.
  }
}

function describeThrown(value: unknown): string {
  try {
    if (isNativeError(value)) return `${value.name}: ${value.message}`;
    return `Uncaught ${inspect(value)}`;
  } catch {
    return "Uncaught exception";
  }
}
