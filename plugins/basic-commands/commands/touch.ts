/** `touch [-c] FILE...`: creates missing files empty and sets the times of existing ones to now. */
import { type Command, errorText, hasCode, parseArgs, warn } from "../common.js";

export const touch: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "touch", args, { flags: "cam", long: { "no-create": "c" } });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    await warn(ctx, "touch: missing file operand");
    return 1;
  }
  let status = 0;
  for (const path of options.operands) {
    try {
      if (await ctx.sys.exists(path)) {
        const now = ctx.sys.clockWall();
        // A backend without times (ENOSYS) keeps the file as it is, which is all touch can do there.
        await ctx.sys.utimes(path, now, now).catch((error: unknown) => {
          if (!hasCode(error, "ENOSYS")) throw error;
        });
      } else if (!options.flags.has("c")) {
        await ctx.sys.writeFile(path, "", { flag: "wx" });
      }
    } catch (error) {
      await warn(ctx, `touch: cannot touch '${path}': ${errorText(ctx, error)}`);
      status = 1;
    }
  }
  return status;
};
