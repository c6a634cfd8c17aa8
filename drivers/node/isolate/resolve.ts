/**
 * Module resolution as Node 22 does it, shared by `require` (CommonJS) and `import` (ESM): the two
 * differ in their conditions, in extension and directory probing (CommonJS only) and in the codes
 * of their errors. Files are looked up through the host (`statType`, `readText`, `realpath`);
 * package.json files are read once per session.
 */
import { codedError } from "./errors.js";
import { dirname, isAbsolute, join, resolve as resolvePath } from "./path-utils.js";

export interface ResolverHost {
  statType(path: string): string | undefined;
  readText(path: string): string;
  realpath(path: string): string;
  isBuiltin(name: string): boolean;
}

export const REQUIRE_CONDITIONS: readonly string[] = ["require", "node", "default"];
export const IMPORT_CONDITIONS: readonly string[] = ["import", "node", "default"];
/** Where packages are found when no `node_modules` above the importer has them (the host overlay). */
export const GLOBAL_PATHS: readonly string[] = ["/app/node_modules"];
/** What `require` probes, in order (Node's `require.extensions`). */
const EXTENSIONS = [".js", ".json", ".node"];

interface PackageJson {
  name?: unknown;
  main?: unknown;
  type?: unknown;
  exports?: unknown;
  imports?: unknown;
}

interface PackageScope {
  directory: string;
  manifest: string;
  json: PackageJson;
}

type Mode = "require" | "import";

export class Resolver {
  private readonly manifests = new Map<string, PackageJson | null>();

  constructor(private readonly host: ResolverHost) {}

  // --- CommonJS ---------------------------------------------------------------------------------

  /**
   * `require(specifier)` from `fromDirectory` (the parent's folder). `paths` replaces the lookup
   * folders (`require.resolve(x, { paths })`); `requireStack` names the parents in errors.
   */
  resolveRequire(specifier: string, fromDirectory: string, requireStack: string[], paths?: string[]): string {
    if (this.host.isBuiltin(specifier)) return specifier;
    if (specifier.startsWith("node:")) throw codedError("ERR_UNKNOWN_BUILTIN_MODULE", `No such built-in module: ${specifier}`);
    const parentFile = requireStack[0];
    const found = this.findRequire(specifier, fromDirectory, parentFile, paths);
    if (found === undefined) throw moduleNotFound(specifier, requireStack);
    if (found.endsWith(".node")) return found;
    return this.real(found);
  }

  private findRequire(specifier: string, fromDirectory: string, parentFile: string | undefined, paths: string[] | undefined): string | undefined {
    if (isRelative(specifier) || isAbsolute(specifier)) {
      // A trailing slash names a directory only, as in Node.
      const directoryOnly = specifier.endsWith("/") || specifier === "." || specifier === "..";
      for (const base of paths ?? [fromDirectory]) {
        const path = resolvePath(base, specifier);
        const found = directoryOnly ? this.loadAsDirectory(path) : this.loadFileOrDirectory(path);
        if (found) return found;
      }
      return undefined;
    }
    if (specifier.startsWith("#")) return this.checkFile(this.packageImports(specifier, parentFile ?? join(fromDirectory, "[eval]"), REQUIRE_CONDITIONS, "require"), "require");
    const self = this.packageSelf(specifier, paths?.[0] ?? fromDirectory, parentFile, REQUIRE_CONDITIONS, "require");
    if (self !== undefined) return this.checkFile(self, "require");
    const { name, subpath } = parsePackageName(specifier, parentFile, "require");
    for (const directory of this.lookupPaths(fromDirectory, paths)) {
      // One lookup for a missing node_modules folder instead of one per candidate file.
      if (!this.isDirectory(directory)) continue;
      const packageDirectory = join(directory, name);
      const json = this.readManifest(join(packageDirectory, "package.json"));
      if (json && json.exports !== undefined && json.exports !== null) {
        // Node names no importer in these errors for packages found in node_modules.
        const target = this.packageExports(packageDirectory, subpath, json.exports, REQUIRE_CONDITIONS, undefined, "require");
        return this.checkFile(target, "require");
      }
      const path = join(directory, specifier);
      const found = specifier.endsWith("/") ? this.loadAsDirectory(path) : this.loadFileOrDirectory(path);
      if (found) return found;
    }
    return undefined;
  }

  /** The folders a bare `require` looks in, nearest first. */
  lookupPaths(fromDirectory: string, paths?: string[]): string[] {
    const folders = paths ? paths.flatMap((path) => nodeModulesPaths(resolvePath(fromDirectory, path))) : nodeModulesPaths(fromDirectory);
    return [...new Set([...folders, ...GLOBAL_PATHS])];
  }

