/**
 * The fs operations on directories (readdir, mkdir, rm, rmdir, mkdtemp), each a validating
 * function that returns the program doing the work (see fs-core.ts).
 */
import { join } from "../path-utils.js";
import { call, entryName, getOptions, onPath, toPath, type FsContext, type Program } from "./fs-core.js";
import {
  errorCode,
  fsEisdir,
  parseFileMode,
  reframe,
  uvError,
  validateBoolean,
  validateInt32,
  validateObject,
  validateUint32,
} from "./fs-errors.js";
import { makeDirent, type FileStat } from "./fs-stats.js";

export function createDirOps(context: FsContext) {
  const { warn } = context;

  function readdir(path: unknown, options: unknown): Program<unknown> {
    const p = toPath(path);
    const opts = getOptions(options);
    const withFileTypes = Boolean(opts.withFileTypes);
    const recursive = Boolean(opts.recursive);
    return (function* () {
      const entries = (yield* onPath("readdir", "scandir", p)) as Array<{ name: string; type: string }>;
      const out: unknown[] = [];
      const queue: Array<{ dir: string; prefix: string; entries: Array<{ name: string; type: string }> }> = [{ dir: p, prefix: "", entries }];
      for (let i = 0; i < queue.length; i++) {
        const item = queue[i]!;
        if (i > 0) item.entries = (yield call("readdir", item.dir)) as Array<{ name: string; type: string }>;
        for (const entry of item.entries) {
          const name = entryName(entry.name, opts.encoding);
          out.push(withFileTypes ? makeDirent(name, entry.type, item.dir) : recursive && item.prefix ? `${item.prefix}/${String(name)}` : name);
          if (recursive && entry.type === "directory") {
            queue.push({ dir: join(item.dir, entry.name), prefix: item.prefix ? `${item.prefix}/${entry.name}` : entry.name, entries: [] });
          }
        }
      }
      return out;
    })();
  }

  function mkdir(path: unknown, options: unknown): Program<string | undefined> {
    const p = toPath(path);
    let mode = 0o777;
    let recursive = false;
    if (typeof options === "number" || typeof options === "string") mode = parseFileMode(options, "mode");
    else if (options) {
      const o = options as { recursive?: unknown; mode?: unknown };
      if (o.recursive !== undefined) recursive = o.recursive as boolean;
      if (o.mode !== undefined) mode = parseFileMode(o.mode, "mode");
    }
    validateBoolean(recursive, "options.recursive");
    return (function* () {
      if (!recursive) {
        yield* onPath("mkdir", "mkdir", p, { mode });
        return undefined;
      }
      // The first directory created is the shortest prefix of the path that does not exist yet.
      let first: string | undefined;
      const parts = p.split("/");
      for (let i = 1; i <= parts.length && first === undefined; i++) {
        const prefix = parts.slice(0, i).join("/");
        if (prefix === "" || parts[i - 1] === "" || parts[i - 1] === ".") continue;
        try {
          yield call("stat", prefix);
        } catch (error) {
          if (errorCode(error) === "ENOENT") first = prefix;
        }
      }
      yield* onPath("mkdir", "mkdir", p, { recursive: true, mode });
      if (first === undefined) {
        const found = (yield call("stat", p)) as FileStat;
        if (found.type !== "directory") throw uvError("EEXIST", "mkdir", p);
      }
      return first;
    })();
  }

  function rmOptions(options: unknown): { force: boolean; recursive: boolean } {
    const o = { force: false, recursive: false, retryDelay: 100, maxRetries: 0, ...(options === undefined ? {} : (options as object)) };
    if (options !== undefined) validateObject(options, "options");
    validateBoolean(o.force, "options.force");
    validateBoolean(o.recursive, "options.recursive");
    validateInt32(o.retryDelay, "options.retryDelay", 0);
    validateUint32(o.maxRetries, "options.maxRetries");
    return o;
  }

  function rm(path: unknown, options: unknown): Program<void> {
    const p = toPath(path);
    const { force, recursive } = rmOptions(options);
    return (function* () {
      let found: FileStat;
      try {
        found = (yield* onPath("lstat", "lstat", p)) as FileStat;
      } catch (error) {
        if (force && errorCode(error) === "ENOENT") return;
        throw error;
      }
      if (found.type === "directory" && !recursive) throw fsEisdir(p);
      yield call("rm", p, { recursive, force });
    })();
  }

  function rmdir(path: unknown, options: unknown): Program<void> {
    const p = toPath(path);
    const recursive = (options as { recursive?: unknown } | null | undefined)?.recursive;
    if (recursive) {
      warn("In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead", "DeprecationWarning", "DEP0147");
    } else if (options !== undefined) rmOptions({ ...(options as object), recursive: false });
    return (function* () {
      if (recursive) {
        const found = (yield* onPath("lstat", "lstat", p)) as FileStat;
        if (found.type === "directory") {
          yield call("rm", p, { recursive: true, force: false });
          return;
        }
      }
      yield* onPath("rmdir", "rmdir", p);
    })();
  }

  function mkdtemp(prefix: unknown, options: unknown): Program<unknown> {
    const p = toPath(prefix, "prefix");
    const { encoding } = getOptions(options);
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return (function* () {
      for (let attempt = 0; ; attempt++) {
        let suffix = "";
        for (let i = 0; i < 6; i++) suffix += chars[Math.floor(Math.random() * chars.length)];
        try {
          yield call("mkdir", p + suffix, { mode: 0o700 });
          return entryName(p + suffix, encoding);
        } catch (error) {
          if (errorCode(error) !== "EEXIST" || attempt > 100) throw reframe(error, "mkdtemp", `${p}XXXXXX`);
        }
      }
    })();
  }

  return { readdir, mkdir, rm, rmdir, mkdtemp };
}

export type DirOps = ReturnType<typeof createDirOps>;
