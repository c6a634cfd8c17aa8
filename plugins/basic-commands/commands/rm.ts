/** `rm [-r] [-f] [-d] PATH...`: removes files, and directories with `-r` (or empty ones with `-d`). */
import { type Command, baseName, errorText, hasCode, parseArgs, warn } from "../common.js";

export const rm: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "rm", args, {
    flags: "rRfdv",
    long: { recursive: "r", force: "f", dir: "d", verbose: "v" },
  });
  if (typeof options === "number") return options;
  const force = options.flags.has("f");
  const recursive = options.flags.has("r") || options.flags.has("R");
  if (options.operands.length === 0) {
    if (force) return 0;
    await warn(ctx, "rm: missing operand");
    return 1;
  }
  let status = 0;
  const cannot = async (path: string, reason: string): Promise<void> => {
    await warn(ctx, `rm: cannot remove '${path}': ${reason}`);
    status = 1;
  };
  for (const path of options.operands) {
    const base = baseName(path);
    if (base === "." || base === "..") {
      await warn(ctx, `rm: refusing to remove '.' or '..' directory: skipping '${path}'`);
      status = 1;
      continue;
    }
    let isDirectory: boolean;
    try {
      // lstat: a symlink is removed itself, never what it points at.
      isDirectory = (await ctx.sys.lstat(path)).type === "directory";
    } catch (error) {
      if (!(force && hasCode(error, "ENOENT"))) await cannot(path, errorText(ctx, error));
      continue;
    }
    if (isDirectory && recursive && (await ctx.sys.realpath(path).catch(() => "")) === "/") {
      await warn(ctx, "rm: it is dangerous to operate recursively on '/'");
      status = 1;
      continue;
    }
    try {
      if (!isDirectory) await ctx.sys.unlink(path);
      else if (recursive) await ctx.sys.rm(path, { recursive: true });
      else if (options.flags.has("d")) await ctx.sys.rmdir(path);
      else {
        await cannot(path, "Is a directory");
        continue;
      }
      if (options.flags.has("v")) await ctx.stdout.write(`removed ${isDirectory ? "directory " : ""}'${path}'\n`);
    } catch (error) {
      await cannot(path, errorText(ctx, error));
    }
  }
  return status;
};
