/**
 * `createTypeScriptTools()`: type checking and compilation with the TypeScript compiler running
 * inside a sandbox, so untrusted inputs cannot consume the application's CPU or memory. The
 * compiler is a long-lived service: one `node` process of a private kernel (on the system driver's
 * filesystem) that loaded `typescript` once and keeps parsed lib files; requests go to its stdin as
 * JSON lines, one at a time, and each answer comes back as one JSON line on its stdout. A request
 * past its deadline or a service past its memory limit ends the process; the next call starts a
 * fresh one.
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { createKernel, type Kernel, type ProcessHandle } from "../../kernel/index.js";
import type { RuntimeDriverFactory } from "../node/facade.js";
import { createNodeRuntime } from "../node/kernel-driver.js";
import { LIMIT_EXIT_CODES } from "../node/limits.js";
import { createModuleOverlay, MODULE_OVERLAY_PATH, type ModuleOverlayMount } from "../node/overlay.js";
import { guardFileSystem } from "../node/permissions.js";
import type { SessionLimit } from "../node/protocol.js";
import type { SystemDriver } from "../node/system-driver.js";
import type { V8Runtime } from "../node/v8-runtime.js";
import { SERVICE_PROGRAM } from "./compiler-program.js";

export interface TypeScriptToolsOptions {
  /** Whose filesystem (and mounts) the compiler reads projects from and writes output to. */
  systemDriver: SystemDriver;
  runtimeDriverFactory: RuntimeDriverFactory;
  /** V8 heap of the compiler service, in MB (its parsed lib files included). @default 512 */
  memoryLimit?: number;
  /** Time budget of each call, in ms (wall clock, from the request's start in the service). @default 30000 */
  cpuTimeLimitMs?: number;
  /** An idle compiler service is ended after this many ms (the next call starts a new one). @default 10000 */
  idleTimeoutMs?: number;
  /** The V8 host the compiler service runs in. @default the application's shared V8 host */
  v8Runtime?: V8Runtime;
}

/** Compiler options as written in tsconfig.json (`{ target: "es2022", module: "nodenext" }`). */
export type TypeScriptCompilerOptions = Record<string, unknown>;

export interface TypeScriptDiagnostic {
  /** TypeScript's diagnostic code (2322, ...); 0 for a failure of the tool itself (a limit). */
  code: number;
  category: "error" | "warning" | "suggestion" | "message";
  /** The whole message chain, flattened as tsc prints it. */
  message: string;
  /** The file, as a path in the sandbox; absent for global diagnostics. */
  filePath?: string;
  /** 1-based, as in tsc's output; absent when the diagnostic has no position. */
  line?: number;
  column?: number;
}

export interface TypeScriptResult {
  /** No diagnostic of category "error". */
  success: boolean;
  diagnostics: TypeScriptDiagnostic[];
  /** Set when a limit of the compiler's sandbox ended the call. */
  limit?: SessionLimit;
}

export interface TypecheckSourceRequest {
  /** Absolute path the source is checked as; other files it imports come from the filesystem. */
  filePath: string;
  sourceText: string;
  compilerOptions?: TypeScriptCompilerOptions;
}

export interface CompileSourceRequest extends TypecheckSourceRequest {}

export interface ProjectRequest {
  /** The project's folder in the sandbox's filesystem. */
  cwd: string;
  /** @default "tsconfig.json" in cwd */
  configFilePath?: string;
}

export interface CompileSourceResult extends TypeScriptResult {
  outputText?: string;
  /** When `sourceMap` is asked. */
  sourceMapText?: string;
  /** When `declaration` is asked. */
  declarationText?: string;
}

export interface CompileProjectResult extends TypeScriptResult {
  /** Paths of the files written into the system driver's filesystem. */
  emittedFiles: string[];
}

/**
 * For the tsc command: one program of the files named (relative to `cwd` as given), checked and
 * emitted as tsc does (`noEmit` in the options only checks). Not part of the public API.
 */
export const COMPILE_FILES = Symbol("secure-exec.compileFiles");
export interface CompileFilesRequest {
  cwd: string;
  files: string[];
  compilerOptions?: TypeScriptCompilerOptions;
}

