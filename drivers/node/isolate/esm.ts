/**
 * ES modules: the sandbox finds and reads the whole static import graph (through syscalls), and
 * the V8 host compiles and links it with V8's module API. CommonJS files and builtins imported
 * from ESM get a generated facade module: `default` is `module.exports`, and the names that
 * cjs-module-lexer finds become named exports, as in Node.
 */
import { parse as parseCjs } from "cjs-module-lexer/lexer.js";
import { parse as parseEsm } from "es-module-lexer/js";
import { codedError } from "./errors.js";
import type { ModuleSystem } from "./modules.js";
import { dirname, isAbsolute, resolve as resolvePath } from "./path-utils.js";

export interface ModuleRecord {
  /** The module's identity: a file path or `node:NAME`. */
  id: string;
  source: string;
  /** Specifier -> id of each static import. */
  links: Record<string, string>;
}

/** Replaces `import.meta` (same length, so columns after line 1 do not move). */
const META_NAME = "$__meta__$$";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function loadModuleGraph(modules: ModuleSystem, entryId: string, entrySource: string, isEsmFile: (path: string) => boolean): ModuleRecord[] {
  const records = new Map<string, ModuleRecord>();
  const queue: Array<{ id: string; source: string | undefined }> = [{ id: entryId, source: entrySource }];
  while (queue.length > 0) {
    const { id, source } = queue.shift()!;
    if (records.has(id)) continue;
    let record: ModuleRecord;
    if (id.startsWith("node:")) {
      record = { id, source: facade(`__secureExecBuiltin(${JSON.stringify(id)})`, Object.keys(Object(modules.loadBuiltin(id)))), links: {} };
    } else if (id !== entryId && !isEsmFile(id)) {
      record = { id, source: commonJsFacade(modules, id), links: {} };
    } else {
      record = esmRecord(modules, id, source ?? modules.readText(id));
    }
    records.set(id, record);
    for (const target of Object.values(record.links)) if (!records.has(target)) queue.push({ id: target, source: undefined });
  }
  return [...records.values()];
}

function esmRecord(modules: ModuleSystem, id: string, source: string): ModuleRecord {
  let imports;
  try {
    [imports] = parseEsm(source, id);
  } catch {
    // Let V8 report the syntax error with its own message and position.
    return { id, source, links: {} };
  }
  const links: Record<string, string> = {};
  let text = source;
  let usesMeta = false;
  for (const entry of [...imports].reverse()) {
    if (entry.d === -2) {
      usesMeta = true;
      text = text.slice(0, entry.s) + META_NAME + text.slice(entry.e);
    } else if (entry.d === -1 && entry.n !== undefined) {
      links[entry.n] = resolveEsm(modules, entry.n, id);
    }
  }
  if (usesMeta) text = `const ${META_NAME} = __secureExecImportMeta(${JSON.stringify(id)});${text}`;
  return { id, source: text, links };
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
