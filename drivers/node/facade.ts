/**
 * `NodeRuntime`, the convenience class of the spec: `exec()` for process-style runs with stdio
 * events, `run()` for exports. Underneath, each runtime owns a private kernel on its system
 * driver's filesystem with the `node` driver mounted, and each call is one kernel process running
 * one fresh isolate session.
 */
import { createKernel, type Kernel } from "../../kernel/index.js";
import type { ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import { createNodeRuntime, type NodeDriver, type NodeSessionOptions } from "./kernel-driver.js";
import type { NodeRuntimeOptions } from "./options.js";
import type { OutputChunk, SessionLimit, SessionResult } from "./protocol.js";
import { guardFileSystem } from "./permissions.js";
import { MODULE_OVERLAY_PATH } from "./overlay.js";
import type { SystemDriver } from "./system-driver.js";
import { sharedV8Runtime, type V8Runtime } from "./v8-runtime.js";

export interface StdioEvent {
  channel: "stdout" | "stderr";
  /** What one write carried, without its final newline (`console.log("hi")` gives `"hi"`). */
  message: string;
}

export type StdioHook = (event: StdioEvent) => void;

export interface ExecOptions {
  onStdio?: StdioHook;
  /** The sandbox's `process.env`. Nothing of the host's environment is visible otherwise. @default {} */
  env?: Record<string, string>;
  /** @default "/root" */
  cwd?: string;
  /** Standard input, read to its end by the sandbox. @default empty */
  stdin?: string | Uint8Array;
  /** Names the script: relative requires resolve from its folder. @default "[eval]" */
  filePath?: string;
}

export interface ExecResult {
  code: number;
  errorMessage?: string;
  /** Set when a limit ended the call: `"memory"`, `"cpu"` or `"output"` (see LIMIT_EXIT_CODES). */
  limit?: SessionLimit;
  /** Set when the V8 host process running the call died (the next call starts a new one). */
  crashed?: true;
}

export interface RunResult<T = unknown> extends ExecResult {
  exports?: T;
}

export interface RuntimeDriverOptions extends NodeRuntimeOptions {
  systemDriver: SystemDriver;
  onStdio?: StdioHook;
}

/** The engine behind a `NodeRuntime`. */
export interface NodeExecutionDriver {
  exec(code: string, options?: ExecOptions): Promise<ExecResult>;
  run<T = unknown>(code: string, filePath?: string): Promise<RunResult<T>>;
  dispose(): void;
  terminate(deadlineMs?: number): Promise<void>;
  readonly disposed: boolean;
}

export interface RuntimeDriverFactory {
  createRuntimeDriver(options: RuntimeDriverOptions): NodeExecutionDriver;
}

export interface NodeRuntimeDriverFactoryOptions {
  /** A dedicated V8 host for the runtimes of this factory. @default the shared V8 host */
  v8Runtime?: V8Runtime;
}

export function createNodeRuntimeDriverFactory(options: NodeRuntimeDriverFactoryOptions = {}): RuntimeDriverFactory {
  return {
    createRuntimeDriver: (driverOptions) => createExecutionDriver({ ...driverOptions, v8Runtime: options.v8Runtime ?? driverOptions.v8Runtime }),
  };
}

export interface NodeRuntimeOptionsWithDrivers extends NodeRuntimeOptions {
  systemDriver: SystemDriver;
  runtimeDriverFactory: RuntimeDriverFactory;
  /** Receives the output of every `exec()` and `run()` of this runtime. */
  onStdio?: StdioHook;
}

export class NodeRuntime {
  private readonly driver: NodeExecutionDriver;

  constructor(options: NodeRuntimeOptionsWithDrivers) {
    if (!options?.systemDriver || !options.runtimeDriverFactory) {
      throw Object.assign(new TypeError("NodeRuntime needs a systemDriver and a runtimeDriverFactory"), { code: "ERR_INVALID_ARG_VALUE" });
    }
    const { runtimeDriverFactory, ...rest } = options;
    this.driver = runtimeDriverFactory.createRuntimeDriver(rest);
  }

  /** Runs code as a process: output through `onStdio`, status in `code`. Throws once disposed. */
  exec(code: string, options?: ExecOptions): Promise<ExecResult> {
    this.assertLive();
    return this.driver.exec(code, options);
  }

  /** Runs code as a module and returns its exports. Throws once disposed. */
  run<T = unknown>(code: string, filePath?: string): Promise<RunResult<T>> {
    this.assertLive();
    return this.driver.run<T>(code, filePath);
  }

  private assertLive(): void {
    if (this.driver.disposed) throw disposedError();
  }

  /** Kills running sessions at once. Synchronous; later calls throw. */
  dispose(): void {
    this.driver.dispose();
  }

  /** Waits for running sessions to finish (up to `deadlineMs`), then disposes. */
  terminate(deadlineMs?: number): Promise<void> {
    return this.driver.terminate(deadlineMs);
  }
}

const SESSION_COMMAND = "__secure_exec_session";

function disposedError(): Error {
  return Object.assign(new Error("NodeExecutionDriver has been disposed"), { code: "ERR_RUNTIME_DISPOSED" });
}
const DEFAULT_TERMINATE_DEADLINE_MS = 5000;

function createExecutionDriver(options: RuntimeDriverOptions): NodeExecutionDriver {
  const node: NodeDriver = createNodeRuntime({ ...options, v8Runtime: options.v8Runtime ?? sharedV8Runtime() });
  const pending = new Map<number, NodeSessionOptions & { resolve(result: SessionResult): void }>();
  const sessionDriver: RuntimeDriver = {
    name: "node-runtime-session",
    commands: [SESSION_COMMAND],
    async run(process: ProcessContext) {
      const request = pending.get(process.pid);
      pending.delete(process.pid);
      if (!request) return 127;
      const result = await node.runSession(process, request);
      request.resolve(result);
      return result.code;
    },
  };
  let kernel: Kernel | undefined;
  let disposed = false;
  const running = new Set<Promise<unknown>>();

  const ensureKernel = async (): Promise<Kernel> => {
    if (!kernel) {
      const { filesystem, mounts, permissions, moduleOverlay } = options.systemDriver;
      const guarded = mounts.map((mount) => (mount.filesystem.reachesHost ? { path: mount.path, filesystem: guardFileSystem(mount.filesystem, permissions, mount.path) } : mount));
      // The node_modules overlay is the sanctioned read-only view: no permission guards it (only a
      // read-only backend, only at its path). A mount of the caller's at that path wins.
      if (moduleOverlay && !mounts.some((mount) => mount.path === MODULE_OVERLAY_PATH)) {
        const { filesystem: overlay } = moduleOverlay;
        guarded.unshift({ path: MODULE_OVERLAY_PATH, filesystem: overlay.readOnly ? overlay : guardFileSystem(overlay, permissions, MODULE_OVERLAY_PATH) });
      }
      // Each process of this kernel is a V8 session: bound how many sandbox code can start.
      kernel = createKernel({ filesystem, mounts: guarded, env: {}, maxProcesses: 64 });
      await kernel.mount(node);
      await kernel.mount(sessionDriver);
    }
    return kernel;
  };

  const live = (): void => {
    if (disposed) throw disposedError();
  };

  const start = async (session: NodeSessionOptions, env: Record<string, string>, cwd: string | undefined, stdin: string | Uint8Array | undefined): Promise<SessionResult> => {
    live();
    const k = await ensureKernel();
    live();
    let resolveResult!: (result: SessionResult) => void;
    const result = new Promise<SessionResult>((resolve) => (resolveResult = resolve));
    const handle = k.spawn([SESSION_COMMAND], { env, cwd: cwd ?? "/root", stdin: stdin ?? "" });
    pending.set(handle.pid, { ...session, resolve: resolveResult });
    const tracked = handle.wait().then((status) => {
      // A session killed before the driver could answer (disposal) still gets a result.
      resolveResult({ code: status.exitCode, errorMessage: status.signal ? `Killed by ${status.signal}` : `Process exited with code ${status.exitCode}`, killed: Boolean(status.signal) });
    });
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
    return result;
  };

  const outputTo = (hooks: Array<StdioHook | undefined>) => (chunks: OutputChunk[]) => {
    for (const { fd, data } of chunks) {
      const text = typeof data === "string" ? data : new TextDecoder().decode(data);
      const event: StdioEvent = { channel: fd === 1 ? "stdout" : "stderr", message: text.endsWith("\n") ? text.slice(0, -1) : text };
      for (const hook of hooks) {
        try {
          hook?.(event);
        } catch {
          // A throwing hook must not break the session's output.
        }
      }
    }
  };

  const toExecResult = (result: SessionResult): ExecResult => {
    if (result.code === 0) return { code: 0 };
    const failed: ExecResult = { code: result.code, errorMessage: result.errorMessage ?? `Process exited with code ${result.code}` };
    if (result.limit) failed.limit = result.limit;
    if (result.crashed) failed.crashed = true;
    return failed;
  };

  return {
    get disposed() {
      return disposed;
    },
    async exec(code, execOptions = {}) {
      live();
      if (typeof code !== "string") throw Object.assign(new TypeError(`The "code" argument must be of type string. Received ${typeof code}`), { code: "ERR_INVALID_ARG_TYPE" });
      const result = await start(
        {
          entry: { kind: "eval", code, ...(execOptions.filePath ? { filePath: execOptions.filePath } : {}) },
          argv: ["/usr/local/bin/node"],
          onOutput: outputTo([execOptions.onStdio, options.onStdio]),
        },
        { ...(execOptions.env ?? {}) },
        execOptions.cwd,
        execOptions.stdin,
      );
      return toExecResult(result);
    },
    async run<T>(code: string, filePath?: string): Promise<RunResult<T>> {
      live();
      if (typeof code !== "string") throw Object.assign(new TypeError(`The "code" argument must be of type string. Received ${typeof code}`), { code: "ERR_INVALID_ARG_TYPE" });
      const result = await start(
        { entry: { kind: "module", code, ...(filePath ? { filePath } : {}) }, argv: ["/usr/local/bin/node", ...(filePath ? [filePath] : [])], onOutput: outputTo([options.onStdio]) },
        {},
        filePath ? filePath.slice(0, filePath.lastIndexOf("/")) || "/" : undefined,
        undefined,
      );
      const base = toExecResult(result);
      return result.exports !== undefined && result.code === 0 ? { ...base, exports: result.exports as T } : base;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      void kernel?.dispose().catch(() => {});
    },
    async terminate(deadlineMs = DEFAULT_TERMINATE_DEADLINE_MS) {
      if (disposed) return;
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref?.());
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), deadline]);
      this.dispose();
    },
  };
}
