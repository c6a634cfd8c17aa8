/**
 * The sandbox's event loop, driven by the V8 host one task at a time: the host calls `step()`,
 * which runs at most one macrotask (a timer, an I/O completion, an immediate) followed by the
 * nextTick queue; the host returns between steps so V8 drains the microtask queue between
 * macrotasks, as Node does. Phases follow libuv's order: timers, poll (completions), check
 * (immediates). Timer deadlines use the loop time the host passes in, as libuv caches it.
 */
import { MinHeap } from "./heap.js";

export interface TimerHandle {
  id: number;
  delay: number;
  /** Bumped whenever the timer is rescheduled: older heap entries for it are stale. */
  generation: number;
  repeat: boolean;
  refed: boolean;
  active: boolean;
  run: () => void;
}

export interface ImmediateHandle {
  refed: boolean;
  active: boolean;
  run: () => void;
}

export interface StepResult {
  /** A task ran: call again at once (after the microtasks drain). */
  ran: boolean;
  /** Something keeps the loop alive (ref'd timers, immediates, pending I/O, queued ticks). */
  alive: boolean;
  /** Loop time of the earliest ref'd or unref'd timer, or -1. */
  nextDeadline: number;
}

type Phase = "timers" | "poll" | "check";
interface TimerEntry {
  timer: TimerHandle;
  generation: number;
  deadline: number;
  order: number;
}
const TIMEOUT_MAX = 2 ** 31 - 1;