  private loadFileOrDirectory(path: string): string | undefined {
    return this.loadAsFile(path) ?? this.loadAsDirectory(path);
  }

  private loadAsFile(path: string): string | undefined {
    if (this.isFile(path)) return path;
    for (const extension of EXTENSIONS) if (this.isFile(path + extension)) return path + extension;
    return undefined;
  }

  private loadIndex(path: string): string | undefined {
    for (const extension of EXTENSIONS) if (this.isFile(join(path, "index" + extension))) return join(path, "index" + extension);
    return undefined;
  }

  private loadAsDirectory(path: string): string | undefined {
    if (!this.isDirectory(path)) return undefined;
    const manifest = join(path, "package.json");
    const main = this.readManifest(manifest)?.main;
    if (typeof main === "string" && main) {
      const target = resolvePath(path, main);
      const found = this.loadAsFile(target) ?? this.loadIndex(target) ?? this.loadIndex(path);
      if (found) return found;
      const error = moduleNotFound(target, []);
      error.message = `Cannot find module '${target}'. Please verify that the package.json has a valid "main" entry`;
      Object.assign(error, { path: manifest, requestPath: path });
      throw error;
    }
    return this.loadIndex(path);
  }

  // --- ESM --------------------------------------------------------------------------------------

  /** `import specifier` from the module `parent` (a path): a path, or `node:name` for a builtin. */
  resolveImport(specifier: string, parent: string): string {
    if (specifier.startsWith("node:")) {
      if (this.host.isBuiltin(specifier)) return specifier;
      throw codedError("ERR_UNKNOWN_BUILTIN_MODULE", `No such built-in module: ${specifier}`);
    }
    let path: string;
    if (specifier.startsWith("file:")) {
      path = fileUrlToPath(specifier);
    } else if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier)) {
      const scheme = specifier.slice(0, specifier.indexOf(":") + 1);
      if (scheme === "data:") throw codedError("ERR_UNSUPPORTED_ESM_URL_SCHEME", "data: URLs are not supported by the sandbox's ESM loader");
      throw codedError("ERR_UNSUPPORTED_ESM_URL_SCHEME", `Only URLs with a scheme in: file and data are supported by the default ESM loader. Received protocol '${scheme}'`);
    } else if (isRelative(specifier) || isAbsolute(specifier)) {
      path = resolvePath(dirname(parent), decodePercent(specifier));
    } else if (specifier.startsWith("#")) {
      path = this.packageImports(specifier, parent, IMPORT_CONDITIONS, "import");
    } else {
      if (this.host.isBuiltin(specifier)) return `node:${specifier}`;
      path = this.packageResolve(specifier, parent);
    }
    const type = this.host.statType(path);
    if (type === "directory") {
      const message = `Directory import '${path}' is not supported resolving ES modules imported from ${parent}`;
      throw withUrl(codedError("ERR_UNSUPPORTED_DIR_IMPORT", message + this.commonJsHint(specifier, parent)), path);
    }
    if (type !== "file") {
      const message = `Cannot find module '${path}' imported from ${parent}`;
      throw withUrl(codedError("ERR_MODULE_NOT_FOUND", message + this.commonJsHint(specifier, parent)), path);
    }
    return this.real(path);
  }

  /** As Node: when `require` would have found a relative specifier, say which file it would be. */
  private commonJsHint(specifier: string, parent: string): string {
    if (!isRelative(specifier)) return "";
    let found: string | undefined;
    try {
      found = this.loadFileOrDirectory(resolvePath(dirname(parent), specifier));
    } catch {
      found = undefined;
    }
    if (!found) return "";
    const base = dirname(parent);
    const relative = found.startsWith(`${base}/`) ? `./${found.slice(base.length + 1)}` : found;
    return `\nDid you mean to import "${relative}"?`;
  }

  private packageResolve(specifier: string, parent: string): string {
    const self = this.packageSelf(specifier, dirname(parent), parent, IMPORT_CONDITIONS, "import");
    if (self !== undefined) return self;
    const { name, subpath } = parsePackageName(specifier, parent, "import");
    for (const directory of [...nodeModulesPaths(dirname(parent)), ...GLOBAL_PATHS]) {
      const packageDirectory = join(directory, name);
      if (!this.isDirectory(packageDirectory)) continue;
      const json = this.readManifest(join(packageDirectory, "package.json"));
      if (json && json.exports !== undefined && json.exports !== null) {
        return this.packageExports(packageDirectory, subpath, json.exports, IMPORT_CONDITIONS, parent, "import");
      }
      if (subpath === ".") return this.legacyMain(packageDirectory, json, parent);
      return join(packageDirectory, subpath);
    }
    throw codedError("ERR_MODULE_NOT_FOUND", `Cannot find package '${name}' imported from ${parent}`);
  }

  /** A package without "exports" imported by name: its "main", then index.js, as Node's ESM loader. */
  private legacyMain(packageDirectory: string, json: PackageJson | null, parent: string): string {
    const main = json?.main;
    if (typeof main === "string" && main) {
      const target = resolvePath(packageDirectory, main);
      for (const candidate of [target, ...[".js", ".json", ".node"].map((e) => target + e), ...["index.js", "index.json", "index.node"].map((f) => join(target, f))]) {
        if (this.isFile(candidate)) return candidate;
      }
    }
    for (const file of ["index.js", "index.json", "index.node"]) if (this.isFile(join(packageDirectory, file))) return join(packageDirectory, file);
    throw codedError("ERR_MODULE_NOT_FOUND", `Cannot find package '${packageDirectory}' imported from ${parent}`);
  }

  // --- package.json: scope, self-reference, "exports" and "imports" ------------------------------

  /** The package.json that governs `path` (the nearest one above it). */
  packageScope(path: string): PackageScope | undefined {
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      if (directory.endsWith("/node_modules")) return undefined;
      const manifest = join(directory, "package.json");
      const json = this.readManifest(manifest);
      if (json) return { directory, manifest, json };
      if (dirname(directory) === directory) return undefined;
    }
  }

  /** Whether `path` is an ES module by its extension or its package's "type". */
  isEsm(path: string): boolean {
    if (path.endsWith(".mjs") || path.endsWith(".mts")) return true;
    if (path.endsWith(".cjs") || path.endsWith(".cts") || path.endsWith(".json") || path.endsWith(".node")) return false;
    return this.packageScope(path)?.json.type === "module";
  }

  private packageSelf(specifier: string, fromDirectory: string, parent: string | undefined, conditions: readonly string[], mode: Mode): string | undefined {
    const scope = this.packageScope(join(fromDirectory, "[x]"));
    if (!scope || scope.json.exports === undefined || scope.json.exports === null || typeof scope.json.name !== "string") return undefined;
    const name = scope.json.name;
    if (specifier !== name && !specifier.startsWith(`${name}/`)) return undefined;
    const subpath = `.${specifier.slice(name.length)}`;
    return this.packageExports(scope.directory, subpath, scope.json.exports, conditions, parent, mode);
  }

  private packageExports(packageDirectory: string, subpath: string, exports: unknown, conditions: readonly string[], parent: string | undefined, mode: Mode): string {
    const manifest = join(packageDirectory, "package.json");
    let map = exports;
    if (typeof exports === "string" || Array.isArray(exports) || !hasDotKeys(exports, manifest)) map = { ".": exports };
    const entries = map as Record<string, unknown>;
    const match = matchKey(entries, subpath);
    if (match) {
      const resolved = this.packageTarget(packageDirectory, match.target, match.patternMatch, false, conditions, parent, mode, subpath);
      if (resolved !== null && resolved !== undefined) return resolved;
    }
    const from = parent ? ` imported from ${parent}` : "";
    const message = subpath === "." ? `No "exports" main defined in ${manifest}${from}` : `Package subpath '${subpath}' is not defined by "exports" in ${manifest}${from}`;
    throw codedError("ERR_PACKAGE_PATH_NOT_EXPORTED", message);
  }

  private packageImports(specifier: string, parent: string, conditions: readonly string[], mode: Mode): string {
    if (specifier === "#" || specifier.startsWith("#/")) {
      throw codedError("ERR_INVALID_MODULE_SPECIFIER", `Invalid module "${specifier}" is not a valid internal imports specifier name imported from ${parent}`, TypeError);
    }
    const scope = this.packageScope(parent);
    const imports = scope?.json.imports;
    if (scope && imports && typeof imports === "object" && !Array.isArray(imports)) {
      const match = matchKey(imports as Record<string, unknown>, specifier);
      if (match) {
        const resolved = this.packageTarget(scope.directory, match.target, match.patternMatch, true, conditions, parent, mode, specifier);
        if (resolved !== null && resolved !== undefined) return resolved;
      }
    }
    const where = scope ? ` in package ${scope.manifest}` : "";
    throw codedError("ERR_PACKAGE_IMPORT_NOT_DEFINED", `Package import specifier "${specifier}" is not defined${where} imported from ${parent}`, TypeError);
  }

  /** A target of "exports" or "imports": a string, an array of fallbacks, or conditions. */
  private packageTarget(
    packageDirectory: string,
    target: unknown,
    patternMatch: string | undefined,
    isImports: boolean,
    conditions: readonly string[],
    parent: string | undefined,
    mode: Mode,
    key: string,
  ): string | null | undefined {
    if (typeof target === "string") {
      if (!target.startsWith("./")) {
        if (isImports && !target.startsWith("../") && !target.startsWith("/") && !/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(target)) {
          // A bare target of "imports" is a package (or builtin) of its own.
          const request = patternMatch === undefined ? target : target.split("*").join(patternMatch);
          if (this.host.isBuiltin(request)) return request;
          return mode === "import" ? this.packageResolve(request, parent ?? join(packageDirectory, "[x]")) : this.resolveRequire(request, packageDirectory, parent ? [parent] : []);
        }
        throw invalidTarget(packageDirectory, key, target, isImports, parent);
      }
      if (hasInvalidSegment(target.slice(2))) throw invalidTarget(packageDirectory, key, target, isImports, parent);
      const resolved = join(packageDirectory, target);
      if (patternMatch === undefined) return resolved;
      if (hasInvalidSegment(patternMatch)) {
        throw codedError("ERR_INVALID_MODULE_SPECIFIER", `Invalid module "${key}" request is not a valid match in pattern "${target}" for the "${isImports ? "imports" : "exports"}" resolution of ${join(packageDirectory, "package.json")}${parent ? ` imported from ${parent}` : ""}`, TypeError);
      }
      return join(packageDirectory, target.split("*").join(patternMatch));
    }
    if (Array.isArray(target)) {
      if (target.length === 0) return null;
      let lastError: unknown;
      for (const item of target) {
        try {
          const resolved = this.packageTarget(packageDirectory, item, patternMatch, isImports, conditions, parent, mode, key);
          if (resolved === undefined) continue;
          return resolved;
        } catch (error) {
          lastError = error;
          if ((error as { code?: string }).code === "ERR_INVALID_PACKAGE_TARGET") continue;
          throw error;
        }
      }
      if (lastError) throw lastError;
      return null;
    }
    if (target !== null && typeof target === "object") {
      for (const condition of Object.keys(target)) {
        if (/^\d+$/.test(condition)) {
          throw codedError("ERR_INVALID_PACKAGE_CONFIG", `Invalid package config ${join(packageDirectory, "package.json")}. "exports" cannot contain numeric property keys.`);
        }
      }
      for (const [condition, value] of Object.entries(target)) {
        if (condition !== "default" && !conditions.includes(condition)) continue;
        const resolved = this.packageTarget(packageDirectory, value, patternMatch, isImports, conditions, parent, mode, key);
        if (resolved === undefined) continue;
        return resolved;
      }
      return undefined;
    }
    if (target === null) return null;
    throw invalidTarget(packageDirectory, key, target, isImports, parent);
  }

  // --- files ------------------------------------------------------------------------------------

  /** An "exports"/"imports" target must exist (CommonJS does not probe extensions after one). */
  private checkFile(path: string, mode: Mode): string {
    if (this.host.isBuiltin(path) || this.isFile(path)) return path;
    if (mode === "require") throw moduleNotFound(path, []);
    return path;
  }

  readManifest(path: string): PackageJson | null {
    if (this.manifests.has(path)) return this.manifests.get(path)!;
    let json: PackageJson | null = null;
    if (this.isFile(path)) {
      const text = this.host.readText(path);
      try {
        const parsed = JSON.parse(text) as unknown;
        json = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as PackageJson) : {};
      } catch (error) {
        throw codedError("ERR_INVALID_PACKAGE_CONFIG", `Invalid package config ${path}.\n${(error as Error).message}`);
      }
    }
    this.manifests.set(path, json);
    return json;
  }

  private real(path: string): string {
    try {
      return this.host.realpath(path);
    } catch {
      return path;
    }
  }

  private isFile(path: string): boolean {
    return this.host.statType(path) === "file";
  }

  private isDirectory(path: string): boolean {
    return this.host.statType(path) === "directory";
  }
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

