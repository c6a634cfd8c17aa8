/**
 * `sleep NUMBER[SUFFIX]...`: waits for the sum of the intervals (seconds by default; `s`, `m`,
 * `h`, `d`; decimals and `inf` allowed), on the process's timers so that a kill ends it at once.
 */
import type { ProcessContext } from "../../../syscalls/driver.js";
import { type Command, warn } from "../common.js";

const UNIT_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };
/** setTimeout's limit; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const sleep: Command = async (ctx, args) => {
  const operands = args[0] === "--" ? args.slice(1) : args;
  if (operands.length === 0) {
    await warn(ctx, "sleep: missing operand");
    return 1;
  }
  let seconds = 0;
  let valid = true;
  for (const operand of operands) {
    const interval = parseInterval(operand);
    if (interval === undefined) {
      await warn(ctx, `sleep: invalid time interval '${operand}'`);
      valid = false;
    } else seconds += interval;
  }
  if (!valid) return 1;
  await wait(ctx, seconds * 1000);
  return 0;
};

function parseInterval(text: string): number | undefined {
  const match = /^\+?((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = UNIT_SECONDS[match[2]!]!;
  return match[1]!.toLowerCase().startsWith("inf") ? Infinity : Number(match[1]) * unit;
}

/** Resolves after `ms`, or as soon as the process is killed. */
function wait(ctx: ProcessContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: number | undefined;
    const done = (): void => {
      if (timer !== undefined) ctx.sys.clearTimer(timer);
      ctx.signal.removeEventListener("abort", done);
      resolve();
    };
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener("abort", done);
    const deadline = ctx.sys.clockMonotonic() + ms;
    const arm = (): void => {
      const remaining = deadline - ctx.sys.clockMonotonic();
      if (remaining <= 0) return done();
      timer = ctx.sys.setTimer(Math.min(remaining, MAX_TIMER_MS), arm);
    };
    arm();
  });
}
