/**
 * One sandbox session inside the V8 host: a fresh isolate from the pool, the bridge the sandbox
 * calls through, the event loop driven one task at a time, and the limits (CPU time, heap,
 * output) that end it. Every way a session can end goes through `end()`, once.
 */
import { createHash } from "node:crypto";
import ivm from "isolated-vm";
import type { BridgeReply, Completion, OutputChunk, SessionLimit, SessionResult, SessionSpec, SerializedError } from "../protocol.js";
import { runtimeConfig, type BridgeTarget, type IsolatePool } from "./isolate-pool.js";
import { LIMIT_EXIT_CODES } from "../limits.js";
import { probeOverlayFile } from "./overlay-files.js";
import { isTypeScriptService } from "./typescript-snapshot.js";

export interface SessionHost {
  /** Forwards a syscall to the application; resolves with its reply. */
  call(op: string, args: unknown[]): Promise<BridgeReply>;
  output(chunks: OutputChunk[]): void;
  ended(result: SessionResult): void;
}

interface StepResult {
  ran: boolean;
  alive: boolean;
  nextDeadline: number;
}

type MainOutcome = { kind: "done" } | { kind: "esm"; entry: string; source: string };
type Resolved = { id: string; source: string } | { failed: true };


const COPY = { arguments: { copy: true }, result: { copy: true } } as const;
/** How long the top-level code of ES modules loaded by require() may run when there is no CPU limit. */
const NESTED_EVALUATION_MAX_MS = 10_000;

/** V8's code cache for large modules of the node_modules overlay, shared by this process's sessions. */
class CodeCache {
  private readonly entries = new Map<string, { code: string; data: ivm.ExternalCopy<ArrayBuffer>; size: number }>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string) {
    return this.entries.get(key);
  }

  /** Most recently used last: the first entries go when the cache is full. */
  touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  set(key: string, code: string, data: ivm.ExternalCopy<ArrayBuffer>): void {
    this.remove(key);
    // Measured once: ExternalCopy tells no size without copying.
    const size = code.length * 2 + data.copy().byteLength;
    if (size > this.maxBytes) return;
    for (const oldest of this.entries.keys()) {
      if (this.bytes + size <= this.maxBytes) break;
      this.remove(oldest);
    }
    this.entries.set(key, { code, data, size });
    this.bytes += size;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
    entry.data.release();
  }
}
const codeCache = new CodeCache(256 * 1024 * 1024);

function moduleFilename(id: string): string {
  return id.startsWith("node:") || id.startsWith("secure-exec:") ? id : `file://${id}`;
}

export class Session implements BridgeTarget {
  private isolate!: ivm.Isolate;
  private context!: ivm.Context;
  private api!: Record<"start" | "resolveImport" | "step" | "finish" | "unhandledRejection" | "exportsOf" | "reportError", { apply(receiver: undefined, args: unknown[], options?: object): Promise<unknown> }>;
  private readonly started = performance.now();
  private done = false;
  private stopReason: SessionLimit | "killed" | "exit" | undefined;
  private completions: Completion[] = [];
  private wake: (() => void) | undefined;
  private outputQueue: OutputChunk[] = [];
  private outputBytes = 0;
  private flushScheduled = false;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private exportsValue: unknown;
  private esmNamespace: ivm.Reference<unknown> | undefined;
  private finishing = false;
  private released = false;
  /** Whether the isolate may serve another session after this one (not a compiler service's snapshot). */
  private reusable = true;

  constructor(
    private readonly spec: SessionSpec,
    private readonly pool: IsolatePool,
    private readonly host: SessionHost,
  ) {}

