/**
 * The builtin modules, by name. Each entry is a factory run on first `require`/`import`; modules
 * the sandbox cannot offer fail with a coded error instead of loading a silent stub.
 */
import { createBufferModule } from "./buffer.js";
import { createChildProcess } from "./child-process.js";
import { createHttpModules } from "./network.js";
import { createDiagnosticsChannel } from "./diagnostics-channel.js";
import { createEvents } from "./events.js";
import { createTty } from "./tty.js";
import { createPathModules } from "./path.js";
import { createTimersModule, type Deprecate } from "./timers-module.js";
import type { Runtime } from "../runtime.js";
import { codedError } from "../errors.js";
import { createUtil, types as utilTypes } from "./util.js";
import { createAssertModule } from "./assert.js";
import { createStream, createStreamPromises, createStreamWeb } from "./stream.js";
import { createStreamConsumers } from "./stream-web.js";
import { createStringDecoder } from "./string-decoder.js";
import { createQuerystring } from "./querystring.js";
import { createOs } from "./os.js";
import { createTimersPromises } from "./timers-promises.js";
import { createPerfHooks } from "./perf-hooks.js";
import { createCrypto } from "./crypto.js";
import { createZlib } from "./zlib.js";
import { createReadline, createReadlinePromises } from "./readline.js";
import { createFs, createFsPromises } from "./fs.js";
import { createUrlModule } from "../globals/url-module.js";

export interface BuiltinContext {
  runtime: Runtime;
  global: Record<string, unknown>;
}

/** Builtins that exist in Node but not in the sandbox, and why. */
const UNSUPPORTED: Record<string, string> = {
  worker_threads: "worker threads",
  cluster: "cluster",
  inspector: "the inspector",
  "inspector/promises": "the inspector",
  vm: "vm contexts",
  v8: "the v8 module",
  wasi: "WASI",
  repl: "the REPL",
  trace_events: "trace events",
  dgram: "the network",
  dns: "the network",
  "dns/promises": "the network",
  async_hooks: "async hooks",
  domain: "domains",
  punycode: "punycode",
  sea: "single executable applications",
  sqlite: "SQLite",
  test: "the test runner",
  "test/reporters": "the test runner",
};

export function createBuiltins(context: BuiltinContext): Map<string, () => unknown> {
  const { global } = context;
  let assertInstance: Record<string, unknown> | undefined;
  const readSource = (path: string) => {
    try {
      return context.runtime.call<string>("readTextFile", path);
    } catch {
      return undefined;
    }
  };
  const assertModule = () => (assertInstance ??= createAssertModule(readSource));
  // Modules that others expose as properties (path.win32, timers.promises) are made once.
  let paths: ReturnType<typeof createPathModules> | undefined;
  const pathModules = () => (paths ??= createPathModules());
  let timersPromises: unknown;
  const timersPromisesModule = () => (timersPromises ??= createTimersPromises(context));
  const builtins = new Map<string, () => unknown>([
    ["events", () => createEvents()],
    ["path", () => pathModules().posix],
    ["path/posix", () => pathModules().posix],
    ["path/win32", () => pathModules().win32],
    ["util", () => createUtil(context)],
    ["util/types", () => utilTypes],
    ["assert", () => assertModule()],
    ["assert/strict", () => (assertModule() as { strict: unknown }).strict],
    ["stream", () => createStream(context)],
    ["stream/promises", () => createStreamPromises(context)],
    ["stream/web", () => createStreamWeb()],
    ["stream/consumers", () => createStreamConsumers()],
    ["string_decoder", () => createStringDecoder()],
    ["querystring", () => createQuerystring()],
    ["os", () => createOs(context)],
    ["timers/promises", timersPromisesModule],
    ["perf_hooks", () => createPerfHooks(context)],
    ["crypto", () => createCrypto(context)],
    ["zlib", () => createZlib(context)],
    ["readline", () => createReadline(context)],
    ["readline/promises", () => createReadlinePromises(context)],
    ["process", () => global.process],
    ["console", () => global.console],
    ["buffer", () => createBufferModule(global)],
    ["fs", () => createFs(context)],
    ["fs/promises", () => createFsPromises(context)],
    ["url", () => createUrlModule()],
    ["child_process", () => createChildProcess(context)],
    ["http", () => createHttpModules(context).http],
    ["https", () => createHttpModules(context).https],
    ["net", () => createHttpModules(context).net],
    ["tls", () => createHttpModules(context).tls],
    ["http2", () => createHttpModules(context).http2],
    ["diagnostics_channel", () => createDiagnosticsChannel()],
    ["tty", () => createTty(context)],
    // The legacy module: os.constants (errno, signals, priority) and fs.constants together.
    ["constants", () => {
      const os = builtins.get("os")?.() as { constants?: Record<string, Record<string, number>> } | undefined;
      const fs = builtins.get("fs")?.() as { constants?: Record<string, number> } | undefined;
      return Object.freeze({ ...os?.constants?.errno, ...os?.constants?.signals, ...os?.constants?.priority, ...fs?.constants });
    }],
    ["timers", () => createTimersModule(global, timersPromisesModule, (): Deprecate => (builtins.get("util")!() as { deprecate: Deprecate }).deprecate)],
  ]);
  for (const [name, what] of Object.entries(UNSUPPORTED)) {
    builtins.set(name, () => {
      throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", `The '${name}' module (${what}) is not supported in the sandbox`);
    });
  }
  return builtins;
}

/** Lets the other builtin files add themselves without this file importing all of them. */
export type BuiltinFactory = (context: BuiltinContext) => unknown;
