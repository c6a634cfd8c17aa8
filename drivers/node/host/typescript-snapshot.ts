/**
 * V8 snapshots for the TypeScript compiler service (drivers/typescript/compiler-program.ts): the
 * in-isolate runtime with `typescript` loaded and the default lib files parsed and bound, so a
 * compiler service starts with the work of its first check done (about 0.5 s with the DOM libs).
 *
 * One is built per V8 host and node_modules root, in a child process (about 2 s, off this
 * process's event loop), when the first compiler service of that root starts; that service and
 * any started before the snapshot is ready start as before. It is used only while the files it
 * was built from are unchanged (sizes and times of typescript's package.json, typescript.js and
 * lib files), read through the host directory filesystem, the same containment as the overlay.
 *
 * In the snapshot, the runtime was set up with a stand-in bridge that answers the module loader
 * from those files (anything else: ENOENT); a session's isolate gets the V8 host's bridge with
 * `attach` instead of `setup`.
 */
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import ivm from "isolated-vm";
import { createHostDirectoryFileSystem } from "../../../fs/host-dir.js";
import type { SyncFileSystem } from "../../../syscalls/fs-types.js";
import { SERVICE_PROGRAM, SERVICE_WARMUP } from "../../typescript/compiler-program.js";
import { MODULE_OVERLAY_PATH } from "../overlay.js";
import type { SessionSpec } from "../protocol.js";

const PACKAGE = "/typescript";
/** A snapshot build takes 2-5 s on a busy 2-core machine. */
const BUILD_TIMEOUT_MS = 120_000;
const LIB = `${PACKAGE}/lib`;

/** Whether a session is a compiler service that a snapshot can start. */
export function isTypeScriptService(spec: SessionSpec): boolean {
  return spec.entry.kind === "eval" && spec.entry.code === SERVICE_PROGRAM && spec.overlayRoot !== undefined;
}

type Build = { state: "building" } | { state: "failed" } | { state: "ready"; snapshot: ivm.ExternalCopy<ArrayBuffer>; fingerprint: string };
const builds = new Map<string, Build>();

/**
 * The snapshot for this node_modules root, when one is ready and its files are unchanged;
 * otherwise undefined, and a build starts if none is under way.
 */
export function typeScriptSnapshot(root: string, runtimeSource: string, config: Record<string, unknown>): ivm.ExternalCopy<ArrayBuffer> | undefined {
  const build = builds.get(root);
  if (build?.state === "building" || build?.state === "failed") return undefined;
  let overlay: SyncFileSystem;
  let fingerprint: string;
  try {
    overlay = createHostDirectoryFileSystem({ root }).sync;
    fingerprint = fingerprintOf(overlay);
  } catch {
    return undefined;
  }
  if (build?.state === "ready" && build.fingerprint === fingerprint) return build.snapshot;
  if (build?.state === "ready") build.snapshot.release();
  startBuild(root, overlay, fingerprint, runtimeSource, config);
  return undefined;
}

function libNames(overlay: SyncFileSystem): string[] {
  return overlay.readdir(LIB).filter((name) => /^lib(?:\..*)?\.d\.ts$/.test(name));
}

function fingerprintOf(overlay: SyncFileSystem): string {
  const files = [`${PACKAGE}/package.json`, `${LIB}/typescript.js`, ...libNames(overlay).map((name) => `${LIB}/${name}`)];
  return files.map((file) => {
    const stat = overlay.stat(file);
    return `${file}:${stat.size}:${stat.mtimeMs}`;
  }).join("\n");
}

function startBuild(root: string, overlay: SyncFileSystem, fingerprint: string, runtimeSource: string, config: Record<string, unknown>): void {
  let script: string;
  try {
    script = warmupScript(overlay, config);
  } catch {
    builds.set(root, { state: "failed" });
    return;
  }
  builds.set(root, { state: "building" });
  // In a process of its own: V8 ends a process that asks it to snapshot what it cannot hold.
  const child = spawn(process.execPath, [...process.execArgv, "-e", BUILDER], { stdio: ["pipe", "pipe", "ignore"] });
  // Behind the sessions that are running: it is an investment, not something anyone waits for.
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 19);
    } catch {
      // Not allowed here: it runs at the usual priority.
    }
  }
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.on("error", () => builds.set(root, { state: "failed" }));
  child.on("close", (code) => {
    const bytes = Buffer.concat(chunks);
    if (code !== 0 || bytes.byteLength === 0) {
      builds.set(root, { state: "failed" });
      return;
    }
    builds.set(root, { state: "ready", snapshot: new ivm.ExternalCopy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), fingerprint });
  });
  // A build that does not finish in time is abandoned (services start as before).
  setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS).unref();
  child.stdin.on("error", () => {});
  child.stdin.end(JSON.stringify({ ivm: createRequire(import.meta.url).resolve("isolated-vm"), scripts: [{ code: runtimeSource, filename: "secure-exec:runtime" }, { code: script, filename: "secure-exec:typescript-warmup" }] }));
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
}

