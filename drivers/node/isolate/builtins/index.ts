/**
 * The builtin modules, by name. Each entry is a factory run on first `require`/`import`; modules
 * the sandbox cannot offer fail with a coded error instead of loading a silent stub.
 */
import { EventEmitter } from "events";
import * as path from "path-browserify";
import type { Runtime } from "../runtime.js";
import { codedError } from "../errors.js";
import { createUtil } from "./util.js";
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
  vm: "vm contexts",
  v8: "the v8 module",
  wasi: "WASI",
  repl: "the REPL",
  "trace_events": "trace events",
};

export function createBuiltins(context: BuiltinContext): Map<string, () => unknown> {
  const { global } = context;
  const builtins = new Map<string, () => unknown>([
    ["events", () => Object.assign(EventEmitter, { EventEmitter, default: EventEmitter })],
    ["path", () => Object.assign({}, path, { posix: path, default: path })],
    ["path/posix", () => path],
    ["util", () => createUtil(context)],
    ["process", () => global.process],
    ["console", () => global.console],
    ["buffer", () => global.__secureExecBufferModule],
    ["fs", () => createFs(context)],
    ["fs/promises", () => createFsPromises(context)],
    ["url", () => createUrlModule()],
    ["timers", () => ({
      setTimeout: global.setTimeout,
      setInterval: global.setInterval,
      setImmediate: global.setImmediate,
      clearTimeout: global.clearTimeout,
      clearInterval: global.clearInterval,
      clearImmediate: global.clearImmediate,
    })],
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
