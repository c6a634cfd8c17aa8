/**
 * `cp [-r] [-f] [-n] SRC... DEST`: copies files, into DEST when it is a directory; `-r` copies
 * directories with their contents (symlinks inside them are copied as symlinks).
 */
import { posix } from "node:path";
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, baseName, errorText, joinPath, parseArgs, warn } from "../common.js";

export const cp: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "cp", args, {
    flags: "rRfnv",
    long: { recursive: "r", force: "f", "no-clobber": "n", verbose: "v" },
  });
  if (typeof options === "number") return options;
  const targets = await resolveTargets(ctx, "cp", options.operands);
  if (typeof targets === "number") return targets;
  const recursive = options.flags.has("r") || options.flags.has("R");
  let status = 0;
  for (const { source, target } of targets) {
    const stat = await ctx.sys.stat(source).catch(async (error: unknown) => {
      await warn(ctx, `cp: cannot stat '${source}': ${errorText(ctx, error)}`);
    });
    if (!stat) {
      status = 1;
      continue;
    }
    if (stat.type === "directory" && !recursive) {
      await warn(ctx, `cp: -r not specified; omitting directory '${source}'`);
      status = 1;
      continue;
    }
    if (await sameFile(ctx, source, target)) {
      await warn(ctx, `cp: '${source}' and '${target}' are the same file`);
      status = 1;
      continue;
    }
    if (stat.type === "directory" && isInside(ctx, target, source)) {
      await warn(ctx, `cp: cannot copy a directory, '${source}', into itself, '${target}'`);
      status = 1;
      continue;
    }
    if (options.flags.has("n") && (await ctx.sys.exists(target))) continue;
    if (!(await copyTree(ctx, "cp", source, target, stat.type === "directory"))) status = 1;
    else if (options.flags.has("v")) await ctx.stdout.write(`'${source}' -> '${target}'\n`);
  }
  return status;
};

/**
 * Pairs each source with where it goes: `DEST/basename` when DEST is a directory, DEST itself
 * when there is one source. Reports the usage errors of cp and mv and returns the exit code then.
 */
export async function resolveTargets(
  ctx: ProcessContext,
  command: string,
  operands: readonly string[],
): Promise<Array<{ source: string; target: string }> | number> {
  if (operands.length < 2) {
    await warn(ctx, operands.length === 0 ? `${command}: missing file operand` : `${command}: missing destination file operand after '${operands[0]}'`);
    return 1;
  }
  const sources = operands.slice(0, -1);
  const dest = operands[operands.length - 1]!;
  const destIsDirectory = await ctx.sys.stat(dest).then((stat) => stat.type === "directory", () => false);
  if (destIsDirectory) return sources.map((source) => ({ source, target: joinPath(dest, baseName(source)) }));
  if (sources.length > 1) {
    await warn(ctx, `${command}: target '${dest}' is not a directory`);
    return 1;
  }
  return [{ source: sources[0]!, target: dest }];
}

/** Copies a file, or a directory with everything in it; reports each failure, false if any. */
export async function copyTree(ctx: ProcessContext, command: string, source: string, target: string, isDirectory: boolean): Promise<boolean> {
  if (!isDirectory) {
    try {
      await ctx.sys.copyFile(source, target);
      return true;
    } catch (error) {
      await warn(ctx, `${command}: cannot create regular file '${target}': ${errorText(ctx, error)}`);
      return false;
    }
  }
  let ok = true;
  try {
    const existing = await ctx.sys.stat(target).catch(() => undefined);
    if (existing && existing.type !== "directory") {
      await warn(ctx, `${command}: cannot overwrite non-directory '${target}' with directory '${source}'`);
      return false;
    }
    if (!existing) await ctx.sys.mkdir(target);
    for (const entry of await ctx.sys.readdir(source)) {
      const from = joinPath(source, entry.name);
      const to = joinPath(target, entry.name);
      if (entry.type === "symlink") {
        ok = (await copySymlink(ctx, command, from, to)) && ok;
      } else {
        ok = (await copyTree(ctx, command, from, to, entry.type === "directory")) && ok;
      }
    }
  } catch (error) {
    await warn(ctx, `${command}: cannot copy '${source}' to '${target}': ${errorText(ctx, error)}`);
    return false;
  }
  return ok;
}

async function copySymlink(ctx: ProcessContext, command: string, from: string, to: string): Promise<boolean> {
  try {
    await ctx.sys.symlink(await ctx.sys.readlink(from), to);
    return true;
  } catch (error) {
    await warn(ctx, `${command}: cannot create symbolic link '${to}': ${errorText(ctx, error)}`);
    return false;
  }
}

/** Whether both paths name one existing file (same inode after resolving symlinks). */
export async function sameFile(ctx: ProcessContext, a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([ctx.sys.realpath(a).catch(() => null), ctx.sys.realpath(b).catch(() => null)]);
  return first !== null && first === second;
}

/** Whether `path` lies strictly inside the directory `dir` (by their absolute paths). */
export function isInside(ctx: ProcessContext, path: string, dir: string): boolean {
  const cwd = ctx.sys.cwd();
  const absoluteDir = posix.resolve(cwd, dir);
  const absolutePath = posix.resolve(cwd, path);
  return absolutePath.startsWith(absoluteDir === "/" ? "/" : `${absoluteDir}/`);
}
