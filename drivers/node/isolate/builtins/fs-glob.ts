/**
 * `fs.glob`, `fs.globSync` and `fs.promises.glob` (stable in Node 22.23: no warning). Patterns are
 * parsed by minimatch with the options Node gives it; the walk over the kernel's filesystem
 * follows Node's: each path is visited with the set of pattern positions still open there, `**`
 * does not enter links to directories (a literal or wildcard part does), names starting with a
 * dot are only matched by a part that names the dot, and `exclude` (glob patterns, or a function
 * of a name or Dirent) prunes the walk as well as the results.
 */
import * as path from "path-browserify";
import type { GLOBSTAR, Minimatch } from "minimatch";
import { library } from "../lazy.js";
import { call, runAsync, runSync, type FsContext, type Program } from "./fs-core.js";
import { fileURLToPath, isURL } from "../globals/file-url.js";
import { invalidArgType, validateFunction, validateObject } from "./fs-errors.js";
import { Dirent, makeDirent, type FileStat } from "./fs-stats.js";

const { basename, dirname, join, resolve } = path;

type Part = string | typeof GLOBSTAR | { test(name: string): boolean };
/** A path the walk met: from a directory listing, or looked up alone (`fromStat`). */
type Entry = { name: string; type: string; parentPath: string; fromStat?: boolean };
type Exclude = (value: unknown) => unknown;

function matcher(pattern: string): Minimatch {
  return new (library("minimatch").Minimatch)(pattern, {
    nocase: false,
    windowsPathsNoEscape: true,
    nonegate: true,
    nocomment: true,
    optimizationLevel: 2,
    platform: "linux",
    nocaseMagicOnly: true,
  });
}

/** One pattern row, with the positions still open at a path and those reached through a link. */
class Row {
  constructor(
    readonly parts: Part[],
    readonly key: string[],
    readonly open: Set<number>,
    readonly viaLink: Set<number> = new Set(),
  ) {}
  get last(): number {
    return this.parts.length - 1;
  }
  at(index: number): Part | undefined {
    return this.parts.at(index);
  }
  with(open: Set<number>, viaLink?: Set<number>): Row {
    return new Row(this.parts, this.key, open, viaLink);
  }
  /** A link counts as a directory while some open position was not reached through a link. */
  get linksAreDirectories(): boolean {
    return [...this.open].some((index) => !this.viaLink.has(index));
  }
  ends(isDirectory: boolean): boolean {
    const last = this.last;
    return this.open.has(last) || (this.at(-1) === "" && isDirectory && this.open.has(last - 1) && this.at(-2) === library("minimatch").GLOBSTAR);
  }
  matches(index: number, name: string): boolean {
    const part = this.parts[index];
    if (part === undefined) return false;
    if (part === library("minimatch").GLOBSTAR) return true;
    if (typeof part === "string") return part === name;
    return typeof part.test === "function" && part.test(name);
  }
  /** What is left of the pattern from `index`: rows and positions that lead to the same results. */
  rest(index: number): string {
    return this.key.slice(index).join("/");
  }
}

interface GlobOptions {
  root: string;
  withFileTypes: boolean;
  excludeFn: Exclude | undefined;
  excludeGlobs: Minimatch[] | undefined;
  rows: Row[];
}

function validateStringArray(value: unknown, name: string): asserts value is string[] {
  if (!Array.isArray(value)) throw invalidArgType(name, "Array", value);
  value.forEach((item, i) => {
    if (typeof item !== "string") throw invalidArgType(`${name}[${i}]`, "string", item);
  });
}

