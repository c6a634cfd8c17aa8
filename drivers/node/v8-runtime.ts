/**
 * `createV8Runtime()`: a handle on one V8 host process, started on first use, replaced after a
 * crash (the sessions it was running end with a clear error), and unreferenced while idle so it
 * never keeps the application's event loop alive.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BridgeReply, HostEvent, HostRequest, OutputChunk, SessionResult, SessionSpec } from "./protocol.js";

export interface SessionHandlers {
  /** Answers a syscall of the sandbox. */
  call(op: string, args: unknown[]): Promise<BridgeReply>;
  output(chunks: OutputChunk[]): void;
}

export interface SessionHandle {
  readonly result: Promise<SessionResult>;
  kill(): void;
}

export interface V8RuntimeOptions {
  /** Extra flags for the V8 host's Node process (`--no-node-snapshot` is always there). @default [] */
  execArgv?: string[];
}

export interface V8Runtime {
  /** Runs one session in this V8 host. */
  startSession(spec: SessionSpec, handlers: SessionHandlers): SessionHandle;
  /** The V8 host's pid while it runs. */
  readonly pid: number | undefined;
  /** Stops the V8 host; sessions in flight end with an error. Later sessions start a new host. */
  dispose(): void;
}

/** Where the compiled V8 host entry lives (sources run under vitest use the build in dist/). */
function hostEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = here.replace(/v8-runtime\.(ts|js)$/, "host/main.js");
  if (here.endsWith(".js") && existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL("../../dist/drivers/node/host/main.js", import.meta.url));
  if (!existsSync(built)) throw new Error(`secure-exec: the V8 host is not built (${built}); run \`npm run build\``);
  return built;
}

interface Running {
  handlers: SessionHandlers;
  resolve: (result: SessionResult) => void;
}

export function createV8Runtime(options: V8RuntimeOptions = {}): V8Runtime {
  let child: ChildProcess | undefined;
  let nextSession = 1;
  let stderrTail = "";
  const running = new Map<number, Running>();

  const send = (request: HostRequest): void => {
    if (child?.connected) child.send(request);
  };
  const setRef = (): void => {
    // An idle host must not keep the application alive.
    const channel = (child as unknown as { channel?: { ref(): void; unref(): void } } | undefined)?.channel;
    if (running.size > 0) {
      child?.ref();
      channel?.ref();
    } else {
      child?.unref();
      channel?.unref();
    }
  };

  const start = (): ChildProcess => {
    const host = fork(hostEntry(), [], {
      execArgv: ["--no-node-snapshot", ...(options.execArgv ?? [])],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: {},
    });
    host.stderr?.setEncoding("utf8");
    // Diagnostics only: the pipe must never be what keeps the application running.
    (host.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    host.stderr?.on("data", (text: string) => {
      stderrTail = (stderrTail + text).slice(-2000);
    });
    host.on("message", (event: HostEvent) => onEvent(event));
    host.on("exit", (code, signal) => {
      if (child !== host) return;
      child = undefined;
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      for (const [id, session] of running) {
        running.delete(id);
        session.resolve({ code: 1, errorMessage: `The V8 host process ${why}; the session was lost`, crashed: true });
      }
    });
    host.on("error", () => {});
    return host;
  };

  const onEvent = (event: HostEvent): void => {
    switch (event.type) {
      case "call": {
        const session = running.get(event.sessionId);
        const reply = session
          ? session.handlers.call(event.op, event.args).catch((error: unknown): BridgeReply => ({ ok: false, error: { name: "Error", message: String((error as Error)?.message ?? error) } }))
          : Promise.resolve<BridgeReply>({ ok: false, error: { name: "Error", message: "No such session", code: "ECANCELED" } });
        void reply.then((answer) => send({ type: "reply", sessionId: event.sessionId, callId: event.callId, reply: answer }));
        break;
      }
      case "output":
        running.get(event.sessionId)?.handlers.output(event.chunks);
        break;
      case "end": {
        const session = running.get(event.sessionId);
        running.delete(event.sessionId);
        setRef();
        session?.resolve(event.result);
        break;
      }
      case "ready":
        break;
    }
  };

  return {
    get pid() {
      return child?.pid;
    },
    startSession(spec, handlers) {
      child ??= start();
      const sessionId = nextSession++;
      let resolve!: (result: SessionResult) => void;
      const result = new Promise<SessionResult>((r) => (resolve = r));
      running.set(sessionId, { handlers, resolve });
      setRef();
      send({ type: "start", sessionId, spec });
      return {
        result,
        kill: () => {
          if (running.has(sessionId)) send({ type: "kill", sessionId, reason: "signal" });
        },
      };
    },
    dispose() {
      const host = child;
      child = undefined;
      for (const [id, session] of running) {
        running.delete(id);
        session.resolve({ code: 1, errorMessage: "The V8 runtime was disposed", killed: true });
      }
      host?.kill("SIGKILL");
    },
  };
}

let shared: V8Runtime | undefined;

/**
 * The V8 host every runtime uses unless given its own: one per application process, as the
 * spec's default topology says (this is the library's only process-wide state).
 */
export function sharedV8Runtime(): V8Runtime {
  shared ??= createV8Runtime();
  return shared;
}
