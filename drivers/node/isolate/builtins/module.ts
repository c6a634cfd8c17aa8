/**
 * The `module` builtin: `createRequire`, `builtinModules`, `isBuiltin` and the `Module` class
 * (the prototype of every `module` object), over the session's module system.
 */
import { codedError } from "../errors.js";
import type { CommonJsModule, ModuleSystem } from "../modules.js";
import { dirname, isAbsolute } from "../path-utils.js";
import { Module } from "../modules.js";
import { GLOBAL_PATHS } from "../resolve.js";

export function createModuleBuiltin(system: ModuleSystem): unknown {
  const builtinModules = Object.freeze(system.builtinNames());

  const isBuiltin = (name: unknown): boolean => typeof name === "string" && system.isBuiltin(name);

  const createRequire = (filename: unknown) => {
    let path: string | undefined;
    if (typeof filename === "string") {
      path = filename.startsWith("file:") ? fileUrlPath(filename) : filename;
    } else if (filename !== null && typeof filename === "object" && typeof (filename as { href: string; protocol: string }).href === "string" && (filename as { href: string; protocol: string }).protocol === "file:") {
      path = fileUrlPath((filename as { href: string; protocol: string }).href);
    }
    if (path === undefined || !path.startsWith("/")) {
      throw codedError(
        "ERR_INVALID_ARG_VALUE",
        `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${typeof filename === "string" ? `'${filename}'` : String(filename)}`,
        TypeError,
      );
    }
    // A folder (trailing slash) stands for a file in it, as in Node.
    const module = new Module(path.endsWith("/") ? `${path}noop.js` : path, null, system);
    return system.makeRequire(module);
  };

  const statics = {
    builtinModules,
    isBuiltin,
    createRequire,
    _cache: system.cache,
    _extensions: { ".js": () => {}, ".json": () => {}, ".node": () => {} },
    globalPaths: [...GLOBAL_PATHS],
    _nodeModulePaths: (from: string) => new Module(`${from}/x`, null).paths,
    _resolveFilename: (request: string, parent?: { filename?: unknown } | null, _isMain?: boolean, options?: { paths?: string[] }) => {
      const from = parent && typeof parent.filename === "string" && isAbsolute(parent.filename) ? dirname(parent.filename) : system.runtime.config.spec.cwd;
      return system.resolve(request, from, parent && typeof parent.filename === "string" ? [parent.filename] : [], options?.paths);
    },
    _load: (request: string, parent?: CommonJsModule | null) => system.require(request, parent ?? null),
    wrap: (script: string) => `(function (exports, require, module, __filename, __dirname) { ${script}\n});`,
    findSourceMap: () => undefined,
    syncBuiltinESMExports: () => {},
    register: () => {
      throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", "module.register() (loader hooks) is not supported in the sandbox");
    },
    enableCompileCache: () => ({ status: 3, message: "Disabled in the sandbox" }),
  };
  Object.assign(Module, statics, { Module, default: Module });
  return Module;
}

function fileUrlPath(url: string): string {
  const rest = url.slice("file:".length).replace(/^\/\/(localhost)?/, "").split(/[?#]/)[0]!;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
