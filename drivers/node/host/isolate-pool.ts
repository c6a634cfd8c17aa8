/**
 * Isolates for sessions, created from a snapshot of the in-isolate runtime (parsed and run once
 * per V8 host) and prepared ahead of time: context created, bridge installed, runtime set up with
 * a placeholder configuration. A session claims one, points its bridge port at itself and only
 * hands in its own configuration. Two are kept ready per memory limit.
 */
import { readFileSync } from "node:fs";
import ivm from "isolated-vm";
import type { SessionSpec } from "../protocol.js";
import { typeScriptSnapshot } from "./typescript-snapshot.js";

export const RUNTIME_FILENAME = "secure-exec:runtime";

/** What the bridge functions call; the session that claimed the isolate. */
export interface BridgeTarget {
  onCall(op: string, args: unknown[]): Promise<unknown>;
  onCallAsync(op: string, args: unknown[], id: number): void;
  onCallSync(op: string, args: unknown[]): unknown;
  onWrite(fd: 1 | 2, data: string | Uint8Array): void;
  onExit(code: number, errorMessage?: string): void;
}

export interface PreparedIsolate {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** The runtime's single entry point: `dispatch(name, ...args)`. */
  dispatch: ivm.Reference<(...args: unknown[]) => unknown>;
  port: { target?: BridgeTarget };
  /** False for an isolate made from a compiler service's snapshot: it serves one session only. */
  reusable: boolean;
}

/** The configuration a prepared isolate is set up with before any session claims it. */
export function runtimeConfig(spec: SessionSpec): Record<string, unknown> {
  return {
    spec,
    startWall: Date.now(),
    startMonotonic: 0,
    version: process.version,
    versions: { ...process.versions },
    arch: process.arch,
    execPath: "/usr/local/bin/node",
  };
}

const PLACEHOLDER: SessionSpec = {
  entry: { kind: "eval", code: "" },
  argv: [],
  env: {},
  cwd: "/",
  pid: 0,
  ppid: 0,
  memoryLimit: 0,
  cpuTimeLimitMs: 0,
  timingMitigation: "freeze",
  outputLimitBytes: 0,
  payloadLimitBytes: 0,
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
};

/** Prepared isolates kept per memory limit: a session that loses its isolate (a limit, a kill,
 * process.exit) leaves the next one a spare while its replacement is built. */
const POOL_DEPTH = 2;
/** Sessions one isolate serves (each in a fresh context) before it is replaced. */
const MAX_SESSIONS_PER_ISOLATE = 64;
/** An isolate whose heap is still above this after its session is not reused. */
const RECYCLE_HEAP_BYTES = 32 * 1024 * 1024;

const UNCLAIMED = { ok: false, error: { name: "Error", message: "No session owns this isolate", code: "ECANCELED" } };

export class IsolatePool {
  private readonly snapshot: ivm.ExternalCopy<ArrayBuffer>;
  private readonly runtimeSource: string;
  /** Prepared isolates per memory limit, oldest first. */
  private readonly ready = new Map<number, Array<Promise<PreparedIsolate>>>();
  private readonly uses = new WeakMap<ivm.Isolate, number>();

  constructor(runtimePath: string) {
    const source = readFileSync(runtimePath, "utf8");
    this.runtimeSource = source;
    this.snapshot = ivm.Isolate.createSnapshot([{ code: source, filename: RUNTIME_FILENAME }]);
  }

  /**
   * An isolate for a TypeScript compiler service from its snapshot (host/typescript-snapshot.ts),
   * made now (about 0.1 s): undefined while no snapshot for this node_modules root is ready.
   */
  takeTypeScript(memoryLimit: number, root: string): Promise<PreparedIsolate> | undefined {
    const snapshot = typeScriptSnapshot(root, this.runtimeSource, runtimeConfig({ ...PLACEHOLDER, memoryLimit }));
    return snapshot ? this.prepare(memoryLimit, undefined, snapshot) : undefined;
  }

