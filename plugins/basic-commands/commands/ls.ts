/**
 * `ls [-aAdlhrRtS1] [PATH...]`: lists directories, one name per line (the output is never a
 * terminal here, so GNU's columns never apply). Names sort by byte value, as with LC_ALL=C;
 * times print in UTC.
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import type { FileStat } from "../../../syscalls/fs-types.js";
import { S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT } from "../../../syscalls/fs-types.js";
import { type Command, errorText, hasCode, joinPath, parseArgs, warn } from "../common.js";

interface LsOptions {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  human: boolean;
  recursive: boolean;
  directory: boolean;
  sort: "name" | "time" | "size";
  reverse: boolean;
}

/** One name to print: `path` reaches it, `stat` is filled when the format or sort needs it. */
interface Entry {
  name: string;
  path: string;
  isDirectory: boolean;
  stat?: FileStat;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SIX_MONTHS_MS = 182.5 * 24 * 60 * 60 * 1000;

export const ls: Command = async (ctx, args) => {
  const parsed = await parseArgs(ctx, "ls", args, {
    flags: "aAdlhrRtS1",
    long: { all: "a", "almost-all": "A", directory: "d", "human-readable": "h", reverse: "r", recursive: "R" },
  });
  if (typeof parsed === "number") return parsed;
  const flag = (letter: string): boolean => parsed.flags.has(letter);
  const sortLetter = parsed.order.filter(({ letter }) => letter === "t" || letter === "S").pop()?.letter;
  const options: LsOptions = {
    all: flag("a"),
    almostAll: flag("A"),
    long: flag("l"),
    human: flag("h"),
    recursive: flag("R") && !flag("d"),
    directory: flag("d"),
    sort: sortLetter === "t" ? "time" : sortLetter === "S" ? "size" : "name",
    reverse: flag("r"),
  };
  return new Lister(ctx, options).run(parsed.operands);
};

class Lister {
  private status = 0;
  private printedSomething = false;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly options: LsOptions,
  ) {}

  async run(operands: readonly string[]): Promise<number> {
    const targets = operands.length > 0 ? operands : ["."];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const target of targets) {
      const stat = await this.statOperand(target);
      if (!stat) continue;
      const entry: Entry = { name: target, path: target, isDirectory: stat.type === "directory", stat };
      (entry.isDirectory && !this.options.directory ? dirs : files).push(entry);
    }
    if (files.length > 0) {
      await this.print(this.sorted(files));
      this.printedSomething = true;
    }
    const headers = targets.length > 1 || this.options.recursive;
    for (const dir of this.sorted(dirs)) await this.listDirectory(dir.path, headers, 2);
    return this.status;
  }

  /** Command-line symlinks are followed unless the long format or -d shows the link itself. */
  private async statOperand(target: string): Promise<FileStat | undefined> {
    try {
      if (this.options.long || this.options.directory) return await this.ctx.sys.lstat(target);
      try {
        return await this.ctx.sys.stat(target);
      } catch (error) {
        // A dangling symlink still lists as itself.
        if (hasCode(error, "ENOENT")) return await this.ctx.sys.lstat(target);
        throw error;
      }
    } catch (error) {
      await warn(this.ctx, `ls: cannot access '${target}': ${errorText(this.ctx, error)}`);
      this.status = 2;
      return undefined;
    }
  }

  private async listDirectory(path: string, header: boolean, failureStatus: number): Promise<void> {
    if (header) {
      await this.ctx.stdout.write(`${this.printedSomething ? "\n" : ""}${path}:\n`);
    }
    this.printedSomething = true;
    let entries: Entry[];
    try {
      const names = await this.ctx.sys.readdir(path);
      entries = names
        .filter(({ name }) => !name.startsWith(".") || this.options.all || this.options.almostAll)
        .map(({ name, type }) => ({ name, path: joinPath(path, name), isDirectory: type === "directory" }));
      if (this.options.all) {
        entries.unshift({ name: ".", path: joinPath(path, "."), isDirectory: true }, { name: "..", path: joinPath(path, ".."), isDirectory: true });
      }
    } catch (error) {
      await warn(this.ctx, `ls: cannot open directory '${path}': ${errorText(this.ctx, error)}`);
      this.status = Math.max(this.status, failureStatus);
      return;
    }
    if (this.options.long || this.options.sort !== "name") await this.statEntries(entries);
    entries = this.sorted(entries);
    if (this.options.long) {
      const blocks = entries.reduce((sum, entry) => sum + Math.ceil((entry.stat?.size ?? 0) / 1024), 0);
      await this.ctx.stdout.write(`total ${this.options.human ? humanSize(blocks * 1024) : blocks}\n`);
    }
    await this.print(entries);
    if (!this.options.recursive) return;
    for (const entry of entries) {
      if (entry.isDirectory && entry.name !== "." && entry.name !== "..") await this.listDirectory(entry.path, true, 1);
    }
  }

  private async statEntries(entries: Entry[]): Promise<void> {
    for (const entry of entries) {
      try {
        entry.stat = await this.ctx.sys.lstat(entry.path);
      } catch {
        // Gone since readdir: it still prints, with what is known.
      }
    }
  }

  private sorted(entries: Entry[]): Entry[] {
    const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const key = (entry: Entry): number =>
      this.options.sort === "time" ? (entry.stat?.mtimeMs ?? 0) : this.options.sort === "size" ? (entry.stat?.size ?? 0) : 0;
    const sorted = [...entries].sort((a, b) => key(b) - key(a) || byName(a, b));
    return this.options.reverse ? sorted.reverse() : sorted;
  }

  private async print(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const lines = this.options.long ? await this.longLines(entries) : entries.map((entry) => entry.name);
    await this.ctx.stdout.write(`${lines.join("\n")}\n`);
  }

  /** `-rw-r--r-- 1 root root 5 Jan  2 03:04 name`, columns aligned across the entries. */
  private async longLines(entries: readonly Entry[]): Promise<string[]> {
    const now = this.ctx.sys.clockWall();
    const rows = await Promise.all(
      entries.map(async (entry) => {
        const stat = entry.stat;
        let name = entry.name;
        if (stat && (stat.mode & S_IFMT) === S_IFLNK) {
          const target = await this.ctx.sys.readlink(entry.path).catch(() => undefined);
          if (target !== undefined) name += ` -> ${target}`;
        }
        return {
          mode: stat ? modeString(stat.mode) : "?????????? ",
          links: stat ? String(stat.nlink) : "?",
          owner: stat ? userName(stat.uid) : "?",
          group: stat ? userName(stat.gid) : "?",
          size: stat ? (this.options.human ? humanSize(stat.size) : String(stat.size)) : "?",
          date: stat ? formatDate(stat.mtimeMs, now) : "?",
          name,
        };
      }),
    );
    const width = (key: "links" | "owner" | "group" | "size"): number => Math.max(...rows.map((row) => row[key].length));
    const [links, owner, group, size] = [width("links"), width("owner"), width("group"), width("size")];
    return rows.map(
      (row) =>
        `${row.mode} ${row.links.padStart(links)} ${row.owner.padEnd(owner)} ${row.group.padEnd(group)} ${row.size.padStart(size)} ${row.date} ${row.name}`,
    );
  }
}

