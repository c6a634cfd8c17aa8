/**
 * ES modules: the V8 host compiles and links them with V8's module API; the sandbox resolves each
 * import specifier (through syscalls) and supplies each module's source. CommonJS files and builtins imported
 * from ESM get a generated facade module: `default` is `module.exports`, and the names that
 * cjs-module-lexer finds become named exports, as in Node.
 */
import { parse as parseCjs } from "cjs-module-lexer/lexer.js";
import { parse as parseEsm } from "es-module-lexer/js";
import { codedError } from "./errors.js";
import type { ModuleSystem } from "./modules.js";
import { dirname, isAbsolute, resolve as resolvePath } from "./path-utils.js";

/** Replaces `import.meta` (same length, so columns after line 1 do not move). */
const META_NAME = "$__meta__$$";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The source V8 compiles for a module id: an ES module's own text, or a facade for a builtin,
 * a CommonJS file or JSON. The V8 host compiles it, reads its import specifiers from V8 and asks
 * `resolveEsm` for each, so no lexer runs for the import graph.
 */
export function moduleSource(modules: ModuleSystem, id: string, entrySource: string | undefined, isEsmFile: (path: string) => boolean): string {
  if (id.startsWith("node:")) return facade(`__secureExecBuiltin(${JSON.stringify(id)})`, Object.keys(Object(modules.loadBuiltin(id))));
  if (entrySource === undefined && !isEsmFile(id)) return commonJsFacade(modules, id);
  return rewriteImportMeta(id, entrySource ?? modules.readText(id));
}

/** `import.meta` has no host hook across isolates: name it through a module-local constant. */
function rewriteImportMeta(id: string, source: string): string {
  if (!source.includes("import.meta")) return source;
  let imports;
  try {
    [imports] = parseEsm(source, id);
  } catch {
    // Let V8 report the syntax error with its own message and position.
    return source;
  }
  let text = source;
  for (const entry of [...imports].reverse()) {
    if (entry.d === -2) text = text.slice(0, entry.s) + META_NAME + text.slice(entry.e);
  }
  return text === source ? source : `const ${META_NAME} = __secureExecImportMeta(${JSON.stringify(id)});${text}`;
}

export function resolveEsm(modules: ModuleSystem, specifier: string, parentId: string): string {
  if (modules.isBuiltin(specifier)) return specifier.startsWith("node:") ? specifier : `node:${specifier}`;
  if (specifier.startsWith("node:")) throw codedError("ERR_UNKNOWN_BUILTIN_MODULE", `No such built-in module: ${specifier}`);
  const parentDirectory = dirname(parentId);
  if (specifier.startsWith("file://")) specifier = decodeURIComponent(specifier.slice("file://".length));
  if (specifier.startsWith("./") || specifier.startsWith("../") || isAbsolute(specifier)) {
    const path = resolvePath(parentDirectory, specifier);
    const type = modules.runtime.call<string | null>("statType", path);
    if (type === "file") return path;
    if (type === "directory") throw codedError("ERR_UNSUPPORTED_DIR_IMPORT", `Directory import '${path}' is not supported resolving ES modules imported from ${parentId}`);
    throw codedError("ERR_MODULE_NOT_FOUND", `Cannot find module '${path}' imported from ${parentId}`);
  }
  try {
    return modules.resolve(specifier, parentDirectory, parentId);
  } catch {
    throw codedError("ERR_MODULE_NOT_FOUND", `Cannot find package '${specifier}' imported from ${parentId}`);
  }
}

function commonJsFacade(modules: ModuleSystem, path: string): string {
  if (path.endsWith(".json")) return facade(`__secureExecRequire(${JSON.stringify(path)})`, []);
  let names: string[] = [];
  try {
    names = parseCjs(modules.readText(path)).exports;
  } catch {
    // A file cjs-module-lexer cannot read still has its default export.
  }
  return facade(`__secureExecRequire(${JSON.stringify(path)})`, names);
}

function facade(expression: string, names: string[]): string {
  const named = [...new Set(names)].filter((name) => IDENTIFIER.test(name) && name !== "default");
  const lines = [`const m = ${expression};`, "export default m;"];
  if (named.length > 0) lines.push(`export const { ${named.join(", ")} } = m;`);
  return lines.join("\n");
}
