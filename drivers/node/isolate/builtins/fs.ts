/**
 * `fs` and `fs/promises` for the sandbox, over the kernel's filesystem syscalls. Relative paths
 * go to the kernel as they are: it resolves them against the process's cwd and reports errors
 * with the path as given, as Node does. `fs.watch` is not offered (see fs-watch.ts).
 */
import type { BuiltinContext } from "./index.js";
import { createCallbackApi } from "./fs-callback.js";
import type { FsContext } from "./fs-core.js";
import { createDirOps } from "./fs-ops-dirs.js";
import { createFileOps } from "./fs-ops-files.js";
import { createPathOps } from "./fs-ops-paths.js";
import { createPromisesApi } from "./fs-promises.js";
import { Dirent, Stats, constants } from "./fs-stats.js";
import { createSyncApi } from "./fs-sync.js";
import { Dir, createOpendir } from "./fs-dir.js";
import { createFileStreams } from "./fs-streams.js";
import { createCpApi } from "./fs-cp.js";
import { createGlobApi } from "./fs-glob.js";
import { createWatchApi } from "./fs-watch.js";
import { createOpenAsBlob } from "./fs-blob.js";
import { createStream } from "./stream.js";

interface FsModule {
  promises: Record<string, unknown>;
  [key: string]: unknown;
}

const modules = new WeakMap<object, FsModule>();

function createOps(context: FsContext) {
  return { ...createPathOps(context), ...createDirOps(context), ...createFileOps(context) };
}

/** Every operation, as a validating function that returns its program. */
export type FsOps = ReturnType<typeof createOps>;

/** Names every function after its key, as Node's are (`fs.readFileSync.name`). */
function named<T extends Record<string, unknown>>(api: T): T {
  for (const [key, value] of Object.entries(api)) {
    if (typeof value === "function" && value.name !== key && !/^[A-Z]/.test(key)) {
      Object.defineProperty(value, "name", { value: key, configurable: true });
    }
  }
  return api;
}

export function createFs(builtins: BuiltinContext): FsModule {
  const existing = modules.get(builtins.runtime);
  if (existing) return existing;
  const process = builtins.global.process as { cwd(): string; emitWarning(message: string, type: string, code: string): void };
  const warned = new Set<string>();
  const context: FsContext = {
    runtime: builtins.runtime,
    cwd: () => process.cwd(),
    fdPaths: new Map(),
    warn(message, type, code) {
      if (warned.has(code)) return;
      warned.add(code);
      process.emitWarning(message, type, code);
    },
  };
  const ops = createOps(context);
  const promises = named(createPromisesApi(context, ops));
  const sync = named(createSyncApi(context, ops));
  const { opendirSync, opendir, promisesOpendir } = createOpendir(sync.readdirSync as never);
  promises.opendir = promisesOpendir;
  const cpApi = createCpApi(context);
  const globApi = createGlobApi(context);
  const watchApi = createWatchApi(context, builtins.global as never);
  Object.assign(promises, cpApi.promises, globApi.promises, watchApi.promises);
  const fs: FsModule = {
    ...named(createCallbackApi(context, ops)),
    ...sync,
    opendirSync,
    opendir,
    ...cpApi.fs,
    ...globApi.fs,
    ...watchApi.fs,
    Dir,
    Dirent,
    Stats,
    // Present as keys, undefined as values: Node 22 on Linux has no lchmod.
    lchmod: undefined,
    lchmodSync: undefined,
    F_OK: constants.F_OK,
    R_OK: constants.R_OK,
    W_OK: constants.W_OK,
    X_OK: constants.X_OK,
    constants,
    promises,
  };
  // Streams load the stream builtin only when first used.
  let fileStreams: ReturnType<typeof createFileStreams> | undefined;
  const streams = () => (fileStreams ??= createFileStreams(fs as never, createStream(builtins) as never));
  Object.defineProperties(fs, {
    ReadStream: { get: () => streams().ReadStream, enumerable: true, configurable: true },
    WriteStream: { get: () => streams().WriteStream, enumerable: true, configurable: true },
  });
  fs.openAsBlob = createOpenAsBlob(context, ops, builtins.global.Blob as never);
  fs.createReadStream = (path: unknown, options?: unknown) => streams().createReadStream(path, options);
  fs.createWriteStream = (path: unknown, options?: unknown) => streams().createWriteStream(path, options);
  modules.set(builtins.runtime, fs);
  return fs;
}

export function createFsPromises(builtins: BuiltinContext): Record<string, unknown> {
  return createFs(builtins).promises;
}
