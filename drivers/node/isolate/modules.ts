/**
 * CommonJS in the sandbox: `require` of builtins and of files of the virtual filesystem, with
 * `module`, `exports`, `__filename`, `__dirname`, `require.resolve` and `require.cache`. Files are
 * read through syscalls and compiled in the isolate (the source URL names them in stack traces).
 * Resolution itself (shared with ESM) is in resolve.ts.
 */
import { parse as parseEsm } from "es-module-lexer/js";
import { codedError } from "./errors.js";
import type { Runtime } from "./runtime.js";
import { dirname, isAbsolute, resolve as resolvePath } from "./path-utils.js";
import { GLOBAL_PATHS, Resolver, moduleNotFound, nodeModulesPaths } from "./resolve.js";
import { createModuleBuiltin } from "./builtins/module.js";
import { checkExtension, checkJsonAttribute } from "./esm.js";
import { EsmLoader } from "./esm-loader.js";

export { nodeModulesPaths } from "./resolve.js";

export interface CommonJsModule {
  id: string;
  filename: string;
  path: string;
  exports: unknown;
  loaded: boolean;
  children: CommonJsModule[];
  parent: CommonJsModule | null | undefined;
  paths: string[];
  require: (specifier: string) => unknown;
}

type Builtins = Map<string, () => unknown>;
/** `import(` as a call (not `import.meta`, not a static import). */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The prototype of `module` objects, exported by the `module` builtin as `Module`. */
export class Module implements CommonJsModule {
  id: string;
  path: string;
  exports: unknown = {};
  filename: string;
  loaded = false;
  children: CommonJsModule[] = [];
  paths: string[];
  declare parent: CommonJsModule | null | undefined;
  declare private readonly system: ModuleSystem | undefined;