  /** A prepared isolate for a session with this heap limit (MB). */
  async take(memoryLimit: number): Promise<PreparedIsolate> {
    const ready = this.ready.get(memoryLimit)?.shift();
    const taken = ready ? await ready.catch(() => undefined) : undefined;
    return taken && !taken.isolate.isDisposed ? taken : this.prepare(memoryLimit);
  }

  private queue(memoryLimit: number): Array<Promise<PreparedIsolate>> {
    let queue = this.ready.get(memoryLimit);
    if (!queue) this.ready.set(memoryLimit, (queue = []));
    return queue;
  }

  /**
   * Prepares the next isolate for this limit. Creating one blocks this thread for ~2 ms, so a
   * session calls this once it has ended rather than while it runs.
   */
  refill(memoryLimit: number): void {
    const queue = this.queue(memoryLimit);
    if (queue.length < POOL_DEPTH) queue.push(this.prepare(memoryLimit));
  }

  /**
   * Takes back the isolate of a session that ended cleanly (its context already released) and
   * prepares a fresh context in it: no new isolate to build. An isolate serves at most
   * MAX_SESSIONS_PER_ISOLATE sessions, and one with a large heap left over is not kept.
   */
  recycle(isolate: ivm.Isolate, memoryLimit: number): void {
    const uses = (this.uses.get(isolate) ?? 1) + 1;
    const heap = isolate.isDisposed ? Infinity : isolate.getHeapStatisticsSync().used_heap_size;
    const queue = this.queue(memoryLimit);
    if (queue.length >= POOL_DEPTH || uses > MAX_SESSIONS_PER_ISOLATE || heap > RECYCLE_HEAP_BYTES) {
      if (!isolate.isDisposed) isolate.dispose();
      this.refill(memoryLimit);
      return;
    }
    this.uses.set(isolate, uses);
    queue.push(this.prepare(memoryLimit, isolate));
  }

  private async prepare(memoryLimit: number, reused?: ivm.Isolate, snapshot?: ivm.ExternalCopy<ArrayBuffer>): Promise<PreparedIsolate> {
    const isolate = reused ?? new ivm.Isolate({ memoryLimit, snapshot: snapshot ?? this.snapshot });
    const context = await isolate.createContext();
    const port: PreparedIsolate["port"] = {};
    const refs = [
      new ivm.Reference(async (op: string, args: unknown[]) => (port.target ? port.target.onCall(op, args) : new ivm.ExternalCopy(UNCLAIMED).copyInto())),
      new ivm.Reference((op: string, args: unknown[], id: number) => port.target?.onCallAsync(op, args, id)),
      new ivm.Reference((fd: 1 | 2, data: string | Uint8Array) => port.target?.onWrite(fd, data)),
      new ivm.Reference((code: number, errorMessage?: string) => port.target?.onExit(code, errorMessage)),
      new ivm.Reference((op: string, args: unknown[]) => port.target?.onCallSync(op, args)),
    ];
    const bridge = await context.evalClosure("return { call: $0, callAsync: $1, write: $2, exit: $3, callSync: $4 };", refs, { result: { reference: true } });
    const dispatch = (await context.global.get("__secureExecDispatch", { reference: true })) as PreparedIsolate["dispatch"];
    // A compiler service's snapshot was set up already (with a stand-in bridge): it gets the real one.
    if (snapshot) await dispatch.apply(undefined, ["attach", bridge.derefInto()] as never[]);
    else await dispatch.apply(undefined, ["setup", bridge.derefInto(), new ivm.ExternalCopy(runtimeConfig({ ...PLACEHOLDER, memoryLimit })).copyInto()] as never[]);
    return { isolate, context, dispatch, port, reusable: !snapshot };
  }

  dispose(): void {
    for (const ready of [...this.ready.values()].flat()) void ready.then(({ isolate }) => !isolate.isDisposed && isolate.dispose(), () => {});
    this.ready.clear();
  }
}
