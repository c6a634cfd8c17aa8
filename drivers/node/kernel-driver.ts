/**
 * `createNodeRuntime()`: the `node` command for a kernel. `node -e CODE`, `node -p EXPR`,
 * `node FILE`, `node` reading its script from stdin, `node --version`. Each process is one
 * sandbox session; its argv, env, cwd and stdio are the kernel process's.
 */
import { posix } from "node:path";
import type { DriverHost, ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import type { FileSystem, FileSystemBackend } from "../../syscalls/fs-types.js";
import { hostDirectoryRoot } from "../../fs/host-dir.js";
import { MODULE_OVERLAY_PATH, createModuleOverlay, type ModuleOverlayOption } from "./overlay.js";
import type { OutputChunk, SessionEntry, SessionResult } from "./protocol.js";
import { resolveLimits, type NodeRuntimeOptions } from "./options.js";
import { createSyscallGateway } from "./syscall-gateway.js";
import { sharedV8Runtime } from "./v8-runtime.js";

export const DRIVER_NAME = "node";
/** The sandbox reports the version of the Node that runs its V8 host (the application's). */
export const NODE_VERSION = globalThis.process.version;
const EXEC_PATH = "/usr/local/bin/node";

const USAGE = `Usage: node [options] [ -e script | script.js | - ] [arguments]
       node --version
Options supported in the sandbox: -e/--eval, -p/--print, --input-type=commonjs|module, --, -v/--version, -h/--help
`;

type Parsed = { kind: "version" } | { kind: "help" } | { kind: "error"; message: string } | { kind: "run"; entry: SessionEntry | "stdin"; args: string[]; inputType?: string };

export function parseNodeArgs(argv: readonly string[]): Parsed {
  let inputType: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-v" || arg === "--version") return { kind: "version" };
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "-e" || arg === "--eval" || arg === "-p" || arg === "--print" || arg === "-pe") {
      const code = argv[i + 1];
      if (code === undefined) return { kind: "error", message: `${arg} requires an argument` };
      const print = arg !== "-e" && arg !== "--eval";
      return { kind: "run", entry: { kind: "eval", code, print }, args: argv.slice(i + 2), inputType };
    }
    if (arg.startsWith("--eval=") || arg.startsWith("--print=")) {
      const print = arg.startsWith("--print=");
      return { kind: "run", entry: { kind: "eval", code: arg.slice(arg.indexOf("=") + 1), print }, args: argv.slice(i + 1), inputType };
    }
    if (arg.startsWith("--input-type=")) {
      inputType = arg.slice("--input-type=".length);
      if (inputType !== "module" && inputType !== "commonjs") return { kind: "error", message: `--input-type must be "module" or "commonjs"` };
      continue;
    }
    if (arg === "-") return { kind: "run", entry: "stdin", args: argv.slice(i + 1), inputType };
    if (arg === "--") {
      const file = argv[i + 1];
      return file === undefined ? { kind: "run", entry: "stdin", args: [], inputType } : { kind: "run", entry: { kind: "file", path: file }, args: argv.slice(i + 2), inputType };
    }
    if (arg.startsWith("-")) return { kind: "error", message: `bad option: ${arg}` };
    return { kind: "run", entry: { kind: "file", path: arg }, args: argv.slice(i + 1), inputType };
  }
  return { kind: "run", entry: "stdin", args: [], inputType };
}

export interface NodeSessionOptions {
  entry: SessionEntry;
  argv: string[];
  /** Where output goes; by default the process's stdout and stderr. */
  onOutput?: (chunks: OutputChunk[]) => void;
}

/** The runtime behind the `node` command and `NodeRuntime`: runs sessions for kernel processes. */
export interface NodeDriver extends RuntimeDriver {
  runSession(process: ProcessContext, session: NodeSessionOptions): Promise<SessionResult>;
}

export interface NodeKernelRuntimeOptions extends NodeRuntimeOptions {
  /**
   * Mounts the read-only host `node_modules` overlay at `/app/node_modules` of the kernel it is
   * mounted into: `true` finds the nearest `node_modules` from `process.cwd()` upward, `{ root }`
   * names it. (`NodeRuntime` mounts it by default through `createNodeDriver`.) @default false
   */
  moduleOverlay?: ModuleOverlayOption;
}

/**
 * `{ overlayRoot }` when the kernel's /app/node_modules is a plain host directory (the overlay,
 * not wrapped by a permission guard) with nothing mounted below it, checked at each session
 * start: then the V8 host may read it directly (see SessionSpec.overlayRoot).
 */
