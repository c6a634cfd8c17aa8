/**
 * A pipe: a bounded byte queue between writers and readers. A write waits while the queue holds
 * `capacity` bytes or more (backpressure); a read waits until data arrives or every writer has
 * closed (then it returns an empty array: end of file). Writing after every reader has closed
 * fails with EPIPE.
 */
import { SystemError } from "../syscalls/errors.js";

/** Linux's default pipe capacity. */
export const PIPE_CAPACITY = 64 * 1024;

interface Waiter {
  resolve(): void;
}

export class Pipe {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private readersOpen = true;
  private writersOpen = true;
  private readWaiters: Waiter[] = [];
  private writeWaiters: Waiter[] = [];

  constructor(readonly capacity: number = PIPE_CAPACITY) {}

  get bufferedBytes(): number {
    return this.buffered;
  }

  async write(data: Uint8Array): Promise<number> {
    while (this.readersOpen && this.buffered >= this.capacity) {
      await new Promise<void>((resolve) => this.writeWaiters.push({ resolve }));
    }
    if (!this.readersOpen) throw new SystemError("EPIPE", { syscall: "write" });
    if (!this.writersOpen) throw new SystemError("EBADF", { syscall: "write" });
    if (data.byteLength === 0) return 0;
    // Copy: the writer may reuse its buffer once the write resolves.
    this.chunks.push(data.slice());
    this.buffered += data.byteLength;
    wake(this.readWaiters);
    return data.byteLength;
  }

  async read(length: number = PIPE_CAPACITY): Promise<Uint8Array> {
    while (this.buffered === 0 && this.writersOpen) {
      await new Promise<void>((resolve) => this.readWaiters.push({ resolve }));
    }
    if (this.buffered === 0) return new Uint8Array(0);
    const first = this.chunks[0]!;
    let result: Uint8Array;
    if (first.byteLength <= length) {
      this.chunks.shift();
      result = first;
    } else {
      result = first.subarray(0, length);
      this.chunks[0] = first.subarray(length);
    }
    this.buffered -= result.byteLength;
    wake(this.writeWaiters);
    return result;
  }

  /** The last writer went away: readers drain what is queued, then see end of file. */
  closeWrite(): void {
    this.writersOpen = false;
    wake(this.readWaiters);
  }

  /** The last reader went away: queued data is dropped and writers get EPIPE. */
  closeRead(): void {
    this.readersOpen = false;
    this.chunks = [];
    this.buffered = 0;
    wake(this.writeWaiters);
  }
}

function wake(waiters: Waiter[]): void {
  for (const waiter of waiters.splice(0)) waiter.resolve();
}
