/**
 * `fs.opendir`, `opendirSync` and `fs.promises.opendir`: a `Dir` over a directory's entries,
 * read when it is opened (the kernel has no directory handles), handed out one at a time.
 */
import type { Dirent } from "./fs-stats.js";

type Readdir = (path: unknown, options: { withFileTypes: true }) => Dirent[];

export class Dir {
  #entries: Dirent[];
  #closed = false;
  readonly path: string;

  constructor(path: string, entries: Dirent[]) {
    this.path = path;
    this.#entries = entries;
  }

  #check(): void {
    if (this.#closed) throw Object.assign(new Error("Directory handle was closed"), { code: "ERR_DIR_CLOSED" });
  }

  readSync(): Dirent | null {
    this.#check();
    return this.#entries.shift() ?? null;
  }

  read(callback?: (error: Error | null, entry: Dirent | null) => void): Promise<Dirent | null> | undefined {
    if (typeof callback === "function") {
      let entry: Dirent | null = null;
      let failure: Error | null = null;
      try {
        entry = this.readSync();
      } catch (error) {
        failure = error as Error;
      }
      Promise.resolve().then(() => callback(failure, entry));
      return undefined;
    }
    try {
      return Promise.resolve(this.readSync());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  closeSync(): void {
    this.#check();
    this.#closed = true;
  }

  close(callback?: (error: Error | null) => void): Promise<void> | undefined {
    let failure: Error | null = null;
    try {
      this.closeSync();
    } catch (error) {
      failure = error as Error;
    }
    if (typeof callback === "function") {
      Promise.resolve().then(() => callback(failure));
      return undefined;
    }
    return failure ? Promise.reject(failure) : Promise.resolve();
  }

  async *entries(): AsyncGenerator<Dirent> {
    try {
      for (let entry = this.readSync(); entry; entry = this.readSync()) yield entry;
    } finally {
      if (!this.#closed) this.closeSync();
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<Dirent> {
    return this.entries();
  }
}

export function createOpendir(readdirSync: Readdir) {
  const open = (path: unknown): Dir => {
    try {
      return new Dir(String(path), readdirSync(path, { withFileTypes: true }));
    } catch (error) {
      // Node names the call that failed `opendir`, not the `scandir` done here.
      const failed = error as { syscall?: string; message?: string };
      if (failed?.syscall === "scandir") {
        failed.syscall = "opendir";
        failed.message = String(failed.message).replace(", scandir ", ", opendir ");
        if (typeof (failed as Error).stack === "string") (failed as Error).stack = (failed as Error).stack!.replace(", scandir ", ", opendir ");
      }
      throw error;
    }
  };
  return {
    opendirSync: (path: unknown) => open(path),
    opendir(path: unknown, options: unknown, callback?: unknown) {
      const done = (typeof options === "function" ? options : callback) as (error: Error | null, dir?: Dir) => void;
      let dir: Dir | undefined;
      let failure: Error | null = null;
      try {
        dir = open(path);
      } catch (error) {
        failure = error as Error;
      }
      Promise.resolve().then(() => done(failure, dir));
    },
    promisesOpendir: async (path: unknown) => open(path),
  };
}
