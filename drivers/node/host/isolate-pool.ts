/**
 * Isolates for sessions, created from a snapshot of the in-isolate runtime (parsed and run once
 * per V8 host), with one kept warm per memory limit so a session never waits for a new one.
 */
import { readFileSync } from "node:fs";
import ivm from "isolated-vm";

export const RUNTIME_FILENAME = "secure-exec:runtime";

export class IsolatePool {
  private readonly snapshot: ivm.ExternalCopy<ArrayBuffer>;
  private readonly warm = new Map<number, ivm.Isolate>();

  constructor(runtimePath: string) {
    const source = readFileSync(runtimePath, "utf8");
    this.snapshot = ivm.Isolate.createSnapshot([{ code: source, filename: RUNTIME_FILENAME }]);
  }

  /** An isolate for a session with this heap limit (MB); the pool refills itself afterwards. */
  take(memoryLimit: number): ivm.Isolate {
    const ready = this.warm.get(memoryLimit);
    this.warm.delete(memoryLimit);
    const isolate = ready && !ready.isDisposed ? ready : this.create(memoryLimit);
    setImmediate(() => this.refill(memoryLimit));
    return isolate;
  }

  private refill(memoryLimit: number): void {
    if (!this.warm.has(memoryLimit)) this.warm.set(memoryLimit, this.create(memoryLimit));
  }

  private create(memoryLimit: number): ivm.Isolate {
    return new ivm.Isolate({ memoryLimit, snapshot: this.snapshot });
  }

  dispose(): void {
    for (const isolate of this.warm.values()) if (!isolate.isDisposed) isolate.dispose();
    this.warm.clear();
  }
}