export interface TypeScriptTools {
  typecheckSource(request: TypecheckSourceRequest): Promise<TypeScriptResult>;
  typecheckProject(request: ProjectRequest): Promise<TypeScriptResult>;
  compileSource(request: CompileSourceRequest): Promise<CompileSourceResult>;
  compileProject(request: ProjectRequest): Promise<CompileProjectResult>;
  /** Ends the compiler service and its kernel (a running call resolves as failed). Later calls throw. */
  dispose(): void;
  /** For tests and diagnostics: the kernel pid of the running compiler service, if one runs. */
  readonly servicePid: number | undefined;
  /**
   * For tests and diagnostics: whether the running compiler service started from the V8 host's
   * snapshot (typescript loaded, the default lib files parsed and bound), if one runs.
   */
  readonly servicePreloaded: boolean | undefined;
  /** @internal see COMPILE_FILES */
  [COMPILE_FILES](request: CompileFilesRequest): Promise<CompileProjectResult>;
}

export const DEFAULT_TYPESCRIPT_MEMORY_LIMIT_MB = 512;
export const DEFAULT_TYPESCRIPT_CPU_TIME_LIMIT_MS = 30_000;

export const DEFAULT_TYPESCRIPT_IDLE_TIMEOUT_MS = 10_000;

/** What a kernel creates in its filesystem when it starts (kernel/kernel.ts). */
const HOME_DIRECTORIES = ["/root", "/tmp"];

/**
 * The overlay that gives the compiler's sandbox `typescript`: the `node_modules` folder holding
 * the copy this library resolves (pinned 6.x, the last with a JS compiler), else the system
 * driver's own overlay.
 */
function typescriptOverlay(systemDriver: SystemDriver): ModuleOverlayMount | undefined {
  try {
    const packageJson = realpathSync(createRequire(import.meta.url).resolve("typescript/package.json"));
    const root = dirname(dirname(packageJson));
    if (basename(root) === "node_modules") return createModuleOverlay({ root });
  } catch {
    // Not resolvable from here: use the application's overlay.
  }
  return systemDriver.moduleOverlay;
}

function invalidArg(name: string, expected: string, value: unknown): TypeError {
  return Object.assign(new TypeError(`The "${name}" argument must be ${expected}. Received ${typeof value}`), { code: "ERR_INVALID_ARG_TYPE" });
}

function checkPath(name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") throw invalidArg(name, "a non-empty string", value);
}

function checkOptions(value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) throw invalidArg("compilerOptions", "an object", value);
}

function failure(message: string, limit?: SessionLimit): TypeScriptResult {
  const result: TypeScriptResult = { success: false, diagnostics: [{ code: 0, category: "error", message }] };
  if (limit) result.limit = limit;
  return result;
}


function disposedError(): Error {
  return Object.assign(new Error("NodeExecutionDriver has been disposed"), { code: "ERR_RUNTIME_DISPOSED" });
}

/** Loading `typescript` holds no user input, so the service's start has its own, larger budget. */
const STARTUP_BUDGET_MS = 60_000;

type Message = { line: string } | { exit: { exitCode: number; signal?: string } } | { timeout: true };

/** One running compiler service: a kernel process whose stdout is split into lines. */
interface Service {
  handle: ProcessHandle;
  lines: string[];
  exit?: { exitCode: number; signal?: string };
  wake?: () => void;
  stderrTail: string;
  /** Requests answered so far (its caches hold their files). */
  served: number;
  /** It started from a snapshot with typescript loaded and the default lib files parsed. */
  preloaded?: boolean;
}

function startService(kernel: Kernel): Service {
  const handle = kernel.spawn(["node", "-e", SERVICE_PROGRAM], { cwd: "/", env: {}, stdin: "pipe" });
  const service: Service = { handle, lines: [], stderrTail: "", served: 0 };
  void (async () => {
    // Responses may be large and arrive in many chunks: a line is complete at its "\n" only.
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of handle.stdout) {
      const text = decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", start)) {
        service.lines.push(partial + text.slice(start, at));
        partial = "";
        start = at + 1;
      }
      partial += text.slice(start);
      if (service.lines.length > 0) service.wake?.();
    }
  })().catch(() => {});
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of handle.stderr) service.stderrTail = (service.stderrTail + decoder.decode(chunk, { stream: true })).slice(-2000);
  })().catch(() => {});
  void handle.wait().then((status) => {
    service.exit = status;
    service.wake?.();
  });
  return service;
}

