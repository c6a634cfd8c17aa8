/**
 * The in-isolate runtime: bundled by rollup into one script, evaluated in every session isolate
 * (or baked into its snapshot). It defines `__secureExecRuntime`, which the V8 host calls to set a
 * session up, run its entry, step its event loop and finish it. Nothing here can reach the host
 * except through the bridge given to `setup`.
 */
import { Buffer } from "buffer";
import { inspect } from "node-inspect-extracted";
import { parse as parseEsm } from "es-module-lexer/js";
import type { BridgeReply, Completion } from "../protocol.js";
import { createBridge, type RawBridge } from "./bridge.js";
import { createBuiltins } from "./builtins/index.js";
import { installWebGlobals } from "./globals/index.js";
import { installWebStreams } from "./globals/web-streams.js";
import { clock, installDate } from "./clock.js";
import { createConsole, primeInspect } from "./console.js";
import { forgetRecentErrors, reviveError, systemError } from "./errors.js";
import { moduleSource, resolveEsm } from "./esm.js";
import { installBufferInspect } from "./buffer-inspect.js";
import { asTask, bindLifecycle, finish, handleRejection, handleUncaught, step } from "./lifecycle.js";
import { EventLoop, type StepResult } from "./loop.js";
import { ModuleSystem, inOverlay, rewriteDynamicImport } from "./modules.js";
import { dirname, resolve as resolvePath } from "./path-utils.js";
import { CONFIGURE, createProcess, writeRaw, type SandboxProcess } from "./process.js";
import { Runtime, type RuntimeConfig } from "./runtime.js";
import { createStdin, createWriteStream } from "./streams.js";
import { installStackFormatter, setWrapperOffset } from "./stack.js";
import { SandboxTextDecoder, SandboxTextEncoder } from "./text.js";
import { createTimers } from "./timers.js";
import { installWarnings } from "./warnings.js";

type Global = typeof globalThis & Record<string, unknown>;
const global = globalThis as Global;
// Captured before any sandbox code runs: compiling module code must not depend on globals the
// sandbox can replace.
const indirectEval = eval;

interface Session {
  runtime: Runtime;
  process: SandboxProcess;
  modules: ModuleSystem;
  sources: Map<string, string>;
  /** The main module's exports (run(): CommonJS) once the entry ran. */
  mainModule?: { exports: unknown };
}

let session: Session | undefined;

export type MainOutcome = { kind: "done" } | { kind: "esm"; entry: string; source: string };

/** CommonJS modules of the node_modules overlay from this size on are compiled with V8's code cache. */
const LARGE_MODULE_CHARS = 256 * 1024;

/**
 * The wrapper function of CommonJS source. `prepare` turns the file's text into what is compiled
 * (its import() calls rewritten); a large file of the node_modules overlay is compiled by the V8
 * host with a code cache kept across sessions, which also keeps the prepared text, so it is not
 * lexed again (typescript.js: 9 MB).
 */
function compile(source: string, filename: string, params: string[], prepare?: (source: string) => string): (...args: unknown[]) => unknown {
  session?.sources.set(filename, source);
  const prefix = `(function (${params.join(", ")}) {`;
  // Stack traces take the prefix back off the columns of the first line.
  setWrapperOffset(filename, prefix.length);
  if (prepare && source.length >= LARGE_MODULE_CHARS && inOverlay(filename) && session) {
    const compiled = compileInHost(session.runtime, filename, prefix, source, prepare);
    if (compiled) return compiled;
  }
  return indirectEval(`${prefix}${prepare ? prepare(source) : source}\n})\n//# sourceURL=${filename}`) as (...args: unknown[]) => unknown;
}

