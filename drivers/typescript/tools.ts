/**
 * `createTypeScriptTools()`: type checking and compilation with the TypeScript compiler running
 * inside a sandbox (a `NodeRuntime` with its own memory and CPU limits), so untrusted inputs cannot
 * consume the application's CPU or memory. Each call is one fresh session: the request goes in as
 * a JSON string literal in front of the compiler program, the result comes back as its exports.
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { NodeRuntime, type RuntimeDriverFactory } from "../node/facade.js";
import { createModuleOverlay, type ModuleOverlayMount } from "../node/overlay.js";
import type { SessionLimit } from "../node/protocol.js";
import type { SystemDriver } from "../node/system-driver.js";
import { COMPILER_PROGRAM } from "./compiler-program.js";

export interface TypeScriptToolsOptions {
  /** Whose filesystem (and mounts) the compiler reads projects from and writes output to. */
  systemDriver: SystemDriver;
  runtimeDriverFactory: RuntimeDriverFactory;
  /** V8 heap of the compiler's session, in MB. @default 512 */
  memoryLimit?: number;
  /** CPU time budget of each call, in ms. @default 30000 */
  cpuTimeLimitMs?: number;
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

export interface TypeScriptTools {
  typecheckSource(request: TypecheckSourceRequest): Promise<TypeScriptResult>;
  typecheckProject(request: ProjectRequest): Promise<TypeScriptResult>;
  compileSource(request: CompileSourceRequest): Promise<CompileSourceResult>;
  compileProject(request: ProjectRequest): Promise<CompileProjectResult>;
  /** Ends the compiler's runtime (running calls are killed). Later calls throw. */
  dispose(): void;
}

export const DEFAULT_TYPESCRIPT_MEMORY_LIMIT_MB = 512;
export const DEFAULT_TYPESCRIPT_CPU_TIME_LIMIT_MS = 30_000;

/** The name the compiler session runs under (its cwd is "/", which always exists). */
const PROGRAM_PATH = "/secure-exec-typescript.cjs";

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

/** One string literal holding the request's JSON. `(` is escaped so no user text reads as `import(`. */
function requestLiteral(request: object): string {
  return JSON.stringify(JSON.stringify(request)).replace(/\(/g, "\\u0028");
}

function failure(message: string, limit?: SessionLimit): TypeScriptResult {
  const result: TypeScriptResult = { success: false, diagnostics: [{ code: 0, category: "error", message }] };
  if (limit) result.limit = limit;
  return result;
}

export function createTypeScriptTools(options: TypeScriptToolsOptions): TypeScriptTools {
  if (!options?.systemDriver || !options.runtimeDriverFactory) {
    throw Object.assign(new TypeError("createTypeScriptTools needs a systemDriver and a runtimeDriverFactory"), { code: "ERR_INVALID_ARG_VALUE" });
  }
  const { systemDriver, runtimeDriverFactory } = options;
  const memoryLimit = options.memoryLimit ?? DEFAULT_TYPESCRIPT_MEMORY_LIMIT_MB;
  const cpuTimeLimitMs = options.cpuTimeLimitMs ?? DEFAULT_TYPESCRIPT_CPU_TIME_LIMIT_MS;
  const moduleOverlay = typescriptOverlay(systemDriver);
  if (!moduleOverlay) {
    throw Object.assign(new Error("createTypeScriptTools: the typescript package was not found (install typescript@6)"), { code: "ERR_TYPESCRIPT_NOT_FOUND" });
  }
  // The compiler's sandbox sees the caller's filesystem and mounts, under the caller's permissions.
  const compilerDriver: SystemDriver = {
    filesystem: systemDriver.filesystem,
    permissions: systemDriver.permissions,
    mounts: systemDriver.mounts,
    moduleOverlay,
  };
  // The kernel under the compiler's runtime creates the home folder (/root, the default cwd) and /tmp
  // in this filesystem when it starts; do it now, so that a project can be written under /root
  // before the first call (as the spec's samples do).
  for (const dir of HOME_DIRECTORIES) {
    try {
      if (systemDriver.filesystem.sync) systemDriver.filesystem.sync.mkdir(dir, { recursive: true });
      else void systemDriver.filesystem.mkdir(dir, { recursive: true }).catch(() => {});
    } catch {
      // Read-only or otherwise unwritable: the kernel would ignore it too.
    }
  }
  // One runtime for every call (each call is a fresh session); its kernel starts on the first call.
  const runtime = new NodeRuntime({ systemDriver: compilerDriver, runtimeDriverFactory, memoryLimit, cpuTimeLimitMs });

  const call = async <T extends TypeScriptResult>(request: object): Promise<T> => {
    const code = `const request = JSON.parse(${requestLiteral(request)});\n${COMPILER_PROGRAM}`;
    const result = await runtime.run<T>(code, PROGRAM_PATH);
    if (result.code === 0 && result.exports && typeof result.exports === "object") return result.exports;
    if (result.limit === "memory") return failure(`TypeScript compiler stopped: memory limit of ${memoryLimit} MB exceeded`, "memory") as T;
    if (result.limit === "cpu") return failure(`TypeScript compiler stopped: CPU time limit of ${cpuTimeLimitMs} ms exceeded`, "cpu") as T;
    if (result.limit) return failure(`TypeScript compiler stopped: ${result.limit} limit exceeded`, result.limit) as T;
    return failure(`TypeScript compiler failed: ${result.errorMessage ?? `exit code ${result.code}`}`) as T;
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
      const result = await call<CompileProjectResult>({ operation: "compileProject", cwd: request.cwd, configFilePath: request.configFilePath });
      return { ...result, emittedFiles: result.emittedFiles ?? [] };
    },
    dispose() {
      runtime.dispose();
    },
  };
}
