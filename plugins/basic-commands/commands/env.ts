/**
 * `env [-i] [-u NAME] [NAME=VALUE...] [COMMAND [ARGS...]]`: prints the environment, or runs
 * COMMAND with the changed one. Like GNU env: 125 for its own usage errors, 127 when COMMAND
 * does not exist, 126 when it cannot be run, otherwise COMMAND's status.
 */
import { type Command, errorText, hasCode, parseArgs, warn } from "../common.js";

const USAGE_STATUS = 125;

export const env: Command = async (ctx, args) => {
  const parsed = await parseArgs(ctx, "env", args, {
    flags: "i",
    values: "u",
    long: { "ignore-environment": "i", unset: "u" },
    stopAtOperand: true,
    usageStatus: USAGE_STATUS,
  });
  if (typeof parsed === "number") return parsed;
  // A lone `-` after the options means -i, as POSIX specifies.
  const dash = parsed.operands[0] === "-";
  const operands = dash ? parsed.operands.slice(1) : parsed.operands;
  const environment: Record<string, string> = dash || parsed.flags.has("i") ? {} : { ...ctx.env };
  for (const option of parsed.order) if (option.letter === "u") delete environment[option.value!];

  let index = 0;
  for (; index < operands.length; index++) {
    const operand = operands[index]!;
    const equals = operand.indexOf("=");
    if (equals <= 0) break;
    environment[operand.slice(0, equals)] = operand.slice(equals + 1);
  }
  const argv = operands.slice(index);
  if (argv.length === 0) {
    const lines = Object.entries(environment).map(([name, value]) => `${name}=${value}\n`);
    if (lines.length > 0) await ctx.stdout.write(lines.join(""));
    return 0;
  }

  let pid: number;
  try {
    pid = await ctx.sys.spawn({ argv, env: environment, stdio: [0, 1, 2] });
  } catch (error) {
    await warn(ctx, `env: '${argv[0]}': ${errorText(ctx, error)}`);
    return hasCode(error, "ENOENT") ? 127 : 126;
  }
  // The real env execs COMMAND, so the signals meant for env reach it.
  const forward = ctx.onSignal((signal) => void ctx.sys.kill(pid, signal).catch(() => {}));
  try {
    return (await ctx.sys.wait(pid)).exitCode;
  } finally {
    forward();
  }
};
