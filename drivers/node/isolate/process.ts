/**
 * The sandbox's `process`: identity and environment from the kernel process, exit and exit codes,
 * nextTick, hrtime, stdio writes, warnings. Host-side state (cwd) is changed through syscalls.
 */
import { EventEmitter } from "events";
import { ProcessExit, codedError } from "./errors.js";
import type { Runtime } from "./runtime.js";
import { clock } from "./clock.js";

export interface SandboxProcess extends EventEmitter {
  [key: string]: unknown;
}

export function createProcess(runtime: Runtime, writeStream: (fd: 1 | 2) => unknown, stdin: () => unknown): SandboxProcess {
  const { spec } = runtime.config;
  const process = new EventEmitter() as SandboxProcess;
  let cwd = spec.cwd;
  let exitCode: number | undefined;

  const exit = (code?: unknown): never => {
    if (!runtime.exiting) {
      runtime.exiting = true;
      const final = code === undefined ? (exitCode ?? 0) : toExitCode(code);
      exitCode = final;
      try {
        process.emit("exit", final);
      } catch {
        // An 'exit' listener that throws does not change the status.
      }
      runtime.exited = true;
      runtime.bridge.exit(exitCode ?? final, runtime.fatalMessage);
    }
    throw new ProcessExit(exitCode ?? 0);
  };

  const env = new Proxy({ ...spec.env } as Record<string, string>, {
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
    abort: () => exit(134),
    cwd: () => cwd,
    chdir(directory: unknown) {
      if (typeof directory !== "string") throw codedError("ERR_INVALID_ARG_TYPE", `The "directory" argument must be of type string. Received ${typeof directory}`, TypeError);
      cwd = runtime.call<string>("chdir", directory);
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
      if (typeof callback !== "function") throw codedError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received ${describe(callback)}`, TypeError);
      runtime.loop.nextTick(() => callback(...args));
    },
    emitWarning(warning: unknown, type?: unknown, code?: unknown) {
      let error: Error & { code?: unknown };
      if (warning instanceof Error) error = warning;
      else {
        const options = typeof type === "object" && type !== null ? (type as { type?: string; code?: string }) : { type: type as string | undefined, code: code as string | undefined };
        error = new Error(String(warning));
        error.name = options.type ?? "Warning";
        if (options.code !== undefined) error.code = options.code;
      }
      runtime.loop.nextTick(() => {
        process.emit("warning", error);
        const prefix = error.code ? `[${String(error.code)}] ` : "";
        writeRaw(runtime, 2, `(node:${spec.pid}) ${prefix}${error.name}: ${error.message}\n${
          process.listenerCount("warning") > 1 || warnedOnce ? "" : "(Use `node --trace-warnings ...` to show where the warning was created)\n"
        }`);
        warnedOnce = true;
      });
    },
    binding: () => {
      throw codedError("ERR_ACCESS_DENIED", "process.binding is not supported in the sandbox");
    },
    dlopen: () => {
      throw codedError("ERR_DLOPEN_DISABLED", "Native addons are not supported in the sandbox");
    },
    kill: (pid: number, signal: string | number = "SIGTERM") => {
      runtime.call("kill", pid, typeof signal === "number" ? signal : signal);
      return true;
    },
  });
  let warnedOnce = false;

  Object.defineProperty(process, "exitCode", {
    get: () => exitCode,
    set(value: unknown) {
      exitCode = value === undefined || value === null ? undefined : toExitCode(value);
    },
    enumerable: true,
  });
  let stdout: unknown;
  let stderr: unknown;
  let stdinStream: unknown;
  Object.defineProperty(process, "stdout", { get: () => (stdout ??= writeStream(1)), enumerable: true, configurable: true });
  Object.defineProperty(process, "stderr", { get: () => (stderr ??= writeStream(2)), enumerable: true, configurable: true });
  Object.defineProperty(process, "stdin", { get: () => (stdinStream ??= stdin()), enumerable: true, configurable: true });
  return process;
}

export function writeRaw(runtime: Runtime, fd: 1 | 2, data: string | Uint8Array): void {
  if (!runtime.exited) runtime.bridge.write(fd, data);
}

function toExitCode(value: unknown): number {
  const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) {
    throw codedError("ERR_INVALID_ARG_TYPE", `The "code" argument must be of type number. Received ${describe(value)}`, TypeError);
  }
  return number & 0xff;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function") return `function ${value.name}`;
  if (typeof value === "object") return "an instance of " + ((value as object).constructor?.name ?? "Object");
  if (typeof value === "string") return `type string ('${value.length > 25 ? value.slice(0, 25) + "..." : value}')`;
  return `type ${typeof value} (${String(value)})`;
}
