/** `mkdir [-p] [-m MODE] DIR...`: creates directories (`-p`: with their parents, existing ones are fine). */
import { type Command, errorText, parseArgs, warn } from "../common.js";

export const mkdir: Command = async (ctx, args) => {
  const options = await parseArgs(ctx, "mkdir", args, { flags: "pv", values: "m", long: { parents: "p", mode: "m", verbose: "v" } });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    await warn(ctx, "mkdir: missing operand");
    return 1;
  }
  let mode: number | undefined;
  const modeText = options.values.get("m");
  if (modeText !== undefined) {
    if (!/^[0-7]{1,4}$/.test(modeText)) {
      await warn(ctx, `mkdir: invalid mode '${modeText}'`);
      return 1;
    }
    mode = parseInt(modeText, 8);
  }
  let status = 0;
  for (const dir of options.operands) {
    try {
      await ctx.sys.mkdir(dir, { recursive: options.flags.has("p"), ...(mode !== undefined ? { mode } : {}) });
      if (options.flags.has("v")) await ctx.stdout.write(`mkdir: created directory '${dir}'\n`);
    } catch (error) {
      await warn(ctx, `mkdir: cannot create directory '${dir}': ${errorText(ctx, error)}`);
      status = 1;
    }
  }
  return status;
};