  async run(): Promise<void> {
    try {
      await this.setup();
      this.startWatchdog();
      // The configuration goes in with the call that runs the entry: one hop into the isolate.
      const config = new ivm.ExternalCopy(runtimeConfig(this.spec)).copyInto();
      const outcome = (await this.task(() => this.api.start.apply(undefined, [config], COPY))) as MainOutcome | undefined;
      if (outcome?.kind === "esm" && !this.done) await this.linkAndEvaluate(outcome);
      await this.loop();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Kill from outside: a signal or the runtime's disposal. */
  kill(): void {
    if (this.done) return;
    this.stopReason = "killed";
    this.end({ code: 137, killed: true });
  }

  private async setup(): Promise<void> {
    const { memoryLimit, overlayRoot } = this.spec;
    const preloaded = isTypeScriptService(this.spec) ? this.pool.takeTypeScript(memoryLimit, overlayRoot!) : undefined;
    const prepared = (await preloaded?.catch(() => undefined)) ?? (await this.pool.take(memoryLimit));
    this.reusable = prepared.reusable;
    this.isolate = prepared.isolate;
    this.context = prepared.context;
    prepared.port.target = this;
    const { dispatch } = prepared;
    const api = {} as Record<string, { apply(receiver: undefined, args: unknown[], options?: object): Promise<unknown> }>;
    for (const name of ["start", "resolveImport", "step", "finish", "unhandledRejection", "exportsOf", "reportError"]) {
      api[name] = { apply: (_receiver, args, options) => dispatch.apply(undefined, [name, ...args] as never[], options as never) };
    }
    this.api = api as unknown as Session["api"];
  }

  // --- the event loop -------------------------------------------------------------------------
  private now(): number {
    return performance.now() - this.started;
  }

  private async loop(): Promise<void> {
    while (!this.done) {
      const completions = this.completions.splice(0);
      const state = (await this.task(() => this.api.step.apply(undefined, [this.now(), completions], COPY))) as StepResult | undefined;
      if (this.done || !state) continue;
      if (state.ran) continue;
      if (this.completions.length > 0) continue;
      if (!state.alive) {
        await this.finishOrContinue();
        continue;
      }
      await this.idle(state.nextDeadline);
    }
  }

  private async finishOrContinue(): Promise<void> {
    if (this.spec.entry.kind === "module") {
      const value = await this.task(() => this.api.exportsOf.apply(undefined, this.esmNamespace ? [this.esmNamespace.derefInto()] : [], COPY));
      if (!this.done) this.exportsValue = value;
    }
    this.finishing = true;
    const result = (await this.task(() => this.api.finish.apply(undefined, [], COPY))) as { done: boolean; code: number } | undefined;
    this.finishing = false;
    if (result?.done && !this.done) this.end({ code: result.code });
    // The program ran to its end and the isolate is idle: the pool may give it a fresh context.
    if (result?.done && this.stopReason !== "killed" && this.stopReason !== "cpu" && this.stopReason !== "memory" && this.stopReason !== "output") {
      this.release(true);
    } else if (this.done) {
      this.release(false);
    }
  }

  /** Waits for the next timer or for a completion to arrive. */
  private idle(deadline: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = deadline >= 0 ? setTimeout(finish, Math.max(0, deadline - this.now())) : undefined;
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = finish;
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /** Runs one call into the isolate; an unhandled rejection it surfaces goes back in as one. */
  private async task(call: () => Promise<unknown>): Promise<unknown> {
    if (this.done) return undefined;
    try {
      return await call();
    } catch (error) {
      if (this.done) return undefined;
      if (this.isolate.isDisposed) throw error;
      // isolated-vm reports a rejection nobody handled during the task as the task's failure.
      await this.task(() => this.api.unhandledRejection.apply(undefined, [toTransferable(error)], COPY));
      return undefined;
    }
  }

  /**
   * Compiles the entry module, then each import V8 reports (`dependencySpecifiers`), asking the
   * sandbox to resolve it; links the graph and evaluates it.
   */
  private async linkAndEvaluate(outcome: Extract<MainOutcome, { kind: "esm" }>): Promise<void> {
    try {
      const queue: Array<{ id: string; source: string }> = [{ id: outcome.entry, source: outcome.source }];
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { id, source } = next;
        if (this.modules.has(id)) continue;
        const module = await this.isolate.compileModule(source, { filename: moduleFilename(id) });
        this.remember(id, module);
        const resolved: Record<string, string> = {};
        for (const specifier of module.dependencySpecifiers) {
          const target = (await this.task(() => this.api.resolveImport.apply(undefined, [specifier, id], COPY))) as Resolved | undefined;
          if (!target || "failed" in target || this.done) return;
          resolved[specifier] = target.id;
          if (!this.modules.has(target.id)) queue.push(target);
        }
        this.moduleLinks.set(id, resolved);
      }
      const entry = this.modules.get(outcome.entry)!;
      await entry.instantiate(this.context, this.linker);
      await this.task(() => entry.evaluate({ promise: true } as ivm.ScriptRunOptions));
      // isolated-vm hands out the namespace only once evaluation has begun.
      if (!this.done) this.esmNamespace = entry.namespace;
    } catch (error) {
      if (this.done || this.isolate.isDisposed) throw error;
      await this.task(() => this.api.reportError.apply(undefined, [toTransferable(error)], COPY));
    }
  }

  // --- ES modules loaded later: import() and require() ----------------------------------------
  // The sandbox walks the graph (it resolves; the host compiles and reports each module's imports),
  // then asks for a small module `import * as ns from root; __secureExecModuleReady(token, ns)` to
  // be linked and evaluated: its body runs once the whole graph has (after any top-level await),
  // and hands the namespace to the sandbox. import() evaluates as a task of its own; require()
  // evaluates while the sandbox waits in its call (see `evaluateNow`).
  private readonly modules = new Map<string, ivm.Module>();
  private readonly moduleLinks = new Map<string, Record<string, string>>();
  private readonly moduleIds = new Map<ivm.Module, string>();
  private readonly loaders = new Map<number, ivm.Module>();
  private nextLoader = 1;
  private cpuBaseline = 0n;

  private remember(id: string, module: ivm.Module): void {
    this.modules.set(id, module);
    this.moduleIds.set(module, id);
  }

  private readonly linker = (specifier: string, referrer: ivm.Module): ivm.Module => {
    const target = this.moduleLinks.get(this.moduleIds.get(referrer)!)?.[specifier];
    const module = target === undefined ? undefined : this.modules.get(target);
    if (!module) throw new Error(`Cannot find module '${specifier}'`);
    return module;
  };

  /** `esmCompile(id, source)`: compiles a module once; answers the specifiers it imports. */
  private compileNow(id: string, source: string): unknown {
    let module = this.modules.get(id);
    if (!module) {
      try {
        module = this.isolate.compileModuleSync(source, { filename: moduleFilename(id) });
      } catch (error) {
        return { error: toPlain(error) };
      }
      this.remember(id, module);
    }
    return { specifiers: module.dependencySpecifiers };
  }

  /** `esmLink(root, links)`: records the links the sandbox resolved and instantiates a loader for root. */
  private linkNow(root: string, links: Record<string, Record<string, string>>): unknown {
    for (const [id, resolved] of Object.entries(links)) this.moduleLinks.set(id, { ...this.moduleLinks.get(id), ...resolved });
    const token = this.nextLoader++;
    const id = `secure-exec:loader/${token}`;
    try {
      const loader = this.isolate.compileModuleSync(`import * as ns from ${JSON.stringify(root)}; __secureExecModuleReady(${token}, ns);`, { filename: id });
      this.remember(id, loader);
      this.moduleLinks.set(id, { [root]: root });
      loader.instantiateSync(this.context, this.linker);
      this.loaders.set(token, loader);
      return { token };
    } catch (error) {
      return { error: toPlain(error) };
    }
  }

  /**
   * `esmEvaluateSync(token)`, for require(): evaluates while the sandbox waits inside its call,
   * so this thread is blocked meanwhile; bounded by what is left of the CPU budget (or
   * NESTED_EVALUATION_MAX_MS without one).
   */
  private evaluateNow(token: number): unknown {
    const loader = this.takeLoader(token);
    if (!loader) return { error: missingLoader(token) };
    return this.runNested((timeout) => loader.evaluateSync({ timeout }));
  }

  /** Runs sandbox code while the sandbox waits in a call of its own (see evaluateNow). */
  private runNested(run: (timeoutMs: number) => void): { error?: unknown } {
    const budget = this.spec.cpuTimeLimitMs;
    const left = Math.ceil(budget > 0 ? Math.max(1, budget - Number(this.isolate.cpuTime - this.cpuBaseline) / 1e6) : NESTED_EVALUATION_MAX_MS);
    try {
      run(left);
      return {};
    } catch (error) {
      // The heap limit: isolated-vm disposes the isolate (it may not say so yet).
      if (this.isolate.isDisposed || (error instanceof Error && /disposed during execution due to memory limit/.test(error.message))) {
        this.stopReason = "memory";
        this.end({ code: LIMIT_EXIT_CODES.memory, limit: "memory", errorMessage: `Memory limit of ${this.spec.memoryLimit} MB exceeded` });
        return { error: toPlain(error) };
      }
      if (error instanceof Error && error.message === "Script execution timed out.") {
        if (budget > 0) {
          this.stopReason = "cpu";
          this.end({ code: LIMIT_EXIT_CODES.cpu, limit: "cpu", errorMessage: `CPU time limit of ${budget} ms exceeded` });
        }
        const message = `Script execution timed out after ${left}ms`;
        return { error: { name: "Error", code: "ERR_SCRIPT_EXECUTION_TIMEOUT", message, stack: `Error: ${message}` } };
      }
      return { error: toPlain(error) };
    }
  }

  /**
   * `moduleCode(filename, prefix, source, prepared?)`: compiles a large CommonJS module of the
   * node_modules overlay as a script, with V8's code cache kept in this process across sessions
   * (by file name and text), and leaves the wrapper function in `__secureExecCompiled` for the
   * sandbox to take. Without `prepared` (the text with its import() calls rewritten) it only
   * answers whether the cache has the module: `{ compiled: false }` asks for it.
   */
  private compileModuleCode(filename: string, prefix: string, source: string, prepared?: string): unknown {
    const key = createHash("sha1").update(filename).update("\0").update(prefix).update("\0").update(source).digest("base64");
    const cached = codeCache.get(key);
    if (!cached && prepared === undefined) return { compiled: false };
    const code = `${prefix}${cached?.code ?? prepared}\n})`;
    let script: ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };
    try {
      script = this.isolate.compileScriptSync(code, { filename, ...(cached ? { cachedData: cached.data } : { produceCachedData: true }) });
    } catch (error) {
      return { error: toPlain(error) };
    }
    if (cached && !script.cachedDataRejected) codeCache.touch(key);
    else if (script.cachedData) codeCache.set(key, cached?.code ?? prepared!, script.cachedData);
    const outcome = this.runNested((timeout) => {
      const wrapper = script.runSync(this.context, { timeout, reference: true });
      this.context.global.setSync("__secureExecCompiled", wrapper.derefInto());
    });
    return outcome.error === undefined ? { compiled: true } : outcome;
  }

  /** `esmEvaluate(token)`, for import(): evaluates as a task; the completion carries any error. */
  private async evaluateLater(token: number): Promise<BridgeReply> {
    const loader = this.takeLoader(token);
    if (!loader) return { ok: true, value: { error: missingLoader(token) } };
    try {
      await loader.evaluate();
      return { ok: true, value: {} };
    } catch (error) {
      return { ok: true, value: { error: toPlain(error) } };
    }
  }

  private takeLoader(token: number): ivm.Module | undefined {
    const loader = this.loaders.get(token);
    this.loaders.delete(token);
    return loader;
  }

  /** Module operations the V8 host answers itself (the application is not involved). */
  private moduleCall(op: string, args: unknown[]): BridgeReply | undefined {
    switch (op) {
      case "esmCompile":
        return { ok: true, value: this.compileNow(String(args[0]), String(args[1])) };
      case "esmLink":
        return { ok: true, value: this.linkNow(String(args[0]), args[1] as Record<string, Record<string, string>>) };
      case "esmEvaluateSync":
        return { ok: true, value: this.evaluateNow(Number(args[0])) };
      case "moduleCode":
        return { ok: true, value: this.compileModuleCode(String(args[0]), String(args[1]), String(args[2]), typeof args[3] === "string" ? args[3] : undefined) };
      default:
        return undefined;
    }
  }

  // --- the bridge -----------------------------------------------------------------------------
  /** A sync call: the isolate waits for the promise; its value is copied in. */
  async onCall(op: string, args: unknown[]): Promise<unknown> {
    let reply: BridgeReply;
    if (this.done) reply = { ok: false, error: { name: "Error", message: "The session has ended", code: "ECANCELED" } };
    else if (op === "memoryUsage") reply = { ok: true, value: this.memoryUsage() };
    // Module sources stay in the V8 host: the payload limit guards what reaches the application.
    else reply = this.moduleCall(op, args) ?? this.overlayCall(op, args) ?? (this.tooLarge(args) ? this.payloadError(args) : await this.host.call(op, args));
    return new ivm.ExternalCopy(reply).copyInto();
  }

  onCallAsync(op: string, args: unknown[], id: number): void {
    const reply = this.tooLarge(args)
      ? Promise.resolve(this.payloadError(args))
      : op === "memoryUsage"
        ? Promise.resolve<BridgeReply>({ ok: true, value: this.memoryUsage() })
        : op === "esmEvaluate"
          ? this.evaluateLater(Number(args[0]))
          : this.host.call(op, args);
    reply.then((answer) => {
      if (this.done) return;
      this.completions.push({ id, reply: answer });
      this.wake?.();
    });
  }

  /** `probeFile` of a path in the node_modules overlay, when this process may read it itself. */
  private overlayCall(op: string, args: unknown[]): BridgeReply | undefined {
    const root = this.spec.overlayRoot;
    if (op !== "probeFile" || root === undefined || typeof args[0] !== "string") return undefined;
    const probed = probeOverlayFile(root, args[0]);
    return probed === undefined ? undefined : { ok: true, value: probed };
  }

  /**
   * A call made while sandbox code that this process runs is waiting for it (see
   * Bridge.callNesting): answered at once when this process can answer it alone (the overlay's
   * lookups, memory usage); undefined otherwise (the sandbox then refuses the call).
   */
  onCallSync(op: string, args: unknown[]): unknown {
    if (this.done) return undefined;
    const reply = op === "memoryUsage" ? { ok: true, value: this.memoryUsage() } : this.overlayCall(op, args);
    return reply === undefined ? undefined : new ivm.ExternalCopy(reply).copyInto();
  }

  private tooLarge(args: unknown[]): boolean {
    return payloadSize(args, this.spec.payloadLimitBytes) > this.spec.payloadLimitBytes;
  }

  private payloadError(args: unknown[]): BridgeReply {
    const size = payloadSize(args, Infinity);
    return {
      ok: false,
      error: { name: "RangeError", code: "ERR_PAYLOAD_TOO_LARGE", message: `A call into the host carried ${size} bytes, more than the limit of ${this.spec.payloadLimitBytes} bytes` },
    };
  }

  onWrite(fd: 1 | 2, data: string | Uint8Array): void {
    if (this.done) return;
    this.outputBytes += typeof data === "string" ? data.length : data.byteLength;
    if (this.outputBytes > this.spec.outputLimitBytes) {
      this.stopReason = "output";
      this.end({ code: LIMIT_EXIT_CODES.output, limit: "output", errorMessage: `Output limit of ${this.spec.outputLimitBytes} bytes exceeded` });
      return;
    }
    this.outputQueue.push({ fd, data });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  onExit(code: number, errorMessage?: unknown): void {
    if (this.done) return;
    this.stopReason = "exit";
    this.end(typeof errorMessage === "string" ? { code: code & 0xff, errorMessage: errorMessage.slice(0, 4096) } : { code: code & 0xff });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outputQueue.length > 0) this.host.output(this.outputQueue.splice(0));
  }

  private memoryUsage(): Record<string, number> {
    const heap = this.isolate.getHeapStatisticsSync();
    return {
      rss: heap.total_heap_size + heap.externally_allocated_size,
      heapTotal: heap.total_heap_size,
      heapUsed: heap.used_heap_size,
      external: heap.externally_allocated_size,
      arrayBuffers: 0,
    };
  }

  // --- limits and the end ---------------------------------------------------------------------
  private startWatchdog(): void {
    const budgetNs = BigInt(this.spec.cpuTimeLimitMs) * 1_000_000n;
    if (budgetNs === 0n) return;
    // The pool ran setup code in this isolate before the session claimed it: that is not the session's.
    const baseline = (this.cpuBaseline = this.isolate.cpuTime);
    const check = (): void => {
      if (this.done || this.isolate.isDisposed) return;
      const used = this.isolate.cpuTime - baseline;
      if (used >= budgetNs) {
        this.stopReason = "cpu";
        this.end({ code: LIMIT_EXIT_CODES.cpu, limit: "cpu", errorMessage: `CPU time limit of ${this.spec.cpuTimeLimitMs} ms exceeded` });
        return;
      }
      // CPU time never runs faster than the wall clock: wait at most what is left.
      const leftMs = Number(budgetNs - used) / 1e6;
      this.watchdog = setTimeout(check, Math.max(1, Math.min(leftMs, 10)));
    };
    this.watchdog = setTimeout(check, Math.max(1, Math.min(this.spec.cpuTimeLimitMs, 10)));
  }

  private fail(error: unknown): void {
    if (this.done) return;
    if (this.isolate?.isDisposed && this.stopReason === undefined) {
      this.end({ code: LIMIT_EXIT_CODES.memory, limit: "memory", errorMessage: `Memory limit of ${this.spec.memoryLimit} MB exceeded` });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.end({ code: 1, errorMessage: `Internal error in the V8 host: ${message}` });
  }

  /** Hands the isolate back to the pool (idle after a clean end) or disposes it, once. */
  private release(reusable: boolean): void {
    if (this.released || !this.isolate) return;
    this.released = true;
    if (reusable && this.reusable && !this.isolate.isDisposed) {
      this.context.release();
      setImmediate(() => this.pool.recycle(this.isolate, this.spec.memoryLimit));
      return;
    }
    // Ends whatever the isolate is doing (a spin, a pending call) and frees its heap; then the
    // pool prepares the next isolate, off this session's critical path.
    if (!this.isolate.isDisposed) this.isolate.dispose();
    if (this.reusable) setImmediate(() => this.pool.refill(this.spec.memoryLimit));
  }

  private end(result: SessionResult): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.watchdog);
    this.wake?.();
    if (result.limit === undefined && !result.killed) {
      this.flush();
      if (this.exportsValue !== undefined) result.exports = this.exportsValue;
    } else {
      this.outputQueue = [];
    }
    if (result.code !== 0 && result.errorMessage === undefined && !result.killed) result.errorMessage = `Process exited with code ${result.code}`;
    this.host.ended(result);
    // While `finish` runs, the isolate decides its own end; it is released when that call returns.
    if (!this.finishing) queueMicrotask(() => this.release(false));
  }
}

