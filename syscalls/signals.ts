/** Signals the kernel delivers. A process killed by signal n exits with status 128 + n. */
export const SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
} as const;

export type SignalName = keyof typeof SIGNALS;

export function isSignalName(value: unknown): value is SignalName {
  return typeof value === "string" && Object.hasOwn(SIGNALS, value);
}

/** Accepts `"SIGTERM"`, `"TERM"`, `15` or `"15"`; undefined when it names no known signal. */
export function parseSignal(value: string | number): SignalName | undefined {
  if (typeof value === "number" || /^\d+$/.test(value)) {
    const number = Number(value);
    return (Object.keys(SIGNALS) as SignalName[]).find((name) => SIGNALS[name] === number);
  }
  const upper = value.toUpperCase();
  const name = upper.startsWith("SIG") ? upper : `SIG${upper}`;
  return isSignalName(name) ? name : undefined;
}

export function exitStatusForSignal(signal: SignalName): number {
  return 128 + SIGNALS[signal];
}