/** `drwxr-xr-x`, with setuid, setgid and sticky bits as `s`/`S` and `t`/`T`. */
export function modeString(mode: number): string {
  const type = mode & S_IFMT;
  const kind = type === S_IFDIR ? "d" : type === S_IFLNK ? "l" : type === S_IFCHR ? "c" : type === S_IFIFO ? "p" : "-";
  const triplet = (bits: number, special: boolean, specialChar: string): string => {
    const execute = bits & 1 ? (special ? specialChar : "x") : special ? specialChar.toUpperCase() : "-";
    return `${bits & 4 ? "r" : "-"}${bits & 2 ? "w" : "-"}${execute}`;
  };
  return (
    kind +
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, "s") +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, "s") +
    triplet(mode & 7, (mode & 0o1000) !== 0, "t")
  );
}

function userName(id: number): string {
  return id === 0 ? "root" : String(id);
}

/** `Mon DD HH:MM` for the last six months, `Mon DD  YYYY` otherwise (and for the future). */
export function formatDate(timeMs: number, nowMs: number): string {
  const date = new Date(timeMs);
  const day = String(date.getUTCDate()).padStart(2);
  const recent = timeMs <= nowMs + 60_000 && nowMs - timeMs < SIX_MONTHS_MS;
  const tail = recent
    ? `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`
    : ` ${date.getUTCFullYear()}`;
  return `${MONTHS[date.getUTCMonth()]} ${day} ${tail}`;
}

/** `-h` sizes as GNU prints them: rounded up, one decimal below 10 (`1.5K`, `12K`, `3.0M`). */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  for (const unit of ["K", "M", "G", "T", "P"]) {
    value /= 1024;
    if (value < 10) {
      const rounded = Math.ceil(value * 10) / 10;
      if (rounded < 10) return `${rounded.toFixed(1)}${unit}`;
    }
    const whole = Math.ceil(value);
    if (whole < 1024) return `${whole}${unit}`;
  }
  return `${Math.ceil(value)}E`;
}
