/**
 * The sandbox's `process`: identity and environment from the kernel process, exit and exit codes,
 * nextTick, hrtime, stdio writes, warnings. Host-side state (cwd) is changed through syscalls.
 */
import { EventEmitter } from "events";
import { ProcessExit, codedError, invalidArgType, outOfRange } from "./errors.js";
import type { Runtime } from "./runtime.js";
import { clock } from "./clock.js";
import { resolve as resolvePath } from "./path-utils.js";

export interface SandboxProcess extends EventEmitter {
  [key: string]: unknown;
}

/**
 * Node's process object is an EventEmitter whose constructor is named "process": stack frames of
 * its listeners read `process.<anonymous>` and `Object.prototype.toString` gives `[object process]`.
 */
function makeProcessObject(): SandboxProcess {
  const Process = function process(this: EventEmitter) {
    EventEmitter.call(this);
  } as unknown as { new (): SandboxProcess; prototype: object };
  Process.prototype = Object.create(EventEmitter.prototype, {
    constructor: { value: Process, writable: true, configurable: true },
    [Symbol.toStringTag]: { value: "process", configurable: true },
  });
  return new Process();
}

/** Re-points a prepared process at its session (argv, env, pid, cwd); see `configure` in index.ts. */
export const CONFIGURE = Symbol("configure");

export function createProcess(runtime: Runtime, writeStream: (fd: 1 | 2) => unknown, stdin: () => unknown): SandboxProcess {
  const { spec } = runtime.config;
  const process = makeProcessObject();
  let cwd = spec.cwd;
  let exitCode: number | undefined;

  /** Ends the session now, with no more events (Node's `process.reallyExit`). */
  const reallyExit = (code?: unknown): never => {
    if (!runtime.exited) {
      runtime.exited = true;
      runtime.bridge.exit(Number(code ?? 0) & 0xff, runtime.fatalMessage);
    }
    throw new ProcessExit(Number(code ?? 0) & 0xff);
  };

  // As Node's: the code given becomes exitCode; 'exit' is emitted once (a listener that calls
  // exit again ends the process at once, one that throws makes exit() throw).
  const exit = function exit(code?: unknown): never {
    if (runtime.exited) throw new ProcessExit(exitCode ?? 0);
    if (code !== undefined) process.exitCode = code;
    if (!runtime.exiting) {
      runtime.exiting = true;
      process.emit("exit", exitCode ?? 0);
    }
    return (process.reallyExit as (code: number) => never)(exitCode ?? 0);
  };

  const makeEnv = (values: Record<string, string>) => new Proxy({ ...values } as Record<string, string>, {
    // Node turns every value assigned into process.env into a string.
    set(target, key, value) {
      if (typeof key === "string") target[key] = String(value);
      return true;
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === "string" && "value" in descriptor) target[key] = String(descriptor.value);
      return true;
    },
  });
  const env = makeEnv(spec.env);

  Object.assign(process, {
    title: "node",
    version: runtime.config.version,
    versions: { ...runtime.config.versions },
    arch: runtime.config.arch,
    platform: "linux",
    release: { name: "node" },
    argv: [...spec.argv],
    argv0: "node",
    execArgv: [],
    execPath: runtime.config.execPath,
    pid: spec.pid,
    ppid: spec.ppid,
    env,
    config: { variables: {} },
    features: {},
    exit,
    reallyExit,
    abort: () => reallyExit(134),
    cwd: () => cwd,
    chdir(directory: unknown) {
      if (typeof directory !== "string") throw invalidArgType("directory", "of type string", directory);
      runtime.call("chdir", directory);
      // The kernel resolved it the same way; asking again would cost a round trip.
      cwd = resolvePath(cwd, directory);
    },
    umask: () => 0o22,
    uptime: () => (clock.monotonic() - runtime.config.startMonotonic) / 1000,
    hrtime: Object.assign(
      (previous?: [number, number]) => {
        const ns = clock.hrtimeNs();
        let seconds = Math.floor(ns / 1e9);
        let nanos = Math.round(ns - seconds * 1e9);
        if (previous) {
          seconds -= previous[0];
          nanos -= previous[1];
          if (nanos < 0) {
            seconds--;
            nanos += 1e9;
          }
        }
        return [seconds, nanos];
      },
      { bigint: () => BigInt(Math.round(clock.hrtimeNs())) },
    ),
    memoryUsage: Object.assign(() => runtime.call("memoryUsage"), { rss: () => (runtime.call("memoryUsage") as { rss: number }).rss }),
    cpuUsage: () => ({ user: 0, system: 0 }),
    resourceUsage: () => ({}),
    nextTick(callback: unknown, ...args: unknown[]) {
      if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
      runtime.loop.nextTick(() => callback(...args));
    },
    binding: () => {
      throw codedError("ERR_ACCESS_DENIED", "process.binding is not supported in the sandbox");
    },
    dlopen: () => {
      throw codedError("ERR_DLOPEN_DISABLED", "Native addons are not supported in the sandbox");
    },
    kill: (pid: number, signal: string | number = "SIGTERM") => {
      runtime.call("childKill", pid, signal);
      return true;
    },
  });
  Object.defineProperty(process, "exitCode", {
    get: () => exitCode,
    set(value: unknown) {
      exitCode = value === undefined || value === null ? undefined : toExitCode(value);
    },
    enumerable: true,
  });
  Object.defineProperty(process, "_exiting", { get: () => runtime.exiting, set: (value: boolean) => void (runtime.exiting = Boolean(value)), configurable: true });
  let stdout: unknown;
  let stderr: unknown;
  let stdinStream: unknown;
  Object.defineProperty(process, "stdout", { get: () => (stdout ??= writeStream(1)), enumerable: true, configurable: true });
  Object.defineProperty(process, "stderr", { get: () => (stderr ??= writeStream(2)), enumerable: true, configurable: true });
  Object.defineProperty(process, "stdin", { get: () => (stdinStream ??= stdin()), enumerable: true, configurable: true });
  Object.defineProperty(process, CONFIGURE, {
    value: (next: typeof spec) => {
      cwd = next.cwd;
      Object.assign(process, { argv: [...next.argv], env: makeEnv(next.env), pid: next.pid, ppid: next.ppid });
    },
    enumerable: false,
  });
  return process;
}

export function writeRaw(runtime: Runtime, fd: 1 | 2, data: string | Uint8Array): void {
  if (!runtime.exited) runtime.bridge.write(fd, data);
}

/** process.exitCode's rules in Node 22: integer strings count, other values are rejected. */
function toExitCode(value: unknown): number {
  let number = value;
  if (typeof value === "string") {
    if (value.trim() === "" || Number.isNaN(Number(value))) throw invalidArgType("code", "of type number", value);
    number = Number(value);
  }
  if (typeof number !== "number") throw invalidArgType("code", "of type number", value);
  if (!Number.isInteger(number)) throw outOfRange("code", "an integer", number);
  if (Math.abs(number) > Number.MAX_SAFE_INTEGER) throw outOfRange("code", `>= ${Number.MIN_SAFE_INTEGER} && <= ${Number.MAX_SAFE_INTEGER}`, number);
  return number | 0;
}