function overlayServedByHost(filesystem: FileSystem | undefined): { overlayRoot?: string } {
  const mounts = (filesystem as { mounts?: () => Array<{ path: string; filesystem: object }> } | undefined)?.mounts?.();
  const entry = mounts?.find((mount) => mount.path === MODULE_OVERLAY_PATH);
  if (!entry || mounts!.some((mount) => mount.path.startsWith(`${MODULE_OVERLAY_PATH}/`))) return {};
  const root = hostDirectoryRoot(entry.filesystem);
  return root === undefined ? {} : { overlayRoot: root };
}

export function createNodeRuntime(options: NodeKernelRuntimeOptions = {}): NodeDriver {
  const limits = resolveLimits(options);
  const overlay = options.moduleOverlay ? createModuleOverlay(options.moduleOverlay) : undefined;
  const v8 = (): ReturnType<typeof sharedV8Runtime> => options.v8Runtime ?? sharedV8Runtime();

  /** The kernel's filesystem, from `init`. */
  let kernelFilesystem: FileSystem | undefined;

  const runSession = async (process: ProcessContext, session: NodeSessionOptions): Promise<SessionResult> => {
    const gateway = createSyscallGateway(process.sys);
    let writes = Promise.resolve();
    const output =
      session.onOutput ??
      ((chunks: OutputChunk[]) => {
        // Keep the order of writes and let pipe backpressure slow nothing but this queue.
        for (const chunk of chunks) writes = writes.then(() => (chunk.fd === 1 ? process.stdout : process.stderr).write(chunk.data)).catch(() => {});
      });
    const handle = v8().startSession(
      {
        entry: session.entry,
        argv: session.argv,
        env: { ...process.env },
        cwd: process.cwd,
        pid: process.pid,
        ppid: process.ppid,
        ...limits,
        stdinIsTTY: false,
        stdoutIsTTY: process.stdout.isTTY,
        stderrIsTTY: process.stderr.isTTY,
        ...overlayServedByHost(kernelFilesystem),
      },
      { call: gateway, output },
    );
    const onAbort = () => handle.kill();
    process.signal.addEventListener("abort", onAbort, { once: true });
    try {
      const result = await handle.result;
      await writes;
      return result;
    } finally {
      process.signal.removeEventListener("abort", onAbort);
    }
  };

  return {
    name: DRIVER_NAME,
    commands: ["node"],
    runSession,
    init(host: DriverHost) {
      kernelFilesystem = host.filesystem;
      if (!overlay) return;
      // The kernel's composed filesystem takes mounts; a driver host without that refuses.
      const mountable = host.filesystem as { mount?: (path: string, filesystem: FileSystemBackend) => void };
      if (typeof mountable.mount !== "function") {
        throw Object.assign(new Error(`This kernel cannot mount the node_modules overlay; mount it with kernel.mountFileSystem("${overlay.path}", ...)`), { code: "ERR_INVALID_STATE" });
      }
      mountable.mount(overlay.path, overlay.filesystem);
    },
    async run(process) {
      const parsed = parseNodeArgs(process.argv.slice(1));
      switch (parsed.kind) {
        case "version":
          await process.stdout.write(`${NODE_VERSION}\n`);
          return 0;
        case "help":
          await process.stdout.write(USAGE);
          return 0;
        case "error":
          await process.stderr.write(`node: ${parsed.message}\n`);
          return 9;
      }
      let entry: SessionEntry;
      let scriptArgv: string[];
      if (parsed.entry === "stdin") {
        entry = { kind: "eval", code: await process.stdin.text(), filePath: "[stdin]" };
        scriptArgv = [EXEC_PATH, ...parsed.args];
      } else if (parsed.entry.kind === "file") {
        entry = parsed.entry;
        scriptArgv = [EXEC_PATH, posix.resolve(process.cwd, parsed.entry.path), ...parsed.args];
      } else {
        entry = parsed.entry;
        scriptArgv = [EXEC_PATH, ...parsed.args];
      }
      if (parsed.inputType === "module" && entry.kind === "eval") entry = { kind: "module", code: entry.code, filePath: `${process.cwd}/[eval1].mjs` };
      const result = await runSession(process, { entry, argv: scriptArgv });
      if (result.errorMessage && (result.limit || result.crashed)) await process.stderr.write(`node: ${result.errorMessage}\n`).catch(() => {});
      return result.code;
    },
  };
}