/** MODULE_NOT_FOUND as Node words it, with the chain of requiring modules. */
export function moduleNotFound(specifier: string, requireStack: string[]): Error & { code: string; requireStack: string[] } {
  const stack = requireStack.length > 0 ? `\nRequire stack:\n${requireStack.map((file) => `- ${file}`).join("\n")}` : "";
  const error = new Error(`Cannot find module '${specifier}'${stack}`) as Error & { code: string; requireStack: string[] };
  error.code = "MODULE_NOT_FOUND";
  error.requireStack = requireStack;
  return error;
}

function isRelative(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

function parsePackageName(specifier: string, parent: string | undefined, mode: Mode): { name: string; subpath: string } {
  let end = specifier.indexOf("/");
  if (specifier.startsWith("@")) end = end === -1 ? -1 : specifier.indexOf("/", end + 1);
  const name = end === -1 ? specifier : specifier.slice(0, end);
  const valid = !(specifier.startsWith("@") && !specifier.includes("/")) && !name.startsWith(".") && !name.includes("\\") && !name.includes("%") && name !== "";
  if (!valid) {
    if (mode === "require") throw moduleNotFound(specifier, parent ? [parent] : []);
    throw codedError("ERR_INVALID_MODULE_SPECIFIER", `Invalid module "${specifier}" is not a valid package name imported from ${parent}`, TypeError);
  }
  return { name, subpath: `.${end === -1 ? "" : specifier.slice(end)}` };
}

/** An exports object whose keys all start with "." (a subpath map) or none do (conditions). */
function hasDotKeys(exports: unknown, manifest: string): boolean {
  if (exports === null || typeof exports !== "object") return false;
  const keys = Object.keys(exports);
  const dotted = keys.filter((key) => key.startsWith("."));
  if (dotted.length > 0 && dotted.length !== keys.length) {
    throw codedError("ERR_INVALID_PACKAGE_CONFIG", `Invalid package config ${manifest}. "exports" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.`);
  }
  return dotted.length > 0;
}

/** The key of an "exports"/"imports" map for `request`: exact, else the most specific `*` pattern. */
function matchKey(map: Record<string, unknown>, request: string): { target: unknown; patternMatch?: string } | undefined {
  if (Object.hasOwn(map, request) && !request.includes("*")) return { target: map[request] };
  let best: string | undefined;
  let bestMatch: string | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf("*");
    if (star === -1 || key.indexOf("*", star + 1) !== -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!request.startsWith(prefix) || request === prefix) continue;
    if (suffix && (!request.endsWith(suffix) || request.length < key.length)) continue;
    if (best === undefined || compareKeys(best, key) > 0) {
      best = key;
      bestMatch = request.slice(prefix.length, request.length - suffix.length);
    }
  }
  return best === undefined ? undefined : { target: map[best], patternMatch: bestMatch };
}