function compileInHost(runtime: Runtime, filename: string, prefix: string, source: string, prepare: (source: string) => string): ((...args: unknown[]) => unknown) | undefined {
  type Answer = { compiled?: boolean; error?: unknown };
  const what = `the V8 host compiles ${filename}`;
  let answer = runtime.bridge.callNesting<Answer>("moduleCode", [filename, prefix, source], what);
  if (answer.compiled === false) answer = runtime.bridge.callNesting<Answer>("moduleCode", [filename, prefix, source, prepare(source)], what);
  if (answer.error !== undefined) throw reviveError(answer.error);
  const holder = global as Record<string, unknown>;
  const compiled = holder.__secureExecCompiled as ((...args: unknown[]) => unknown) | undefined;
  delete holder.__secureExecCompiled;
  return typeof compiled === "function" ? compiled : undefined;
}

function installGlobals(runtime: Runtime): Session {
  const { spec } = runtime.config;
  const loop = runtime.loop;
  loop.onUncaught = handleUncaught;
  const encoder = new SandboxTextEncoder();
  const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  const timers = createTimers(loop, handleUncaught);
  const process = createProcess(
    runtime,
    (fd) => createWriteStream(runtime, fd, fd === 1 ? spec.stdoutIsTTY : spec.stderrIsTTY),
    () => createStdin(runtime, spec.stdinIsTTY, toBuffer),
  );
  const console = createConsole({
    stream: (fd) => (fd === 1 ? process.stdout : process.stderr) as { write(text: string): unknown },
    colors: () => false,
    warn: (message) => (process.emitWarning as (message: string) => void)(message),
  });
  // Node prints warnings through its global console object (replaced methods included).
  installWarnings(process, loop, (text) => (console.error as (text: string) => void)(text));
  const performance = {
    get timeOrigin() {
      return clock.startWall;
    },
    now: () => clock.monotonic() - clock.startMonotonic,
    mark() {},
    measure() {},
    toJSON: () => ({ timeOrigin: clock.startWall }),
  };
  const values: Record<string, unknown> = {
    global,
    process,
    console,
    performance,
    Buffer,
    TextEncoder: SandboxTextEncoder,
    TextDecoder: SandboxTextDecoder,
    ...timers,
  };
  for (const [name, value] of Object.entries(values)) {
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: true });
  }
  void encoder;
  installWebGlobals(global, runtime);
  primeInspect(global);
  const sources = new Map<string, string>();
  const current: Session = { runtime, process, sources, modules: undefined as unknown as ModuleSystem };
  session = current;
  bindLifecycle(current);
  const builtins = createBuiltins({ runtime, global });
  current.modules = new ModuleSystem(runtime, builtins, compile, sources);
  installWebStreams(global, (name) => current.modules.loadBuiltin(name));
  const hidden = (name: string, value: unknown) => Object.defineProperty(global, name, { value, writable: false, configurable: false, enumerable: false });
  // The facade of a CommonJS module imported by an ES module: `path` is resolved already.
  hidden("__secureExecRequire", (path: string) => (path in current.modules.cache ? current.modules.cache[path]!.exports : current.modules.require(path, null)));
  // Web Crypto as a global, loaded with the crypto builtin on first use.
  Object.defineProperty(global, "crypto", {
    get() {
      const { webcrypto } = current.modules.loadBuiltin("crypto") as { webcrypto: unknown };
      Object.defineProperty(global, "crypto", { value: webcrypto, writable: true, configurable: true, enumerable: false });
      return webcrypto;
    },
    set(value: unknown) {
      Object.defineProperty(global, "crypto", { value, writable: true, configurable: true, enumerable: false });
    },
    configurable: true,
    enumerable: false,
  });
  hidden("__secureExecBuiltin", (id: string) => current.modules.loadBuiltin(id));
  hidden("__secureExecImportMeta", (path: string) => ({ url: `file://${path}`, filename: path, dirname: dirname(path), resolve: (s: string) => `file://${resolvePath(dirname(path), s)}` }));
  return current;
}

