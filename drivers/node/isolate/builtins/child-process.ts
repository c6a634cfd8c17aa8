/**
 * `child_process` for the sandbox: children are processes of the same kernel (any mounted
 * command), reached through pipes; nothing runs on the host. `fork` is refused: it would need an
 * IPC channel between isolates.
 */
import { Buffer } from "buffer";
import { EventEmitter } from "events";
import { codedError } from "../errors.js";
import type { BuiltinContext } from "./index.js";
import { createStream } from "./stream.js";

interface Started {
  pid: number;
  stdin: number;
  stdout: number;
  stderr: number;
}

interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  shell?: boolean | string;
  encoding?: string;
  input?: string | Uint8Array;
  timeout?: number;
  maxBuffer?: number;
  stdio?: unknown;
}

type Readable = EventEmitter & { push(chunk: unknown): boolean; setEncoding(encoding: string): unknown };
type Writable = EventEmitter & { write(chunk: unknown): boolean; end(): void };

function commandLine(file: string, args: readonly string[], shell: boolean | string | undefined): string[] {
  if (!shell) return [file, ...args];
  const command = [file, ...args].join(" ");
  return [typeof shell === "string" ? shell : "sh", "-c", command];
}

/** A child that could not start, described as Node does: `spawn cmd ENOENT`, `path`, `spawnargs`. */
function spawnFailure(error: unknown, syscall: "spawn" | "spawnSync", argv: string[]): Error {
  const failure = error as Error & { code?: string; syscall?: string; path?: string; spawnargs?: string[] };
  failure.syscall = `${syscall} ${argv[0]}`;
  failure.path = argv[0];
  failure.spawnargs = argv.slice(1);
  failure.message = `${syscall} ${argv[0]} ${failure.code ?? "EIO"}`;
  return failure;
}

