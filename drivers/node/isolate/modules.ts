/**
 * CommonJS in the sandbox: `require` of builtins and of files of the virtual filesystem, with
 * `module`, `exports`, `__filename`, `__dirname`, `require.resolve` and `require.cache`. Files are
 * read through syscalls and compiled in the isolate (the source URL names them in stack traces).
 */
import { codedError } from "./errors.js";
import type { Runtime } from "./runtime.js";
import { dirname, isAbsolute, join, resolve as resolvePath } from "./path-utils.js";

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
const EXTENSIONS = [".js", ".json", ".cjs", ".node"];
/** Where packages are found when no `node_modules` above the importer has them (the host overlay). */
const GLOBAL_PATHS = ["/app/node_modules"];

export class ModuleSystem {
  readonly cache: Record<string, CommonJsModule> = Object.create(null);
  private readonly builtinCache = new Map<string, unknown>();

  constructor(
    readonly runtime: Runtime,
    private readonly builtins: Builtins,
    private readonly compile: (source: string, filename: string, params: string[]) => (...args: unknown[]) => unknown,
  ) {}

  isBuiltin(specifier: string): boolean {
    return this.builtins.has(specifier.startsWith("node:") ? specifier.slice(5) : specifier);
  }

  loadBuiltin(specifier: string): unknown {
    const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
    if (!this.builtinCache.has(name)) {
      const factory = this.builtins.get(name);
      if (!factory) throw notFound(specifier, undefined);
      this.builtinCache.set(name, factory());
    }
    return this.builtinCache.get(name);
  }

  /** Node's CommonJS resolution, reduced to what the sandbox needs today. */
  resolve(specifier: string, fromDirectory: string, parentFile?: string): string {
    if (typeof specifier !== "string") {
      throw codedError("ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string. Received ${typeof specifier}`, TypeError);
    }
    if (this.isBuiltin(specifier)) return specifier;
    if (specifier.startsWith("node:")) throw codedError("ERR_UNKNOWN_BUILTIN_MODULE", `No such built-in module: ${specifier}`);
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || isAbsolute(specifier)) {
      const found = this.resolveFileOrDirectory(resolvePath(fromDirectory, specifier));
      if (found) return found;
    } else {
      for (const directory of [...nodeModulesPaths(fromDirectory), ...GLOBAL_PATHS]) {
        const found = this.resolveFileOrDirectory(join(directory, specifier));
        if (found) return found;
      }
    }
    throw notFound(specifier, parentFile);
  }

  private resolveFileOrDirectory(path: string): string | undefined {
    if (this.isFile(path)) return path;
    for (const extension of EXTENSIONS) if (this.isFile(path + extension)) return path + extension;
    if (!this.isDirectory(path)) return undefined;
    const manifest = join(path, "package.json");
    if (this.isFile(manifest)) {
      const main = (JSON.parse(this.readText(manifest)) as { main?: unknown }).main;
      if (typeof main === "string" && main) {
        const target = resolvePath(path, main);
        const found = this.isFile(target) ? target : this.resolveFileOrDirectory(target);
        if (found) return found;
      }
    }
    for (const extension of EXTENSIONS) if (this.isFile(join(path, "index" + extension))) return join(path, "index" + extension);
    return undefined;
  }

  require(specifier: string, parent: CommonJsModule | null): unknown {
    const fromDirectory = parent ? dirname(parent.filename) : this.runtime.config.spec.cwd;
    const resolved = this.resolve(specifier, fromDirectory, parent?.filename);
    if (this.isBuiltin(resolved)) return this.loadBuiltin(resolved);
    const cached = this.cache[resolved];
    if (cached) {
      if (parent && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    if (resolved.endsWith(".node")) {
      throw codedError("ERR_DLOPEN_DISABLED", `Cannot load native addon ${resolved}: native addons are not supported in the sandbox`);
    }
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
      if (threw) delete this.cache[resolved];
    }
    module.loaded = true;
    return module.exports;
  }

  createModule(filename: string, parent: CommonJsModule | null): CommonJsModule {
    const module: CommonJsModule = {
      id: filename,
      filename,
      path: dirname(filename),
      exports: {},
      loaded: false,
      children: [],
      parent,
      paths: nodeModulesPaths(dirname(filename)),
      require: (specifier: string) => this.require(specifier, module),
    };
    parent?.children.push(module);
    return module;
  }

  /** Runs CommonJS source as `module` (the main script or a required file). */
  evaluate(module: CommonJsModule, source: string): void {
    const require = this.makeRequire(module);
    const wrapper = this.compile(stripShebang(stripBom(source)), module.filename, ["exports", "require", "module", "__filename", "__dirname"]);
    wrapper.call(module.exports, module.exports, require, module, module.filename, module.path);
  }

  makeRequire(module: CommonJsModule): NodeRequireLike {
    const require = ((specifier: string) => this.require(specifier, module)) as NodeRequireLike;
    require.resolve = Object.assign((specifier: string) => this.resolve(specifier, dirname(module.filename), module.filename), {
      paths: (specifier: string) => (this.isBuiltin(specifier) ? null : [...nodeModulesPaths(dirname(module.filename)), ...GLOBAL_PATHS]),
    });
    require.cache = this.cache;
    require.main = this.main;
    return require;
  }

  main: CommonJsModule | undefined;

  readText(path: string): string {
    return this.runtime.call<string>("readTextFile", path);
  }

  private isFile(path: string): boolean {
    return this.statType(path) === "file";
  }

  private isDirectory(path: string): boolean {
    return this.statType(path) === "directory";
  }

  private statType(path: string): string | undefined {
    return this.runtime.call<string | null>("statType", path) ?? undefined;
  }
}

export interface NodeRequireLike {
  (specifier: string): unknown;
  resolve: ((specifier: string) => string) & { paths: (specifier: string) => string[] | null };
  cache: Record<string, CommonJsModule>;
  main: CommonJsModule | undefined;
}

export function nodeModulesPaths(from: string): string[] {
  const paths: string[] = [];
  let directory = from;
  for (;;) {
    if (!directory.endsWith("/node_modules")) paths.push(join(directory, "node_modules"));
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return paths;
}

function notFound(specifier: string, parentFile: string | undefined): Error {
  const error = new Error(`Cannot find module '${specifier}'${parentFile ? `\nRequire stack:\n- ${parentFile}` : ""}`) as Error & { code: string; requireStack: string[] };
  error.code = "MODULE_NOT_FOUND";
  error.requireStack = parentFile ? [parentFile] : [];
  return error;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function stripShebang(text: string): string {
  return text.startsWith("#!") ? "//" + text.slice(2) : text;
}