/** Node's Glob constructor: the checks, in its order. */
function globOptions(patternArg: unknown, optionsArg: unknown): GlobOptions {
  const options = (optionsArg === undefined ? {} : optionsArg) as { exclude?: unknown; cwd?: unknown; withFileTypes?: unknown };
  validateObject(options, "options");
  const { exclude, cwd, withFileTypes } = options;
  const root = (isURL(cwd) ? fileURLToPath(cwd) : (cwd as string | undefined)) ?? ".";
  let excludeFn: Exclude | undefined;
  let excludeGlobs: Minimatch[] | undefined;
  if (exclude !== undefined && exclude !== null) {
    if (Array.isArray(exclude)) {
      exclude.forEach((item, i) => {
        if (typeof item !== "string") throw invalidArgType(`options.exclude[${i}]`, "string", item);
      });
      excludeGlobs = exclude.map((item: string) => matcher(resolve(root, item)));
    } else {
      if (typeof exclude !== "function") throw invalidArgType("options.exclude", ["string[]", "function"], exclude);
      validateFunction(exclude, "options.exclude");
      excludeFn = exclude;
    }
  }
  let patterns: string[];
  if (typeof patternArg === "object") {
    validateStringArray(patternArg, "patterns");
    patterns = patternArg;
  } else {
    if (typeof patternArg !== "string") throw invalidArgType("patterns", "string", patternArg);
    patterns = [patternArg];
  }
  const rows = patterns.flatMap((pattern) => {
    const parsed = matcher(pattern);
    return parsed.set.map((parts, i) => new Row(parts as Part[], parsed.globParts[i] ?? [], new Set([0])));
  });
  return { root, withFileTypes: Boolean(withFileTypes), excludeFn, excludeGlobs, rows };
}

/**
 * The walk, as a program. `found` receives each result as it is found, with the entry it came
 * from when the walk had one (the asynchronous forms hand those out as Dirents).
 */