  constructor(id: string, parent: CommonJsModule | null | undefined, system?: ModuleSystem) {
    // The order of Node's fields (what console.log(module) shows); parent and the loader stay hidden.
    this.id = id;
    this.path = dirname(id);
    this.filename = id;
    this.paths = nodeModulesPaths(this.path);
    Object.defineProperty(this, "parent", { value: parent, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(this, "system", { value: system, enumerable: false });
  }

  require(specifier: string): unknown {
    if (!this.system) throw codedError("ERR_INVALID_STATE", "This module has no module system");
    return this.system.require(specifier, this);
  }
}

export class ModuleSystem {
  readonly cache: Record<string, CommonJsModule> = Object.create(null);
  private readonly builtinCache = new Map<string, unknown>();
  readonly resolver: Resolver;
  /** For each ES module: the specifiers of its static imports that carry `with { type: "json" }`. */
  readonly jsonImports = new Map<string, Set<string>>();
  /** ES modules loaded by import() and require() after the entry. */
  readonly esm: EsmLoader;

  constructor(
    readonly runtime: Runtime,
    private readonly builtins: Builtins,
    private readonly compile: (source: string, filename: string, params: string[], prepare?: (source: string) => string) => (...args: unknown[]) => unknown,
    /** Source text by file, for the source line of an uncaught error's report. */
    readonly sources: Map<string, string>,
  ) {
    this.esm = new EsmLoader(this);
    this.resolver = new Resolver({
      statType: (path) => this.statType(path),
      readText: (path) => this.readText(path),
      realpath: (path) => this.realpath(path),
      isBuiltin: (name) => this.isBuiltin(name),
    });
    if (!builtins.has("module")) builtins.set("module", () => createModuleBuiltin(this));
    // `import.meta.resolve(specifier)`: the URL an import would load (a missing file still has one).
    Object.defineProperty(globalThis, "__secureExecMetaResolve", {
      value: (parent: string, specifier: unknown) => {
        try {
          const id = this.resolver.resolveImport(String(specifier), parent);
          return id.startsWith("node:") ? id : `file://${encodeURI(id)}`;
        } catch (error) {
          const { code, url } = error as { code?: unknown; url?: unknown };
          if (code === "ERR_MODULE_NOT_FOUND" && typeof url === "string") return url;
          throw error;
        }
      },
      writable: false,
      configurable: false,
      enumerable: false,
    });
    // `import()` in module code is rewritten to this (isolated-vm has no dynamic import hook).
    Object.defineProperty(globalThis, "__secureExecImport", {
      value: (parent: string, specifier: unknown, options?: unknown) => this.dynamicImport(parent, specifier, options),
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }

  /** The names of the builtins (`module.builtinModules`). */
  builtinNames(): string[] {
    return [...this.builtins.keys()].sort();
  }

  isBuiltin(specifier: string): boolean {
    return this.builtins.has(specifier.startsWith("node:") ? specifier.slice(5) : specifier);
  }

  loadBuiltin(specifier: string): unknown {
    const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
    if (!this.builtinCache.has(name)) {
      const factory = this.builtins.get(name);
      if (!factory) throw codedError("ERR_UNKNOWN_BUILTIN_MODULE", `No such built-in module: ${specifier}`);
      this.builtinCache.set(name, factory());
    }
    return this.builtinCache.get(name);
  }

  /** Node's CommonJS resolution (see resolve.ts). */
  resolve(specifier: string, fromDirectory: string, parentFile?: string | string[], paths?: string[]): string {
    if (typeof specifier !== "string") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received ${typeof specifier}`, TypeError);
    }
    const stack = parentFile === undefined ? [] : Array.isArray(parentFile) ? parentFile : [parentFile];
    return this.resolver.resolveRequire(specifier, fromDirectory, stack, paths);
  }

  require(specifier: string, parent: CommonJsModule | null): unknown {
    return this.load(specifier, parent);
  }

  private load(specifier: string, parent: CommonJsModule | null): unknown {
    if (typeof specifier !== "string") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received ${typeof specifier}`, TypeError);
    }
    if (specifier === "") throw codedError("ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''", TypeError);
    const fromDirectory = parent && isAbsolute(parent.filename) ? dirname(parent.filename) : this.runtime.config.spec.cwd;
    const resolved = this.resolve(specifier, fromDirectory, requireStack(parent, this.runtime.config.spec.cwd));
    if (this.isBuiltin(resolved)) return this.loadBuiltin(resolved);
    const cached = this.cache[resolved];
    if (cached) {
      if (parent && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    if (resolved.endsWith(".node")) {
      throw codedError("ERR_DLOPEN_DISABLED", `Cannot load native addon ${resolved}: native addons are not supported in the sandbox`);
    }
    if (this.resolver.isEsm(resolved)) return this.requireEsm(resolved, parent);
    const module = this.createModule(resolved, parent);
    this.cache[resolved] = module;
    let threw = true;
    try {
      if (resolved.endsWith(".json")) {
        try {
          module.exports = JSON.parse(stripBom(this.readText(resolved)));
        } catch (error) {
          (error as Error).message = `${resolved}: ${(error as Error).message}`;
          throw error;
        }
      } else {
        this.evaluate(module, this.readText(resolved));
      }
      threw = false;
    } finally {
      if (threw) {
        delete this.cache[resolved];
        if (parent) parent.children = parent.children.filter((child) => child !== module);
      }
    }
    module.loaded = true;
    return module.exports;
  }

  /** require() of an ES module: its namespace (see esm-loader.ts), cached in require.cache as Node does. */
  private requireEsm(path: string, parent: CommonJsModule | null): unknown {
    const value = this.esm.require(path, parent);
    const module = this.createModule(path, parent);
    module.exports = value;
    module.loaded = true;
    this.cache[path] = module;
    return value;
  }

  createModule(filename: string, parent: CommonJsModule | null): CommonJsModule {
    const module = new Module(filename, parent, this);
    parent?.children.push(module);
    return module;
  }

  /** Runs CommonJS source as `module` (the main script or a required file). */
  evaluate(module: CommonJsModule, source: string): void {
    if (module === this.main) module.id = ".";
    const require = this.makeRequire(module);
    const filename = module.filename;
    const wrapper = this.compile(stripShebang(stripBom(source)), filename, ["exports", "require", "module", "__filename", "__dirname"], (text) => rewriteDynamicImport(filename, text));
    wrapper.call(module.exports, module.exports, require, module, module.filename, module.path);
  }

  makeRequire(module: CommonJsModule): NodeRequireLike {
    const require = ((specifier: string) => this.require(specifier, module)) as NodeRequireLike;
    const fromDirectory = () => (isAbsolute(module.filename) ? dirname(module.filename) : this.runtime.config.spec.cwd);
    const resolve = (specifier: string, options?: { paths?: unknown }) => {
      let paths: string[] | undefined;
      if (options !== undefined && options !== null && options.paths !== undefined) {
        if (!Array.isArray(options.paths) || options.paths.some((path) => typeof path !== "string")) {
          throw codedError("ERR_INVALID_ARG_VALUE", `The property 'options.paths' must be an Array of strings. Received ${String(options.paths)}`, TypeError);
        }
        paths = (options.paths as string[]).map((path) => resolvePath(fromDirectory(), path));
      }
      return this.resolve(specifier, fromDirectory(), requireStack(module, this.runtime.config.spec.cwd), paths);
    };
    require.resolve = Object.assign(resolve, {
      paths: (specifier: string) => {
        if (this.isBuiltin(specifier)) return null;
        if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") return [fromDirectory()];
        return this.resolver.lookupPaths(fromDirectory());
      },
    });
    require.cache = this.cache;
    require.main = this.main;
    require.extensions = Object.assign(Object.create(null), { ".js": () => {}, ".json": () => {}, ".node": () => {} });
    return require;
  }

  main: CommonJsModule | undefined;

  /** `import(specifier)`: through esm-loader.ts, for every kind of module. */
  dynamicImport(parent: string, specifier: unknown, options?: unknown): Promise<unknown> {
    try {
      const id = this.resolver.resolveImport(String(specifier), parent);
      if (id.endsWith(".node")) throw nativeAddon(id);
      if (!id.startsWith("node:")) {
        checkExtension(id);
        checkJsonAttribute(id, jsonType(options));
      }
      // ES modules, and the facades of CommonJS, JSON and builtins: the same module records (and
      // namespaces) as static imports get.
      return this.esm.import(id);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  readText(path: string): string {
    const text = inOverlay(path) ? this.probe(path)?.text : undefined;
    return text ?? this.runtime.call<string>("readTextFile", path);
  }

  /**
   * Files under /app/node_modules, asked about once per session and in one call each (type,
   * real path and text: `probeFile`): the overlay is read-only, and a package's files are
   * looked up again and again while it loads.
   */
  private readonly overlayFiles = new Map<string, OverlayFile | null>();

  private probe(path: string): OverlayFile | null {
    let file = this.overlayFiles.get(path);
    if (file === undefined) {
      file = this.runtime.call<OverlayFile | null>("probeFile", path);
      this.overlayFiles.set(path, file);
      if (file !== null && file.real !== path && !this.overlayFiles.has(file.real)) this.overlayFiles.set(file.real, file);
    }
    return file;
  }

  private statType(path: string): string | undefined {
    if (inOverlay(path)) return this.probe(path)?.type;
    return this.runtime.call<string | null>("statType", path) ?? undefined;
  }

  private realpath(path: string): string {
    const real = inOverlay(path) ? this.probe(path)?.real : undefined;
    // Nothing there: the call reports it (ENOENT).
    return real ?? this.runtime.call<string>("realpath", path);
  }
}

/** `probeFile`'s answer: a source file's text comes along unless it is large or TypeScript. */
interface OverlayFile {
  type: string;
  real: string;
  text?: string;
}

export function inOverlay(path: string): boolean {
  return GLOBAL_PATHS.some((root) => path === root || path.startsWith(`${root}/`));
}

export interface NodeRequireLike {
  (specifier: string): unknown;
  resolve: ((specifier: string, options?: { paths?: unknown }) => string) & { paths: (specifier: string) => string[] | null };
  cache: Record<string, CommonJsModule>;
  main: CommonJsModule | undefined;
  extensions: Record<string, unknown>;
}

/** The chain of requiring modules, nearest first (for MODULE_NOT_FOUND's "Require stack"). */
function requireStack(parent: CommonJsModule | null | undefined, cwd: string): string[] {
  const stack: string[] = [];
  const seen = new Set<CommonJsModule>();
  for (let module = parent; module && !seen.has(module); module = module.parent) {
    seen.add(module);
    // `[eval]` and `[stdin]` are named from the working directory, as in Node.
    stack.push(isAbsolute(module.filename) ? module.filename : resolvePath(cwd, module.filename));
  }
  return stack;
}

/** Whether the options of `import(x, options)` say `with: { type: "json" }` (or the older `assert`). */
function jsonType(options: unknown): boolean {
  if (options === null || typeof options !== "object") return false;
  const attributes = (options as { with?: unknown; assert?: unknown }).with ?? (options as { assert?: unknown }).assert;
  return attributes !== null && typeof attributes === "object" && (attributes as { type?: unknown }).type === "json";
}

export function nativeAddon(path: string): Error {
  return codedError("ERR_DLOPEN_DISABLED", `Cannot load native addon ${path}: native addons are not supported in the sandbox`);
}

/**
 * Rewrites `import(x)` calls to `__secureExecImport(file, x)`. Only sources that contain
 * `import(` are lexed; a source the lexer cannot read is left for V8 to report.
 */
export function rewriteDynamicImport(filename: string, source: string): string {
  if (!DYNAMIC_IMPORT.test(source)) return source;
  let imports;
  try {
    [imports] = parseEsm(source, filename);
  } catch {
    return source;
  }
  let text = source;
  for (const entry of [...imports].reverse()) {
    if (entry.d >= 0 && entry.ss < entry.d) text = `${text.slice(0, entry.ss)}__secureExecImport(${JSON.stringify(filename)}, ${text.slice(entry.d + 1)}`;
  }
  return text;
}

export { moduleNotFound, GLOBAL_PATHS };

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function stripShebang(text: string): string {
  return text.startsWith("#!") ? "//" + text.slice(2) : text;
}
