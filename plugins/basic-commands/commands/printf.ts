/** `printf FORMAT [ARGUMENT...]`: formatted output, as coreutils' printf (see printf-format.ts). */
import { type Command, warn } from "../common.js";
import { formatPrintf } from "./printf-format.js";

export const printf: Command = async (ctx, args) => {
  // Like coreutils, printf takes no options; only a leading `--` is skipped.
  const operands = args[0] === "--" ? args.slice(1) : args;
  if (operands.length === 0) {
    await warn(ctx, "printf: missing operand");
    return 1;
  }
  const result = formatPrintf(operands[0]!, operands.slice(1));
  if (result.output.byteLength > 0) await ctx.stdout.write(result.output);
  for (const message of result.errors) await warn(ctx, `printf: ${message}`);
  const failed = result.fatal || result.errors.some((message) => !message.startsWith("warning:"));
  return failed ? 1 : 0;
};