export class EventLoop {
  now = 0;
  private order = 0;
  private nextId = 1;
  private readonly timers = new MinHeap<TimerEntry>((a, b) => a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order));
  private refedTimers = 0;
  private immediates: ImmediateHandle[] = [];
  private checkBatch: ImmediateHandle[] = [];
  private readonly ticks: Array<() => void> = [];
  private readonly completions: Array<() => void> = [];
  private refedPending = 0;
  private phase: Phase = "timers";
  /** The first iteration has begun (libuv updates the loop time as each iteration starts). */
  private started = false;
  /** At the start of an iteration: libuv begins one only while the loop is alive. */
  private iterationStart = true;
  /** Called with an error a task threw; decides whether the process survives. */
  onUncaught: (error: unknown) => void = (error) => {
    throw error;
  };

  // --- timers -------------------------------------------------------------------------------
  addTimer(delay: number, repeat: boolean, run: () => void): TimerHandle {
    const timer: TimerHandle = { id: this.nextId++, delay: normalizeDelay(delay), generation: 0, repeat, refed: true, active: true, run };
    this.schedule(timer);
    this.refedTimers++;
    return timer;
  }

  clearTimer(timer: TimerHandle): void {
    if (!timer.active) return;
    timer.active = false;
    if (timer.refed) this.refedTimers--;
  }

  refTimer(timer: TimerHandle, refed: boolean): void {
    if (timer.active && timer.refed !== refed) this.refedTimers += refed ? 1 : -1;
    timer.refed = refed;
  }

  /** Restarts the timer's countdown from now (`timeout.refresh()`). */
  refreshTimer(timer: TimerHandle): void {
    if (timer.active) this.schedule(timer);
  }

  private schedule(timer: TimerHandle): void {
    timer.generation++;
    this.timers.push({ timer, generation: timer.generation, deadline: this.now + timer.delay, order: this.order++ });
  }

  private live(entry: TimerEntry): boolean {
    return entry.timer.active && entry.generation === entry.timer.generation;
  }

  // --- immediates, ticks, I/O ---------------------------------------------------------------
  addImmediate(run: () => void): ImmediateHandle {
    const immediate: ImmediateHandle = { refed: true, active: true, run };
    this.immediates.push(immediate);
    return immediate;
  }

  clearImmediate(immediate: ImmediateHandle): void {
    immediate.active = false;
  }

  nextTick(run: () => void): void {
    this.ticks.push(run);
  }

  /** An I/O request is outstanding: the loop stays alive until `complete` is called for it. */
  beginPending(): void {
    this.refedPending++;
  }

  /** Queues the I/O callback of a finished request as a poll-phase task. */
  complete(run: () => void): void {
    this.refedPending--;
    this.completions.push(run);
  }

  // --- driving --------------------------------------------------------------------------------
  /** Runs queued ticks; the host's return lets microtasks drain after them. */
  runTicks(): void {
    for (let tick = this.ticks.shift(); tick; tick = this.ticks.shift()) this.guard(tick);
  }

  step(now: number): StepResult {
    if (!this.started) {
      // The main script took time: timers it set are measured against the time the loop starts.
      this.started = true;
      this.now = Math.max(this.now, now);
    }
    if (this.ticks.length > 0) {
      this.runTicks();
      return this.result(true);
    }
    // Four turns: a whole iteration, ending back in the timers phase with a fresh loop time.
    for (let turns = 0; turns < 4; turns++) {
      // Only unref'd timers or immediates left: the loop ends without running them.
      if (this.iterationStart && !this.alive) return this.result(false);
      this.iterationStart = false;
      const task = this.nextTask(now);
      if (task) {
        this.guard(task);
        this.runTicks();
        return this.result(true);
      }
      this.advancePhase(now);
    }
    return this.result(false);
  }

  get alive(): boolean {
    return this.ticks.length > 0 || this.handlesAlive;
  }

  /** libuv's idea of a live loop: ref'd timers, immediates and I/O (queued ticks do not count). */
  get handlesAlive(): boolean {
    return this.refedTimers > 0 || this.refedPending > 0 || this.completions.length > 0 || this.hasRefedImmediates();
  }

  private hasRefedImmediates(): boolean {
    return this.immediates.some((i) => i.active && i.refed) || this.checkBatch.some((i) => i.active && i.refed);
  }

  private result(ran: boolean): StepResult {
    return { ran, alive: this.alive, nextDeadline: this.earliestDeadline() };
  }

  private earliestDeadline(): number {
    for (let top = this.timers.peek(); top; top = this.timers.peek()) {
      if (this.live(top)) return top.deadline;
      this.timers.pop();
    }
    return -1;
  }

  private nextTask(now: number): (() => void) | undefined {
    switch (this.phase) {
      case "timers": {
        let top = this.timers.peek();
        while (top && !this.live(top)) {
          this.timers.pop();
          top = this.timers.peek();
        }
        if (!top || top.deadline > this.now) return undefined;
        this.timers.pop();
        const timer = top.timer;
        return () => this.fire(timer);
      }
      case "poll":
        return this.completions.shift();
      case "check": {
        for (let immediate = this.checkBatch.shift(); immediate; immediate = this.checkBatch.shift()) {
          if (immediate.active) {
            immediate.active = false;
            return immediate.run;
          }
        }
        return undefined;
      }
    }
  }

  private advancePhase(now: number): void {
    if (this.phase === "timers") this.phase = "poll";
    else if (this.phase === "poll") {
      this.phase = "check";
      // Immediates queued while the check phase runs wait for the next iteration.
      this.checkBatch = this.immediates;
      this.immediates = [];
    } else {
      this.phase = "timers";
      this.iterationStart = true;
      this.now = Math.max(this.now, now);
    }
  }

  private fire(timer: TimerHandle): void {
    if (timer.repeat) {
      this.schedule(timer);
    } else {
      timer.active = false;
      if (timer.refed) this.refedTimers--;
    }
    timer.run();
  }

  private guard(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.onUncaught(error);
    }
  }
}

function normalizeDelay(delay: unknown): number {
  const ms = Number(delay);
  // Node: out-of-range or non-numeric delays become 1 ms.
  if (!(ms >= 1 && ms <= TIMEOUT_MAX)) return 1;
  return Math.trunc(ms);
}