export function createChildProcess(context: BuiltinContext): Record<string, unknown> {
  const { runtime, global } = context;
  const process = global.process as { env: Record<string, string>; cwd(): string; stderr: { write(data: unknown): void } };
  const stream = createStream(context) as unknown as {
    Readable: new (options: object) => Readable;
    Writable: new (options: object) => Writable;
  };

  const readable = (fd: number): Readable =>
    new stream.Readable({
      read(this: Readable) {
        runtime.callAsync("read", [fd, 65536], (error, value) => {
          if (error) return void (this as unknown as { destroy(e: Error): void }).destroy(error);
          const chunk = value as Uint8Array;
          if (chunk.byteLength === 0) {
            runtime.callAsync("close", [fd], () => {});
            this.push(null);
          } else this.push(Buffer.from(chunk.buffer as ArrayBuffer, chunk.byteOffset, chunk.byteLength));
        });
      },
    });

  const writable = (fd: number): Writable =>
    new stream.Writable({
      write(chunk: Uint8Array, _encoding: string, callback: (error?: Error | null) => void) {
        runtime.callAsync("write", [fd, chunk], (error) => callback(error));
      },
      final(callback: (error?: Error | null) => void) {
        runtime.callAsync("close", [fd], () => callback());
      },
    });

  class ChildProcess extends EventEmitter {
    pid: number | undefined;
    stdin: Writable | null = null;
    stdout: Readable | null = null;
    stderr: Readable | null = null;
    exitCode: number | null = null;
    signalCode: string | null = null;
    killed = false;
    spawnfile: string;
    spawnargs: string[];

    constructor(argv: string[]) {
      super();
      this.spawnfile = argv[0]!;
      this.spawnargs = argv;
    }

    kill(signal: string | number = "SIGTERM"): boolean {
      if (this.pid === undefined || this.exitCode !== null || this.signalCode !== null) return false;
      try {
        runtime.call("childKill", this.pid, signal);
        this.killed = true;
        return true;
      } catch {
        return false;
      }
    }

    ref(): void {}
    unref(): void {}
  }

  function spawn(file: unknown, args?: unknown, options?: unknown): ChildProcess {
    if (typeof file !== "string" || file === "") throw codedError("ERR_INVALID_ARG_TYPE", `The "file" argument must be of type string. Received ${typeof file}`, TypeError);
    const list = Array.isArray(args) ? args.map(String) : [];
    const opts = ((Array.isArray(args) ? options : args) ?? {}) as SpawnOptions;
    const argv = commandLine(file, list, opts.shell);
    const child = new ChildProcess(argv);
    let started: Started;
    try {
      started = runtime.call<Started>("childSpawn", { argv, env: { ...(opts.env ?? process.env) }, cwd: opts.cwd ?? process.cwd() });
    } catch (error) {
      const failure = spawnFailure(error, "spawn", argv);
      // As Node: the failure to start comes as an 'error' event, after spawn() returned.
      (global.process as { nextTick(fn: () => void): void }).nextTick(() => child.emit("error", failure));
      return child;
    }
    child.pid = started.pid;
    child.stdin = writable(started.stdin);
    child.stdout = readable(started.stdout);
    child.stderr = readable(started.stderr);
    let open = 2;
    let exited = false;
    const maybeClose = () => {
      if (exited && open === 0) child.emit("close", child.exitCode, child.signalCode);
    };
    for (const output of [child.stdout, child.stderr]) {
      output.on("close", () => {
        open--;
        maybeClose();
      });
    }
    (global.process as { nextTick(fn: () => void): void }).nextTick(() => child.emit("spawn"));
    runtime.callAsync("childWait", [started.pid], (error, value) => {
      const status = (value ?? { exitCode: 1 }) as { exitCode: number; signal?: string };
      if (error) child.emit("error", error);
      child.exitCode = status.signal ? null : status.exitCode;
      child.signalCode = status.signal ?? null;
      exited = true;
      child.emit("exit", child.exitCode, child.signalCode);
      maybeClose();
    });
    return child;
  }

  function collect(child: ChildProcess, options: SpawnOptions, command: string, callback?: (error: Error | null, stdout: unknown, stderr: unknown) => void): ChildProcess {
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    child.stdout?.on("data", (chunk: Uint8Array) => out.push(chunk));
    child.stderr?.on("data", (chunk: Uint8Array) => err.push(chunk));
    const encoding = options.encoding ?? "utf8";
    const decode = (chunks: Uint8Array[]) => {
      const buffer = Buffer.concat(chunks);
      return encoding === "buffer" ? buffer : buffer.toString(encoding as "utf8");
    };
    child.on("error", (error: Error) => callback?.(error, decode(out), decode(err)));
    child.on("close", (code: number | null, signal: string | null) => {
      if (!callback) return;
      if (code === 0) return callback(null, decode(out), decode(err));
      const stderr = decode(err);
      const error = Object.assign(new Error(`Command failed: ${command}\n${typeof stderr === "string" ? stderr : ""}`), { code, killed: child.killed, signal, cmd: command });
      callback(error, decode(out), stderr);
    });
    return child;
  }

  function exec(command: unknown, options?: unknown, callback?: unknown): ChildProcess {
    const done = (typeof options === "function" ? options : callback) as ((e: Error | null, o: unknown, s: unknown) => void) | undefined;
    const opts = (typeof options === "object" && options ? options : {}) as SpawnOptions;
    return collect(spawn(String(command), [], { ...opts, shell: opts.shell ?? true }), opts, String(command), done);
  }

  function execFile(file: unknown, args?: unknown, options?: unknown, callback?: unknown): ChildProcess {
    const list = Array.isArray(args) ? args.map(String) : [];
    const rest = [args, options, callback].filter((value) => !Array.isArray(value));
    const done = rest.find((value) => typeof value === "function") as ((e: Error | null, o: unknown, s: unknown) => void) | undefined;
    const opts = (rest.find((value) => typeof value === "object" && value) ?? {}) as SpawnOptions;
    return collect(spawn(String(file), list, opts), opts, [file, ...list].join(" "), done);
  }

  function spawnSync(file: unknown, args?: unknown, options?: unknown): Record<string, unknown> {
    const list = Array.isArray(args) ? args.map(String) : [];
    const opts = ((Array.isArray(args) ? options : args) ?? {}) as SpawnOptions;
    const argv = commandLine(String(file), list, opts.shell);
    try {
      const result = runtime.call<{ pid: number; status: number | null; signal: string | null; stdout: Uint8Array; stderr: Uint8Array; timedOut: boolean }>(
        "childRunSync",
        { argv, env: { ...(opts.env ?? process.env) }, cwd: opts.cwd ?? process.cwd() },
        { input: typeof opts.input === "string" ? opts.input : opts.input ? new Uint8Array(opts.input) : undefined, timeout: opts.timeout, maxBuffer: opts.maxBuffer },
      );
      const encode = (bytes: Uint8Array) => {
        const buffer = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
        return opts.encoding && opts.encoding !== "buffer" ? buffer.toString(opts.encoding as "utf8") : buffer;
      };
      const stdout = encode(result.stdout);
      const stderr = encode(result.stderr);
      return { pid: result.pid, output: [null, stdout, stderr], stdout, stderr, status: result.status, signal: result.signal };
    } catch (error) {
      return { pid: 0, output: null, stdout: null, stderr: null, status: null, signal: null, error: spawnFailure(error, "spawnSync", argv) };
    }
  }

  function checkSync(result: Record<string, unknown>, command: string, options: SpawnOptions): unknown {
    if (result.error) throw result.error;
    // Node's execSync lets the child's stderr through to the parent's unless it is piped.
    const stderr = result.stderr as Uint8Array | string;
    if (options.stdio === undefined && stderr && stderr.length > 0) process.stderr.write(stderr);
    if (result.status !== 0) {
      const error = Object.assign(new Error(`Command failed: ${command}${typeof stderr === "string" && stderr ? `\n${stderr}` : stderr ? `\n${Buffer.from(stderr as Uint8Array).toString()}` : ""}`), {
        status: result.status,
        signal: result.signal,
        output: result.output,
        pid: result.pid,
        stdout: result.stdout,
        stderr: result.stderr,
      });
      throw error;
    }
    return result.stdout;
  }

  return {
    ChildProcess,
    spawn,
    exec,
    execFile,
    spawnSync,
    execSync: (command: unknown, options?: unknown) => {
      const opts = (options ?? {}) as SpawnOptions;
      return checkSync(spawnSync(String(command), [], { ...opts, shell: opts.shell ?? true }), String(command), opts);
    },
    execFileSync: (file: unknown, args?: unknown, options?: unknown) => {
      const list = Array.isArray(args) ? args.map(String) : [];
      const opts = ((Array.isArray(args) ? options : args) ?? {}) as SpawnOptions;
      return checkSync(spawnSync(String(file), list, opts), [file, ...list].join(" "), opts);
    },
    fork: () => {
      throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", "child_process.fork() is not supported in the sandbox (no IPC channel between isolates); use spawn('node', [file])");
    },
  };
}
