/**
 * The process table of one kernel: pids, parents, argv, env, cwd, fds, exit status, waiting,
 * and signal delivery.
 */
import { SystemError } from "../syscalls/errors.js";
import type { ExitStatus } from "../syscalls/interfaces.js";
import { exitStatusForSignal, type SignalName } from "../syscalls/signals.js";
import { FdTable } from "./open-file.js";

/** Signals whose default action a process may replace with a handler. */
const HANDLEABLE: ReadonlySet<SignalName> = new Set(["SIGTERM", "SIGINT", "SIGHUP", "SIGALRM", "SIGQUIT"]);

export class KernelProcess {
  readonly fds = new FdTable();
  readonly controller = new AbortController();
  readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly signalHandlers = new Set<(signal: SignalName) => void>();
  private exitStatus: ExitStatus | undefined;
  private readonly exited: Promise<ExitStatus>;
  private resolveExited!: (status: ExitStatus) => void;
  private readonly exitListeners: Array<(process: KernelProcess) => void> = [];

  constructor(
    readonly pid: number,
    readonly ppid: number,
    readonly argv: readonly string[],
    public env: Record<string, string>,
    public cwd: string,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
  }

  get status(): ExitStatus | undefined {
    return this.exitStatus;
  }

  get running(): boolean {
    return this.exitStatus === undefined;
  }

  /** Resolves with the exit status once the process has ended. */
  whenExited(): Promise<ExitStatus> {
    return this.exited;
  }

  onExit(listener: (process: KernelProcess) => void): void {
    this.exitListeners.push(listener);
  }

  onSignal(handler: (signal: SignalName) => void): () => void {
    this.signalHandlers.add(handler);
    return () => this.signalHandlers.delete(handler);
  }

  /** Ends the process: closes its fds, stops its timers and wakes its waiters. Idempotent. */
  exit(code: number, signal?: SignalName): void {
    if (this.exitStatus) return;
    this.exitStatus = signal ? { exitCode: code, signal } : { exitCode: code };
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.signalHandlers.clear();
    this.fds.closeAll();
    this.controller.abort(signal ?? "exit");
    this.resolveExited(this.exitStatus);
    for (const listener of this.exitListeners.splice(0)) listener(this);
  }

  /** Delivers a signal: a handler replaces the default action (end with 128 + n) where allowed. */
  signal(signal: SignalName): void {
    if (!this.running) return;
    if (HANDLEABLE.has(signal) && this.signalHandlers.size > 0) {
      for (const handler of [...this.signalHandlers]) handler(signal);
      return;
    }
    this.exit(exitStatusForSignal(signal), signal);
  }
}

export class ProcessTable {
  private readonly processes = new Map<number, KernelProcess>();
  private nextPid = 1;
  /** Live processes at most (a fork bomb gets EAGAIN); set by the kernel. */
  maxProcesses = Infinity;

  create(ppid: number, argv: readonly string[], env: Record<string, string>, cwd: string): KernelProcess {
    if (this.list().filter((entry) => entry.running).length >= this.maxProcesses) {
      throw new SystemError("EAGAIN", { syscall: "spawn", detail: `resource temporarily unavailable (at most ${this.maxProcesses} processes)` });
    }
    const process = new KernelProcess(this.nextPid++, ppid, [...argv], env, cwd);
    this.processes.set(process.pid, process);
    process.onExit(() => this.reapOrphans(process));
    return process;
  }

  get(pid: number): KernelProcess {
    const process = this.processes.get(pid);
    if (!process) throw new SystemError("ESRCH");
    return process;
  }

  find(pid: number): KernelProcess | undefined {
    return this.processes.get(pid);
  }

  list(): KernelProcess[] {
    return [...this.processes.values()];
  }

  children(pid: number): KernelProcess[] {
    return this.list().filter((process) => process.ppid === pid);
  }

  /** Waits for a child of `parentPid` and removes its entry (reaps it). */
  async wait(parentPid: number, pid: number): Promise<ExitStatus> {
    const child = this.processes.get(pid);
    if (!child || child.ppid !== parentPid) throw new SystemError("ECHILD");
    const status = await child.whenExited();
    this.processes.delete(pid);
    return status;
  }

  /** Removes a process that nobody will wait for (its parent is the kernel, or gone). */
  release(pid: number): void {
    const process = this.processes.get(pid);
    if (process && !process.running) this.processes.delete(pid);
  }

  /** Signals a process and all of its descendants, children first. */
  signalTree(pid: number, signal: SignalName): void {
    for (const child of this.children(pid)) this.signalTree(child.pid, signal);
    this.processes.get(pid)?.signal(signal);
  }

  private reapOrphans(parent: KernelProcess): void {
    // Exited children of an exited parent will never be waited for.
    for (const child of this.children(parent.pid)) {
      if (!child.running) this.processes.delete(child.pid);
    }
    const grandparent = this.processes.get(parent.ppid);
    if (parent.ppid === 0 || !grandparent || !grandparent.running) this.processes.delete(parent.pid);
  }
}
