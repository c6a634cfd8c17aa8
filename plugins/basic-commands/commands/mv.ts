/**
 * `mv [-f] [-n] SRC... DEST`: renames, into DEST when it is a directory. Between mounts, where
 * rename fails with EXDEV, it copies and then removes the source, as GNU mv does.
 */
import { type Command, errorText, hasCode, parseArgs, warn } from "../common.js";
import { copyTree, isInside, resolveTargets, sameFile } from "./cp.js";

export const mv: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "mv", args, { flags: "fnv", long: { force: "f", "no-clobber": "n", verbose: "v" } });
  if (typeof options === "number") return options;
  const targets = await resolveTargets(ctx, "mv", options.operands);
  if (typeof targets === "number") return targets;
  let status = 0;
  for (const { source, target } of targets) {
    const stat = await ctx.sys.lstat(source).catch(async (error: unknown) => {
      await warn(ctx, `mv: cannot stat '${source}': ${errorText(ctx, error)}`);
    });
    if (!stat) {
      status = 1;
      continue;
    }
    if (await sameFile(ctx, source, target)) {
      await warn(ctx, `mv: '${source}' and '${target}' are the same file`);
      status = 1;
      continue;
    }
    if (stat.type === "directory" && isInside(ctx, target, source)) {
      await warn(ctx, `mv: cannot move '${source}' to a subdirectory of itself, '${target}'`);
      status = 1;
      continue;
    }
    const existing = await ctx.sys.stat(target).catch(() => undefined);
    if (existing && options.flags.has("n")) continue;
    if (existing?.type === "directory" && stat.type !== "directory") {
      await warn(ctx, `mv: cannot overwrite directory '${target}' with non-directory`);
      status = 1;
      continue;
    }
    try {
      await ctx.sys.rename(source, target);
    } catch (error) {
      if (!hasCode(error, "EXDEV")) {
        await warn(ctx, `mv: cannot move '${source}' to '${target}': ${errorText(ctx, error)}`);
        status = 1;
        continue;
      }
      if (!(await copyTree(ctx, "mv", source, target, stat.type === "directory"))) {
        status = 1;
        continue;
      }
      try {
        await ctx.sys.rm(source, { recursive: true });
      } catch (removeError) {
        await warn(ctx, `mv: cannot remove '${source}': ${errorText(ctx, removeError)}`);
        status = 1;
        continue;
      }
    }
    if (options.flags.has("v")) await ctx.stdout.write(`renamed '${source}' -> '${target}'\n`);
  }
  return status;
};
