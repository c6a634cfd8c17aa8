/**
 * The sandbox's clocks. With timing mitigation "freeze", `Date.now()`, `new Date()`,
 * `performance.now()` and `process.hrtime()` stand still while sandbox code runs: they read the
 * time the current event-loop task began (the loop time the host passes to every step), in whole
 * milliseconds. So no clock can time synchronous code, yet time moves between tasks as timers
 * expect (a debounce sees its wait pass). The real clocks are kept in this closure, out of reach
 * of sandbox code. With "off" they read V8's own clock (millisecond resolution), never earlier
 * than that loop time.
 */
// The real Date.now, taken when the bundle loads: before installDate replaces Date.
const realNow = Date.now;

export const clock = {
  frozen: true,
  /** Wall clock at session start, ms since the epoch. */
  startWall: 0,
  /** Monotonic ms at session start. */
  startMonotonic: 0,
  /** The loop time the host reported with the current step (ms since the session began). */
  current: 0,
  monotonic(): number {
    return this.frozen ? this.startMonotonic + Math.floor(this.current) : Math.max(this.current, realNow() - this.startWall + this.startMonotonic);
  },
  wall(): number {
    return this.startWall + (this.monotonic() - this.startMonotonic);
  },
  hrtimeNs(): number {
    return this.monotonic() * 1e6;
  },
};

/** Replaces `Date` so that `Date.now()` and `new Date()` read the sandbox clock. */
export function installDate(global: typeof globalThis): void {
  const RealDate = global.Date;
  const SandboxDate = function Date(this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(clock.wall()).toString();
    return args.length === 0 ? Reflect.construct(RealDate, [clock.wall()], new.target) : Reflect.construct(RealDate, args, new.target);
  } as unknown as DateConstructor;
  Object.defineProperties(SandboxDate, {
    now: { value: function now() { return Math.floor(clock.wall()); }, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
    prototype: { value: RealDate.prototype, writable: false, configurable: false },
    length: { value: 7, configurable: true },
  });
  Object.defineProperty(RealDate.prototype, "constructor", { value: SandboxDate, writable: true, configurable: true });
  Object.defineProperty(global, "Date", { value: SandboxDate, writable: true, configurable: true });
}
