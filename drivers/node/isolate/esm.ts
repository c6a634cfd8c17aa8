/**
 * ES modules: the V8 host compiles and links them with V8's module API; the sandbox resolves each
 * import specifier (through syscalls) and supplies each module's source. CommonJS files and builtins imported
 * from ESM get a generated facade module: `default` is `module.exports`, and the names that
 * cjs-module-lexer finds become named exports, as in Node.
 */
import { parse as parseCjs } from "cjs-module-lexer/lexer.js";
import { parse as parseEsm } from "es-module-lexer/js";
import { codedError } from "./errors.js";
import { nativeAddon, type ModuleSystem } from "./modules.js";
import { setWrapperOffset } from "./stack.js";

/** Replaces `import.meta` (same length, so columns after line 1 do not move). */
const META_NAME = "$__meta__$$";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The source V8 compiles for a module id: an ES module's own text, or a facade for a builtin,
 * a CommonJS file or JSON. The V8 host compiles it, reads its import specifiers from V8 and asks
 * `resolveEsm` for each, so no lexer runs for the import graph.
 */
export function moduleSource(modules: ModuleSystem, id: string, entrySource: string | undefined): string {
  if (id.startsWith("node:")) return facade(`__secureExecBuiltin(${JSON.stringify(id)})`, Object.keys(Object(modules.loadBuiltin(id))));
  if (entrySource === undefined) {
    checkExtension(id);
    if (!modules.resolver.isEsm(id)) return commonJsFacade(modules, id);
  }
  return prepareEsm(modules, id, entrySource ?? modules.readText(id));
}

/** What the sandbox can load from an import (Node's formats; an extensionless file too). */
const KNOWN_EXTENSIONS = new Set(["", ".js", ".mjs", ".cjs", ".json", ".node", ".ts", ".mts", ".cts"]);

/** ERR_UNKNOWN_FILE_EXTENSION for an import of a file Node has no format for (`.txt`, `.ts`). */
export function checkExtension(id: string): void {
  const extension = /\.[^./]*$/.exec(id)?.[0] ?? "";
  if (!KNOWN_EXTENSIONS.has(extension)) throw codedError("ERR_UNKNOWN_FILE_EXTENSION", `Unknown file extension "${extension}" for ${id}`, TypeError);
}
const JSON_ATTRIBUTE = /\btype\s*:\s*(['"])json\1/;

/**
 * An ES module's text for V8, with what isolated-vm has no hook for done in the source:
 * - `import.meta` names a module-local constant (same length, so columns after line 1 stay);
 * - `import(x)` becomes `__secureExecImport(file, x)`, which loads what it names when called
 *   (esm-loader.ts for ES modules);
 * It also notes which static imports carry `with { type: "json" }` (Node requires it for JSON).
 */
function prepareEsm(modules: ModuleSystem, id: string, source: string): string {
  modules.sources.set(id, source);
  const hasMeta = source.includes("import.meta");
  const hasDynamic = /\bimport\s*\(/.test(source);
  const hasJson = source.includes("json");
  if (!hasJson) modules.jsonImports.set(id, new Set());
  if (!hasMeta && !hasDynamic && !hasJson) return source;
  let imports;
  try {
    [imports] = parseEsm(source, id);
  } catch {
    // Let V8 report the syntax error with its own message and position.
    return source;
  }
  if (hasJson) {
    const attributed = new Set<string>();
    for (const entry of imports) {
      if (entry.d === -1 && entry.n !== undefined && entry.a > -1 && JSON_ATTRIBUTE.test(source.slice(entry.a, entry.se))) attributed.add(entry.n);
    }
    modules.jsonImports.set(id, attributed);
  }
  if (!hasMeta && !hasDynamic) return source;
  let text = source;
  let usesMeta = false;
  for (const entry of [...imports].reverse()) {
    if (entry.d === -2) {
      usesMeta = true;
      text = text.slice(0, entry.s) + META_NAME + text.slice(entry.e);
    } else if (entry.d >= 0 && entry.ss < entry.d) {
      text = `${text.slice(0, entry.ss)}__secureExecImport(${JSON.stringify(id)}, ${text.slice(entry.d + 1)}`;
    }
  }
  const meta = usesMeta
    ? `const ${META_NAME} = __secureExecImportMeta(${JSON.stringify(id)}); ${META_NAME}.resolve = (specifier) => __secureExecMetaResolve(${JSON.stringify(id)}, specifier);`
    : "";
  // Stack traces and error reports show line 1 as it was written.
  if (meta) setWrapperOffset(`file://${id}`, meta.length);
  return meta + text;
}

export function resolveEsm(modules: ModuleSystem, specifier: string, parentId: string): string {
  const id = modules.resolver.resolveImport(specifier, parentId);
  if (id.endsWith(".node")) throw nativeAddon(id);
  const attributed = modules.jsonImports.get(parentId);
  if (attributed !== undefined && !id.startsWith("node:")) checkJsonAttribute(id, attributed.has(specifier));
  return id;
}

/** Node 22: JSON modules need `with { type: "json" }`, and only JSON may have it. */
export function checkJsonAttribute(id: string, hasJsonType: boolean): void {
  const url = `file://${encodeURI(id)}`;
  if (id.endsWith(".json") && !hasJsonType) {
    throw codedError("ERR_IMPORT_ATTRIBUTE_MISSING", `Module "${url}" needs an import attribute of "type: json"`, TypeError);
  }
  if (!id.endsWith(".json") && hasJsonType) {
    throw codedError("ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE", `Module "${url}" is not of type "json"`, TypeError);
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