function walk(context: FsContext, options: GlobOptions, found: (result: string, entry: Entry | null) => void): Program<void> {
  const { root, excludeFn, excludeGlobs, withFileTypes } = options;
  const cwd = context.cwd();
  const absolute = (p: string) => resolve(cwd, root, p);
  const statCache = new Map<string, Entry | null>();
  const dirCache = new Map<string, Entry[]>();
  const visited = new Map<string, Set<string>>();
  const results = new Set<string>();
  const queued = new Map<string, Row[]>();

  const isExcluded = (value: string) => excludeGlobs !== undefined && excludeGlobs.some((m) => m.match(value));

  function add(result: string, entry: Entry | null): void {
    if (results.has(result) || isExcluded(resolve(cwd, root, result))) return;
    results.add(result);
    found(result, entry);
  }

  function* lstat(p: string): Program<Entry | null> {
    const full = resolve(cwd, p);
    if (statCache.has(full)) return statCache.get(full)!;
    let entry: Entry | null;
    try {
      const stat = (yield call("lstat", full)) as FileStat;
      entry = { name: basename(p), type: stat.type, parentPath: dirname(p), fromStat: true };
    } catch {
      entry = null;
    }
    statCache.set(full, entry);
    return entry;
  }

  function* readdir(full: string): Program<Entry[]> {
    const cached = dirCache.get(full);
    if (cached) return cached;
    let entries: Entry[];
    try {
      const listed = (yield call("readdir", full)) as Array<{ name: string; type: string }>;
      entries = listed.map(({ name, type }) => ({ name, type, parentPath: full }));
    } catch {
      entries = [];
    }
    dirCache.set(full, entries);
    return entries;
  }

  /** Marks the row's open positions as visited at `p`; false when all of them already were. */
  function visit(p: string, row: Row): boolean {
    let seen = visited.get(p);
    if (!seen) visited.set(p, (seen = new Set()));
    const before = seen.size;
    for (const index of row.open) seen.add(row.rest(index));
    return seen.size !== before + row.open.size;
  }
  const wasVisited = (p: string, row: Row, index: number) => visited.get(p)?.has(row.rest(index)) ?? false;

  function* enqueue(p: string, row: Row): Program<void> {
    if (isExcluded(p)) return;
    const full = absolute(p);
    if (isExcluded(`${full}/`) && (yield* lstat(full))?.type === "directory") return;
    if (excludeFn) {
      if (withFileTypes) {
        const entry = yield* lstat(p);
        if (entry && excludeFn(makeDirent(entry.name, entry.type, entry.parentPath))) return;
      } else if (excludeFn(p)) return;
    }
    const rows = queued.get(p);
    if (rows) rows.push(row);
    else queued.set(p, [row]);
  }

  const isDir = (entry: Entry) => entry.type === "directory";
  const isLink = (entry: Entry) => entry.type === "symlink";

  function* step(p: string, row: Row): Program<void> {
    if (visit(p, row)) return;
    const full = absolute(p);
    const self = yield* lstat(full);
    const last = row.last;
    const directory = self !== null && (isDir(self) || (isLink(self) && row.linksAreDirectories));
    const ends = row.ends(directory);
    if (isExcluded(full)) return;
    if (row.open.has(0)) {
      const first = row.at(0);
      if (first === "") return yield* enqueue("/", row.with(new Set([1])));
      if (first === "..") return yield* enqueue("../", row.with(new Set([1])));
      if (first === ".") return yield* enqueue(".", row.with(new Set([1])));
    }
    const final = row.at(-1);
    if (ends && typeof final === "string") {
      const target = yield* lstat(join(full, final));
      if (target && (final || directory)) add(join(p, final), target);
      if (row.open.size === 1 && row.open.has(last)) return;
    } else if (ends && final === library("minimatch").GLOBSTAR && (p !== "." || row.at(0) === "." || (last === 0 && self))) {
      add(p, self);
    }
    if (!directory) return;

    let children: Entry[];
    const only = row.open.size === 1 ? row.at([...row.open][0]!) : undefined;
    if (typeof only === "string") {
      const child = yield* lstat(join(full, only));
      if (!child) return;
      children = [{ ...child, name: only }];
    } else children = yield* readdir(full);

    for (const entry of children) {
      const entryPath = join(p, entry.name);
      statCache.set(join(full, entry.name), entry);
      const open = new Set<number>();
      const links = new Set<number>();
      for (const index of row.open) {
        // Node leaves the whole directory here once an entry was already walked with this row.
        if (wasVisited(entryPath, row, index) || wasVisited(entryPath, row, index + 1)) return;
        const part = row.at(index);
        const next = index + 1;
        const viaLink = row.viaLink.has(index);
        if (part === library("minimatch").GLOBSTAR) {
          const dot = entry.name.startsWith(".");
          const nextMatches = row.matches(next, entry.name);
          let named = next;
          while (row.at(named) === library("minimatch").GLOBSTAR) named++;
          if (dot && !row.matches(named, entry.name)) continue;
          if (excludeFn && excludeFn(withFileTypes ? makeDirent(entry.name, entry.type, entry.parentPath) : entry.name)) continue;
          if (!viaLink && isDir(entry)) open.add(index);
          else if (!viaLink && index === last) add(entryPath, entry);
          if (nextMatches && next === last && !ends) add(entryPath, entry);
          else if (nextMatches && isDir(entry)) open.add(index + 2);
          if ((nextMatches || row.at(0) === ".") && (isDir(entry) || isLink(entry)) && !viaLink) open.add(next);
          if (isLink(entry)) links.add(index);
          if (row.at(next) === ".." && isDir(entry)) yield* parentOfGlobstar(p, full, row, next, last);
        }
        if (typeof part === "string") {
          if (row.matches(index, entry.name) && index !== last) open.add(next);
          else if (part === "." && row.matches(next, entry.name)) {
            if (next === last) add(entryPath, entry);
            else open.add(next + 1);
          }
        }
        if (typeof part === "object" && row.matches(index, entry.name)) {
          if (index === last) add(entryPath, entry);
          else if (isDir(entry)) open.add(next);
        }
      }
      if (open.size > 0) yield* enqueue(entryPath, row.with(open, links));
    }
  }

  /** `**` followed by `..`: the directory and its parent both continue (or are results). */
  function* parentOfGlobstar(p: string, full: string, row: Row, next: number, last: number): Program<void> {
    const parent = join(p, "..");
    if (next < last) {
      for (const target of [p, parent]) {
        if (!queued.has(target) && !wasVisited(target, row, next + 1)) queued.set(target, [row.with(new Set([next + 1]))]);
      }
      return;
    }
    if (!wasVisited(p, row, next)) {
      visit(p, row.with(new Set([next])));
      add(p, yield* lstat(full));
    }
    if (!wasVisited(p, row, next) || !wasVisited(parent, row, next)) {
      visit(parent, row.with(new Set([next])));
      add(parent, yield* lstat(absolute(parent)));
    }
  }

  return (function* () {
    const stack: Array<{ path: string; rows: Row[] }> = [{ path: ".", rows: options.rows }];
    while (stack.length > 0) {
      const item = stack.pop()!;
      for (const row of item.rows) yield* step(item.path, row);
      for (const [p, rows] of queued) stack.push({ path: p, rows });
      queued.clear();
    }
  })();
}