/** Reads the scripts on stdin, writes the snapshot's bytes to stdout. */
const BUILDER = `"use strict";
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const { ivm: path, scripts } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const ivm = require(path);
  const bytes = Buffer.from(ivm.Isolate.createSnapshot(scripts).copy());
  process.stdout.write(bytes, () => process.exit(0));
});`;

/**
 * Runs after the runtime bundle: sets the runtime up with a bridge that answers from typescript's
 * files (read here, through the overlay's containment), then runs the service's warm-up as the
 * entry of a session.
 */
function warmupScript(overlay: SyncFileSystem, config: Record<string, unknown>): string {
  const decoder = new TextDecoder();
  const files: Record<string, string> = {};
  for (const file of [`${PACKAGE}/package.json`, `${LIB}/typescript.js`]) files[`${MODULE_OVERLAY_PATH}${file}`] = decoder.decode(overlay.readFile(file));
  const libs: Record<string, string> = {};
  for (const name of libNames(overlay)) libs[name] = decoder.decode(overlay.readFile(`${LIB}/${name}`));
  const directories = ["/app", MODULE_OVERLAY_PATH, `${MODULE_OVERLAY_PATH}${PACKAGE}`, `${MODULE_OVERLAY_PATH}${LIB}`];
  // lib.d.ts is found by require.resolve: its type is enough.
  const typesOnly = Object.keys(libs).map((name) => `${MODULE_OVERLAY_PATH}${LIB}/${name}`);
  const entryConfig = { ...config, spec: { ...(config.spec as object), entry: { kind: "eval", code: SERVICE_WARMUP } } };
  return `(() => {
  const FILES = ${JSON.stringify(files)};
  const DIRECTORIES = new Set(${JSON.stringify(directories)});
  const TYPES_ONLY = new Set(${JSON.stringify(typesOnly)});
  const missing = { ok: false, error: { name: "Error", code: "ENOENT", errno: -2, syscall: "stat", message: "ENOENT: no such file or directory" } };
  const ok = (value) => ({ ok: true, value });
  const errors = [];
  const typeOf = (path) => (path in FILES || TYPES_ONLY.has(path) ? "file" : DIRECTORIES.has(path) ? "directory" : null);
  const answer = (op, args) => {
    const path = args[0];
    switch (op) {
      case "probeFile": {
        const type = typeOf(path);
        if (type === null) return ok(null);
        const text = FILES[path];
        return ok(text !== undefined && text.length <= 1048576 ? { type, real: path, text } : { type, real: path });
      }
      case "statType": return ok(typeOf(path));
      case "realpath": return typeOf(path) === null ? missing : ok(path);
      case "readTextFile": return path in FILES ? ok(FILES[path]) : missing;
      // Compiled here, without the import() lexer: its asm.js module would be WebAssembly, which
      // V8 cannot put in a snapshot (typescript.js is a CommonJS bundle with no import() calls).
      case "moduleCode":
        globalThis.__secureExecCompiled = (0, eval)(args[1] + args[2] + "\\n})\\n//# sourceURL=" + path);
        return ok({ compiled: true });
      default: return missing;
    }
  };
  const raw = {
    call: { applySyncPromise: (_, [op, args]) => answer(op, args) },
    callAsync: { applyIgnored() {} },
    write: { applyIgnored: (_, [fd, data]) => { if (fd === 2) errors.push(String(data)); } },
    exit: { applySync() {} },
    callSync: { applySync: () => undefined },
  };
  const dispatch = globalThis.__secureExecDispatch;
  const config = ${JSON.stringify(entryConfig)};
  dispatch("setup", raw, config);
  globalThis.__secureExecWarmupLibs = ${JSON.stringify(libs)};
  dispatch("start", config);
  delete globalThis.__secureExecWarmupLibs;
  if (dispatch("settle").failed) throw new Error("the TypeScript warm-up failed: " + errors.join("").slice(0, 2000));
  const state = globalThis.__secureExecTypeScriptService;
  if (!state || state.libCache.size === 0) throw new Error("the TypeScript warm-up did not run");
})();`;
}