/** Node's PATTERN_KEY_COMPARE: the longer prefix first, then the longer key. */
function compareKeys(a: string, b: string): number {
  const aStar = a.indexOf("*");
  const bStar = b.indexOf("*");
  const aBase = aStar === -1 ? a.length : aStar + 1;
  const bBase = bStar === -1 ? b.length : bStar + 1;
  if (aBase > bBase) return -1;
  if (bBase > aBase) return 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

function hasInvalidSegment(path: string): boolean {
  return path.split(/[/\\]/).some((segment) => segment === "" ? false : segment === "." || segment === ".." || segment.toLowerCase() === "node_modules" || /%2e/i.test(segment));
}

function invalidTarget(packageDirectory: string, key: string, target: unknown, isImports: boolean, parent: string | undefined): Error {
  const manifest = join(packageDirectory, "package.json");
  const from = parent ? ` imported from ${parent}` : "";
  const related = typeof target === "string" && !isImports && target.length > 0 && !target.startsWith("./") ? '; targets must start with "./"' : "";
  const message =
    key === "."
      ? `Invalid "exports" main target ${JSON.stringify(target)} defined in the package config ${manifest}${from}${related}`
      : `Invalid "${isImports ? "imports" : "exports"}" target ${JSON.stringify(target)} defined for '${key}' in the package config ${manifest}${from}${related}`;
  return codedError("ERR_INVALID_PACKAGE_TARGET", message);
}

function fileUrlToPath(url: string): string {
  const rest = url.slice("file:".length).replace(/^\/\/(localhost)?/, "");
  const path = decodePercent(rest.split(/[?#]/)[0]!);
  if (/%2f/i.test(rest)) throw codedError("ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters", TypeError);
  return path.startsWith("/") ? path : `/${path}`;
}

function decodePercent(text: string): string {
  try {
    return text.includes("%") ? decodeURIComponent(text) : text;
  } catch {
    return text;
  }
}

function withUrl(error: Error, path: string): Error {
  Object.defineProperty(error, "url", { value: `file://${encodeURI(path)}`, enumerable: true, writable: true, configurable: true });
  return error;
}