/** Node's Dirent for a path it looked up with lstat (the class name shows when printed). */
class DirentFromStats extends Dirent {}

function statDirent(name: string, type: string, parentPath: string): Dirent {
  return Object.setPrototypeOf(makeDirent(name, type, parentPath), DirentFromStats.prototype) as Dirent;
}

export function createGlobApi(context: FsContext) {
  const { runtime } = context;

  /** A result of the asynchronous walk as a Dirent: the entry it came from, with an absolute parent. */
  const direntOf = (root: string, result: string, entry: Entry | null): Dirent => {
    if (!entry) {
      const at = resolve(context.cwd(), root, result);
      return statDirent(basename(at), "other", dirname(at));
    }
    const parentPath = entry.parentPath.startsWith("/") ? entry.parentPath : resolve(context.cwd(), root, entry.parentPath);
    return (entry.fromStat ? statDirent : makeDirent)(entry.name, entry.type, parentPath);
  };

  function* collect(options: GlobOptions, sync: boolean): Program<unknown[]> {
    const found: Array<[string, Entry | null]> = [];
    yield* walk(context, options, (result, entry) => found.push([result, entry]));
    if (!options.withFileTypes) return found.map(([result]) => result);
    const out: Dirent[] = [];
    for (const [result, entry] of found) {
      // The synchronous form looks each result up again (with lstat) under the root.
      if (sync) {
        const at = join(options.root, result);
        let type = "other";
        try {
          type = ((yield call("lstat", resolve(context.cwd(), at))) as FileStat).type;
        } catch {
          continue;
        }
        out.push(statDirent(basename(at), type, dirname(at)));
      } else out.push(direntOf(options.root, result, entry));
    }
    return out;
  }

  const fs = {
    globSync: (pattern: unknown, options?: unknown): unknown[] => runSync(runtime, collect(globOptions(pattern, options), true)),
    glob(pattern: unknown, options: unknown, callback?: unknown): void {
      if (typeof options === "function") {
        callback = options;
        options = undefined;
      }
      validateFunction(callback, "cb");
      const program = collect(globOptions(pattern, options), false);
      runAsync(runtime, program, (error, value) => (error ? callback(error) : callback(null, value)));
    },
  };
  const promises = {
    /** An async generator, as Node's: the arguments are checked when iteration starts. */
    glob: async function* glob(pattern: unknown, options?: unknown): AsyncGenerator<unknown> {
      const parsed = globOptions(pattern, options);
      const results = await new Promise<unknown[]>((resolvePromise, reject) =>
        runAsync(runtime, collect(parsed, false), (error, value) => (error ? reject(error) : resolvePromise(value as unknown[]))),
      );
      yield* results;
    },
  };
  return { fs, promises };
}