/** The next line of the service, its exit, or the deadline, whichever comes first. */
function nextMessage(service: Service, budgetMs: number): Promise<Message> {
  return new Promise((resolve) => {
    const take = (): Message | undefined => {
      const line = service.lines.shift();
      if (line !== undefined) return { line };
      if (service.exit) return { exit: service.exit };
      return undefined;
    };
    const now = take();
    if (now) return resolve(now);
    const timer = setTimeout(() => {
      service.wake = undefined;
      resolve({ timeout: true });
    }, budgetMs);
    service.wake = () => {
      const message = take();
      if (!message) return;
      clearTimeout(timer);
      service.wake = undefined;
      resolve(message);
    };
  });
}

export function createTypeScriptTools(options: TypeScriptToolsOptions): TypeScriptTools {
  if (!options?.systemDriver || !options.runtimeDriverFactory) {
    throw Object.assign(new TypeError("createTypeScriptTools needs a systemDriver and a runtimeDriverFactory"), { code: "ERR_INVALID_ARG_VALUE" });
  }
  const { systemDriver } = options;
  const memoryLimit = options.memoryLimit ?? DEFAULT_TYPESCRIPT_MEMORY_LIMIT_MB;
  const cpuTimeLimitMs = options.cpuTimeLimitMs ?? DEFAULT_TYPESCRIPT_CPU_TIME_LIMIT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_TYPESCRIPT_IDLE_TIMEOUT_MS;
  const moduleOverlay = typescriptOverlay(systemDriver);
  if (!moduleOverlay) {
    throw Object.assign(new Error("createTypeScriptTools: the typescript package was not found (install typescript@6)"), { code: "ERR_TYPESCRIPT_NOT_FOUND" });
  }
  // The kernel under the compiler service creates the home folder (/root) and /tmp in this
  // filesystem when it starts; do it now, so that a project can be written under /root before the
  // first call (as the spec's samples do).
  for (const dir of HOME_DIRECTORIES) {
    try {
      if (systemDriver.filesystem.sync) systemDriver.filesystem.sync.mkdir(dir, { recursive: true });
      else void systemDriver.filesystem.mkdir(dir, { recursive: true }).catch(() => {});
    } catch {
      // Read-only or otherwise unwritable: the kernel would ignore it too.
    }
  }

  let disposed = false;
  let kernel: Promise<Kernel> | undefined;
  let service: Service | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const live = (): void => {
    if (disposed) throw disposedError();
  };

  // The compiler's kernel sees the caller's filesystem and mounts, under the caller's permissions
  // (as a NodeRuntime's kernel does), plus the read-only overlay holding `typescript`.
  const ensureKernel = (): Promise<Kernel> =>
    (kernel ??= (async () => {
      const { filesystem, mounts, permissions } = systemDriver;
      const guarded = mounts.map((mount) => (mount.filesystem.reachesHost ? { path: mount.path, filesystem: guardFileSystem(mount.filesystem, permissions, mount.path) } : mount));
      if (!mounts.some((mount) => mount.path === MODULE_OVERLAY_PATH)) {
        const overlay = moduleOverlay.filesystem;
        guarded.unshift({ path: MODULE_OVERLAY_PATH, filesystem: overlay.readOnly ? overlay : guardFileSystem(overlay, permissions, MODULE_OVERLAY_PATH) });
      }
      const k = createKernel({ filesystem, mounts: guarded, env: {}, basicCommands: false });
      // No CPU limit on the long-lived session (each request has its own deadline); its output
      // adds up over many requests, so no output limit either.
      await k.mount(createNodeRuntime({ memoryLimit, outputLimitBytes: Number.MAX_SAFE_INTEGER, ...(options.v8Runtime ? { v8Runtime: options.v8Runtime } : {}) }));
      return k;
    })());

  const stopService = (): void => {
    const running = service;
    service = undefined;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (running && !running.exit) {
      try {
        running.handle.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };

  /** Why the service ended, as a result. */
  const ended = (running: Service, status: { exitCode: number; signal?: string }): TypeScriptResult => {
    if (service === running) service = undefined;
    if (status.exitCode === LIMIT_EXIT_CODES.memory) return failure(`TypeScript compiler stopped: memory limit of ${memoryLimit} MB exceeded`, "memory");
    if (disposed) return failure("TypeScript compiler stopped: the tools were disposed");
    const detail = running.stderrTail.trim().split("\n").pop() || (status.signal ? `killed by ${status.signal}` : `exit code ${status.exitCode}`);
    return failure(`TypeScript compiler failed: ${detail}`);
  };

  const timedOut = (running: Service): TypeScriptResult => {
    if (service === running) stopService();
    else if (!running.exit) {
      try {
        running.handle.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
    return failure(`TypeScript compiler stopped: CPU time limit of ${cpuTimeLimitMs} ms exceeded`, "cpu");
  };

  /** The running service, or a new one that has loaded `typescript` (or why it could not start). */
  const ensureService = async (): Promise<Service | TypeScriptResult> => {
    if (service && !service.exit) return service;
    const k = await ensureKernel();
    live();
    const started = startService(k);
    service = started;
    const message = await nextMessage(started, Math.max(cpuTimeLimitMs, STARTUP_BUDGET_MS));
    if ("timeout" in message) return timedOut(started);
    if ("exit" in message) return ended(started, message.exit);
    try {
      started.preloaded = (JSON.parse(message.line) as { preloaded?: unknown }).preloaded === true;
    } catch {
      // A ready line is JSON; anything else is answered by the first request.
    }
    return started;
  };

  const perform = async <T extends TypeScriptResult>(request: object): Promise<T> => {
    let result = await attempt<T>(request);
    // A warm service also holds the parsed files of earlier requests: when it runs out of memory,
    // give the request one fresh service before reporting the limit.
    if (result.limit === "memory" && result.retry && !disposed) result = await attempt<T>(request);
    delete result.retry;
    return result;
  };

  const attempt = async <T extends TypeScriptResult>(request: object): Promise<T & { retry?: boolean }> => {
    live();
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    const running = await ensureService();
    if (!("handle" in running)) return running as T;
    running.lines.length = 0;
    running.handle.stdin.write(`${JSON.stringify(request)}\n`).catch(() => {});
    const message = await nextMessage(running, cpuTimeLimitMs);
    if ("timeout" in message) return timedOut(running) as T;
    if ("exit" in message) return running.served > 0 ? { ...(ended(running, message.exit) as T), retry: true } : (ended(running, message.exit) as T);
    running.served++;
    let result: T;
    try {
      result = JSON.parse(message.line) as T;
    } catch {
      stopService();
      return failure("TypeScript compiler failed: unreadable answer") as T;
    }
    if (service === running && idleTimeoutMs > 0) {
      idleTimer = setTimeout(stopService, idleTimeoutMs);
      idleTimer.unref?.();
    }
    return result;
  };

  /** Requests are answered one at a time, in order. */
  const call = <T extends TypeScriptResult>(request: object): Promise<T> => {
    live();
    const result = queue.then(() => perform<T>(request));
    queue = result.catch(() => {});
    return result;
  };

  return {
    async typecheckSource(request) {
      checkPath("filePath", request?.filePath);
      if (typeof request.sourceText !== "string") throw invalidArg("sourceText", "a string", request.sourceText);
      checkOptions(request.compilerOptions);
      return call({ operation: "typecheckSource", filePath: request.filePath, sourceText: request.sourceText, compilerOptions: request.compilerOptions });
    },
    async compileSource(request) {
      checkPath("filePath", request?.filePath);
      if (typeof request.sourceText !== "string") throw invalidArg("sourceText", "a string", request.sourceText);
      checkOptions(request.compilerOptions);
      return call<CompileSourceResult>({ operation: "compileSource", filePath: request.filePath, sourceText: request.sourceText, compilerOptions: request.compilerOptions });
    },
    async typecheckProject(request) {
      checkPath("cwd", request?.cwd);
      if (request.configFilePath !== undefined) checkPath("configFilePath", request.configFilePath);
      return call({ operation: "typecheckProject", cwd: request.cwd, configFilePath: request.configFilePath });
    },
    async compileProject(request) {
      checkPath("cwd", request?.cwd);
      if (request.configFilePath !== undefined) checkPath("configFilePath", request.configFilePath);
      const { emitSkipped: _, ...result } = await call<CompileProjectResult & { emitSkipped?: boolean }>({ operation: "compileProject", cwd: request.cwd, configFilePath: request.configFilePath });
      return { ...result, emittedFiles: result.emittedFiles ?? [] };
    },
    async [COMPILE_FILES](request: CompileFilesRequest) {
      checkPath("cwd", request?.cwd);
      checkOptions(request.compilerOptions);
      const result = await call<CompileProjectResult>({ operation: "compileFiles", cwd: request.cwd, files: request.files, compilerOptions: request.compilerOptions });
      return { ...result, emittedFiles: result.emittedFiles ?? [] };
    },
    get servicePreloaded() {
      return service && !service.exit ? service.preloaded === true : undefined;
    },
    get servicePid() {
      return service && !service.exit ? service.handle.pid : undefined;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopService();
      void kernel?.then((k) => k.dispose()).catch(() => {});
    },
  };
}
