/**
 * Isolates for sessions, created from a snapshot of the in-isolate runtime (parsed and run once
 * per V8 host), with one isolate and context kept ready per
 * memory limit so a session never waits for them.
 */
import { readFileSync } from "node:fs";
import ivm from "isolated-vm";

export const RUNTIME_FILENAME = "secure-exec:runtime";

export interface WarmIsolate {
  isolate: ivm.Isolate;
  context: ivm.Context;
}

export class IsolatePool {
  private readonly snapshot: ivm.ExternalCopy<ArrayBuffer>;
  private readonly warm = new Map<number, Promise<WarmIsolate>>();

  constructor(runtimePath: string) {
    const source = readFileSync(runtimePath, "utf8");
    this.snapshot = ivm.Isolate.createSnapshot([{ code: source, filename: RUNTIME_FILENAME }]);
  }

  /** An isolate and context for a session with this heap limit (MB). */
  async take(memoryLimit: number): Promise<WarmIsolate> {
    const ready = this.warm.get(memoryLimit);
    this.warm.delete(memoryLimit);
    const taken = ready ? await ready.catch(() => undefined) : undefined;
    return taken && !taken.isolate.isDisposed ? taken : this.create(memoryLimit);
  }

  /**
   * Prepares the next isolate for this limit. Creating one blocks this thread for ~2 ms, so the
   * session calls this once it has ended rather than while it runs.
   */
  refill(memoryLimit: number): void {
    if (!this.warm.has(memoryLimit)) this.warm.set(memoryLimit, this.create(memoryLimit));
  }

  private async create(memoryLimit: number): Promise<WarmIsolate> {
    const isolate = new ivm.Isolate({ memoryLimit, snapshot: this.snapshot });
    return { isolate, context: await isolate.createContext() };
  }

  dispose(): void {
    for (const ready of this.warm.values()) void ready.then(({ isolate }) => !isolate.isDisposed && isolate.dispose(), () => {});
    this.warm.clear();
  }
}