/** `import`/`export` at the start of a statement: what an ES module has and a script does not. */
const MODULE_STATEMENT = /(?:^|[;}\n])[ \t]*(?:import[ \t]*[\w{*'"]|export[ \t]+[\w{*]|export[ \t]*\{)/;

/**
 * Whether source with no file extension to go by is an ES module, as Node's syntax detection
 * decides. The lexer is costly to start in a fresh isolate: it runs only when a statement seems
 * to begin with `import` or `export`.
 */
function hasModuleSyntax(source: string): boolean {
  if (!MODULE_STATEMENT.test(source)) return false;
  try {
    return parseEsm(source)[3] === true;
  } catch {
    return false;
  }
}

// Captured at setup, before any sandbox code (V8 adds it to each new context, so not at bundle
// load): timing mitigation removes it from the global object, mitigation "off" puts it back.
let RealSharedArrayBuffer: unknown;

function applyClock(config: RuntimeConfig): void {
  clock.frozen = config.spec.timingMitigation === "freeze";
  clock.startWall = config.startWall;
  clock.startMonotonic = 0;
  clock.current = 0;
  if (clock.frozen) delete (global as Record<string, unknown>).SharedArrayBuffer;
  else if (RealSharedArrayBuffer) Object.defineProperty(global, "SharedArrayBuffer", { value: RealSharedArrayBuffer, writable: true, configurable: true });
}

const api = {
  setup(raw: RawBridge, config: RuntimeConfig): void {
    RealSharedArrayBuffer ??= (global as Record<string, unknown>).SharedArrayBuffer;
    applyClock(config);
    installDate(global);
    installStackFormatter();
    installBufferInspect(Buffer);
    const bridge = createBridge(raw, systemError);
    const runtime = new Runtime(bridge, new EventLoop(), config);
    installGlobals(runtime);
  },

  /**
   * For an isolate made from a snapshot in which `setup` already ran (with a stand-in bridge,
   * host/typescript-snapshot.ts): the V8 host's bridge. Errors remembered then are forgotten.
   */
  attach(raw: RawBridge): void {
    session!.runtime.bridge = createBridge(raw, systemError);
  },

  /** The end of a snapshot's warm-up: whether it failed; nothing the snapshot cannot hold is left. */
  settle(): { failed: boolean } {
    const { runtime } = session!;
    forgetRecentErrors();
    return { failed: runtime.fatalMessage !== undefined || runtime.exiting || runtime.exited };
  },

  /**
   * Hands a prepared isolate (set up ahead of time with a placeholder) to its session: the real
   * configuration, clocks, and the process's argv, env, pid and cwd. Nothing else depends on it.
   */
  configure(config: RuntimeConfig): void {
    const { runtime, process } = session!;
    runtime.config = config;
    applyClock(config);
    ((process as unknown as Record<symbol, (spec: RuntimeConfig["spec"]) => void>)[CONFIGURE]!)(config.spec);
  },

  /** `configure` then `main`, in one call from the host. */
  start(config: RuntimeConfig): MainOutcome {
    api.configure(config);
    return api.main();
  },

  /** Runs the entry (CommonJS) or loads the ESM graph for the host to link. */
  main(): MainOutcome {
    const { runtime, modules } = session!;
    const { entry, cwd } = runtime.config.spec;
    let outcome: MainOutcome = { kind: "done" };
    asTask(() => {
      if (entry.kind === "eval") {
        const filename = entry.filePath ?? "[eval]";
        if (hasModuleSyntax(entry.code) && !entry.print) {
          const id = resolvePath(cwd, "[eval1]");
          modules.esm.linked.add(id);
          outcome = { kind: "esm", entry: id, source: moduleSource(modules, id, entry.code) };
          return;
        }
        const module = modules.createModule(filename, null);
        module.path = entry.filePath ? dirname(filename) : ".";
        modules.main = module as never;
        const require = modules.makeRequire(module);
        Object.assign(global, { require, module, exports: module.exports, __filename: filename, __dirname: module.path });
        session!.sources.set(filename, entry.code);
        // import() in the script resolves from the working directory (or the file), as in Node.
        const code = rewriteDynamicImport(entry.filePath ?? resolvePath(cwd, filename), entry.code);
        const value = indirectEval(`${code}\n//# sourceURL=${filename}`);
        if (entry.print) writeRaw(runtime, 1, `${typeof value === "string" ? value : inspect(value)}\n`);
        return;
      }
      // The main file is found as Node finds it (extensions, directories), or MODULE_NOT_FOUND.
      const path = entry.kind === "file" ? modules.resolve(resolvePath(cwd, entry.path), cwd) : resolvePath(cwd, entry.filePath ?? "[run].js");
      const source = entry.kind === "file" ? modules.readText(path) : entry.code;
      // run() without a file name: an ES module when a statement starts with import or export.
      const esm =
        entry.kind === "file"
          ? modules.resolver.isEsm(path) || (!/\.c[jt]s$/.test(path) && hasModuleSyntax(source))
          : path.endsWith(".mjs") || (!path.endsWith(".cjs") && (entry.filePath === undefined ? MODULE_STATEMENT.test(source) : hasModuleSyntax(source)));
      if (esm) {
        // Kept for the source line of an uncaught error's report.
        session!.sources.set(path, source);
        modules.esm.linked.add(path);
        outcome = { kind: "esm", entry: path, source: moduleSource(modules, path, source) };
        return;
      }
      const module = modules.createModule(path, null);
      modules.main = module;
      modules.cache[path] = module;
      session!.mainModule = module;
      modules.evaluate(module, source);
      module.loaded = true;
    });
    return outcome;
  },

  /** Resolves one import of an ES module for the host: the target's id and the source to compile. */
  resolveImport(specifier: string, parentId: string): { id: string; source: string } | { failed: true } {
    const { modules } = session!;
    try {
      const id = resolveEsm(modules, specifier, parentId);
      const source = moduleSource(modules, id, undefined);
      modules.esm.linked.add(id);
      // A CommonJS file keeps its own text (compiling it records that), not its facade's.
      if (!id.startsWith("node:") && !session!.sources.has(id)) session!.sources.set(id, source);
      return { id, source };
    } catch (error) {
      asTask(() => handleUncaught(error));
      return { failed: true };
    }
  },

  step(now: number, completions: Completion[]): StepResult {
    const { runtime } = session!;
    clock.current = now;
    for (const { id, reply } of completions) runtime.deliver(id, reply as BridgeReply);
    return step(now);
  },

  /** The loop is empty: 'beforeExit', then 'exit', then the end (see lifecycle.ts). */
  finish,

  /** An error the host met evaluating the entry (an ES module that fails to compile or link). */
  reportError(error: unknown): void {
    asTask(() => handleUncaught(reviveError(error)));
  },

  /** An unhandled rejection the host saw after a task: listeners, or Node's fatal report. */
  unhandledRejection(copied: unknown): void {
    handleRejection(reviveError(copied));
  },

  /** run(): the exports of the entry as plain data the host can copy. */
  exportsOf(namespace?: unknown): unknown {
    return toCloneable(namespace === undefined ? session!.mainModule?.exports : namespace, new Map());
  },
};

/** A structured-clone-safe copy: functions and symbols are left out, cycles kept. */
function toCloneable(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(toCloneable(k, seen), toCloneable(v, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(toCloneable(v, seen));
    return copy;
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    const item = toCloneable((value as Record<string, unknown>)[key], seen);
    if (item !== undefined || Array.isArray(value)) (copy as Record<string, unknown>)[key] = item;
  }
  return copy;
}

Object.defineProperty(global, "__secureExecRuntime", { value: api, writable: false, configurable: true, enumerable: false });
// The host calls in through this one function (one reference to fetch per session).
Object.defineProperty(global, "__secureExecDispatch", {
  value: (name: keyof typeof api, ...args: unknown[]) => (api[name] as (...a: unknown[]) => unknown)(...args),
  writable: false,
  configurable: true,
  enumerable: false,
});