/** Bytes a call's arguments take (strings count two per character); stops counting past `cap`. */
function payloadSize(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const item = stack.pop();
    if (typeof item === "string") total += item.length * 2;
    else if (ArrayBuffer.isView(item)) total += item.byteLength;
    else if (item instanceof ArrayBuffer) total += item.byteLength;
    else if (item !== null && typeof item === "object") {
      total += 16;
      for (const key of Object.keys(item)) {
        total += key.length * 2;
        stack.push((item as Record<string, unknown>)[key]);
      }
    } else total += 8;
  }
  return total;
}

function missingLoader(token: number): object {
  const message = `No module loader ${token} in this session`;
  return { name: "Error", message, stack: `Error: ${message}` };
}

/** An error of the sandbox as plain data, without the frames isolated-vm appends on the host side. */
function toPlain(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  // isolated-vm appends where V8 found a syntax error to the message: ` [file:///a.mjs:1:14]`.
  const where = /^([^]*) \[(\S+):(\d+):(\d+)\]$/.exec(error.message);
  if (where) {
    const [, message, file, line, column] = where;
    return { name: error.name, message, stack: `${error.name}: ${message}`, location: { file, line: Number(line), column: Number(column) } };
  }
  const boundary = error.stack?.indexOf("\n    at (<isolated-vm boundary>)") ?? -1;
  const stack = boundary >= 0 ? error.stack!.slice(0, boundary) : (error.stack ?? `${error.name}: ${error.message}`);
  return { name: error.name, message: error.message, stack };
}

/** An error of the sandbox, copied back in (see `toPlain`). */
function toTransferable(error: unknown): unknown {
  return new ivm.ExternalCopy(toPlain(error)).copyInto();
}

export type { SerializedError };
