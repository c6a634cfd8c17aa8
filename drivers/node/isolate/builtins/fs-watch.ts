/**
 * Watching files. `fs.watchFile`/`unwatchFile` poll `stat` on a timer, as Node itself does (libuv's
 * fs_poll): the listener gets `(curr, prev)` when the file's stat changes, zeroed Stats while it
 * does not exist. `fs.watch` and `fs.promises.watch` need change notifications (inotify in
 * Node), which the kernel's filesystems do not have: they fail with ERR_NOT_SUPPORTED_IN_SANDBOX.
 */
import { EventEmitter } from "events";
import { call, runAsync, toPath, type FsContext } from "./fs-core.js";
import { codedError } from "../errors.js";
import { validateFunction, validateUint32 } from "./fs-errors.js";
import { BigIntStats, Stats, makeStats, type FileStat } from "./fs-stats.js";

interface Timers {
  setInterval(callback: () => void, ms: number): { ref(): unknown; unref(): unknown };
  clearInterval(handle: unknown): void;
}

const notSupported = (name: string) =>
  codedError(
    "ERR_NOT_SUPPORTED_IN_SANDBOX",
    `${name}() is not supported in the sandbox: its filesystem has no change notifications (fs.watchFile() polls and works)`,
  );

/** The fields whose change libuv's fs_poll reports. */
const COMPARED = ["type", "mode", "size", "ino", "nlink", "uid", "gid", "mtimeMs", "ctimeMs", "birthtimeMs"] as const;

function zeroStats(bigint: boolean): Stats | BigIntStats {
  return bigint ? new BigIntStats(...new Array<bigint>(22).fill(0n)) : new Stats(...new Array<number>(18).fill(0));
}

export function createWatchApi(context: FsContext, timers: Timers) {
  class StatWatcher extends EventEmitter {
    #timer: { ref(): unknown; unref(): unknown } | undefined;
    #bigint: boolean;
    #previous: FileStat | null | undefined;
    #polling = false;
    /** How many watchFile calls share this watcher (unwatchFile without a listener ends all). */
    watchers = 0;

    constructor(bigint: boolean) {
      super();
      this.#bigint = bigint;
    }

    start(path: string, persistent: boolean, interval: number): void {
      if (this.#timer) return;
      validateUint32(interval, "interval");
      this.#poll(path, true);
      this.#timer = timers.setInterval(() => this.#poll(path, false), interval);
      if (!persistent) this.#timer.unref();
    }

    stop(): void {
      if (!this.#timer) return;
      timers.clearInterval(this.#timer);
      this.#timer = undefined;
      this.emit("stop");
    }

    ref(): this {
      this.#timer?.ref();
      return this;
    }

    unref(): this {
      this.#timer?.unref();
      return this;
    }

    #poll(path: string, first: boolean): void {
      if (this.#polling) return;
      this.#polling = true;
      const program = (function* () {
        try {
          return (yield call("stat", path)) as FileStat;
        } catch {
          return null;
        }
      })();
      runAsync(context.runtime, program, (_error, current) => {
        this.#polling = false;
        if (!this.#timer && !first) return;
        const previous = this.#previous;
        this.#previous = current ?? null;
        // The first look only sets the baseline, unless the file is missing (reported once, zeroed).
        if (previous === undefined ? current !== null : !changed(previous, current ?? null)) return;
        this.emit("change", this.#stats(current ?? null), this.#stats(previous ?? null));
      });
    }

    #stats(stat: FileStat | null): Stats | BigIntStats {
      return stat ? makeStats(stat, this.#bigint) : zeroStats(this.#bigint);
    }
  }

  function changed(a: FileStat | null, b: FileStat | null): boolean {
    if (a === null || b === null) return a !== b;
    return COMPARED.some((key) => a[key] !== b[key]);
  }

  const watchers = new Map<string, StatWatcher>();
  const key = (filename: unknown) => toPath(filename, "filename");

  function watchFile(filename: unknown, options: unknown, listener?: unknown): StatWatcher {
    const path = key(filename);
    if (typeof options === "function") {
      listener = options;
      options = undefined;
    }
    const settings = { interval: 5007, persistent: true, bigint: false, ...(options as object | undefined) };
    validateFunction(listener, "listener");
    let watcher = watchers.get(path);
    if (!watcher) {
      watcher = new StatWatcher(Boolean(settings.bigint));
      watcher.start(path, Boolean(settings.persistent), settings.interval);
      watchers.set(path, watcher);
    }
    watcher.watchers++;
    watcher.addListener("change", listener as (...args: unknown[]) => void);
    return watcher;
  }

  function unwatchFile(filename: unknown, listener?: unknown): void {
    const path = key(filename);
    const watcher = watchers.get(path);
    if (!watcher) return;
    if (typeof listener === "function") {
      const before = watcher.listenerCount("change");
      watcher.removeListener("change", listener as (...args: unknown[]) => void);
      if (watcher.listenerCount("change") < before) watcher.watchers--;
    } else {
      watcher.removeAllListeners("change");
      watcher.watchers = 0;
    }
    if (watcher.listenerCount("change") === 0) {
      watcher.stop();
      watchers.delete(path);
    }
  }

  return {
    fs: {
      watch(): never {
        throw notSupported("fs.watch");
      },
      watchFile,
      unwatchFile,
    },
    promises: {
      /** An async generator, as Node's: the failure comes with the first `next()`. */
      watch: async function* watch(): AsyncGenerator<never> {
        throw notSupported("fs.promises.watch");
      },
    },
  };
}
