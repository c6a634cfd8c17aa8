/**
 * Isolates for sessions, created from a snapshot of the in-isolate runtime (parsed and run once
 * per V8 host), with one isolate and context kept ready per
 * memory limit so a session never waits for them. The pool refills when no session is starting.
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
    let taken = ready ? await ready.catch(() => undefined) : undefined;
    if (!taken || taken.isolate.isDisposed) taken = await this.create(memoryLimit);
    // Prepare the next one once this session is under way.
    setTimeout(() => this.refill(memoryLimit), 0);
    return taken;
  }

  private refill(memoryLimit: number): void {
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
