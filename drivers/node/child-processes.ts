/**
 * Child processes for the sandbox's `child_process`: every child is a process of the same kernel
 * (any mounted command: `node`, `sh`, the basic commands, a custom driver), never a host process.
 * The sandbox gets fds of pipes to its child's stdio and may signal only its own children.
 */
import { SystemError } from "../../syscalls/errors.js";
import type { Syscalls } from "../../syscalls/interfaces.js";
import { concatBytes } from "../../syscalls/bytes.js";
import { parseSignal } from "../../syscalls/signals.js";

interface SpawnArgs {
  argv: string[];
  env: Record<string, string>;
  cwd?: string;
}

function spawnArgs(value: unknown): SpawnArgs {
  const request = (value ?? {}) as { argv?: unknown; env?: unknown; cwd?: unknown };
  if (!Array.isArray(request.argv) || request.argv.length === 0 || !request.argv.every((arg) => typeof arg === "string")) {
    throw new SystemError("EINVAL", { syscall: "spawn", detail: "argv must be a non-empty array of strings" });
  }
  const env: Record<string, string> = {};
  for (const [key, item] of Object.entries((request.env ?? {}) as Record<string, unknown>)) {
    if (item !== undefined && item !== null) env[key] = String(item);
  }
  return { argv: [...request.argv], env, ...(typeof request.cwd === "string" ? { cwd: request.cwd } : {}) };
}

export function createChildProcessOps(sys: Syscalls) {
  const children = new Set<number>();

  /** Starts a child with three fresh pipes; the parent keeps its ends. */
  const start = async (request: SpawnArgs): Promise<{ pid: number; stdin: number; stdout: number; stderr: number }> => {
    const [inRead, inWrite] = sys.pipe();
    const [outRead, outWrite] = sys.pipe();
    const [errRead, errWrite] = sys.pipe();
    try {
      const pid = await sys.spawn({ ...request, stdio: [inRead, outWrite, errWrite] });
      children.add(pid);
      return { pid, stdin: inWrite, stdout: outRead, stderr: errRead };
    } catch (error) {
      for (const fd of [inWrite, outRead, errRead]) await sys.close(fd).catch(() => {});
      throw error;
    } finally {
      for (const fd of [inRead, outWrite, errWrite]) await sys.close(fd).catch(() => {});
    }
  };

  const drain = async (fd: number, limit: number): Promise<{ data: Uint8Array; overflow: boolean }> => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let overflow = false;
    for (let chunk = await sys.read(fd, 65536); chunk.byteLength > 0; chunk = await sys.read(fd, 65536)) {
      if (size + chunk.byteLength > limit) overflow = true;
      else chunks.push(chunk);
      size += chunk.byteLength;
    }
    await sys.close(fd).catch(() => {});
    return { data: concatBytes(chunks.length ? chunks : [new Uint8Array(0)]), overflow };
  };

  return {
    childSpawn: async ([request]: unknown[]) => start(spawnArgs(request)),
    childWait: async ([pid]: unknown[]) => {
      const status = await sys.wait(Number(pid));
      children.delete(Number(pid));
      return status;
    },
    childKill: async ([pid, signal]: unknown[]) => {
      if (!children.has(Number(pid))) throw new SystemError("ESRCH", { syscall: "kill" });
      const name = parseSignal(typeof signal === "number" || typeof signal === "string" ? signal : "SIGTERM");
      if (!name) throw new SystemError("EINVAL", { syscall: "kill", detail: `unknown signal: ${String(signal)}` });
      await sys.kill(Number(pid), name);
      return true;
    },
    /** spawnSync: runs the child to its end here, so the sandbox's thread can wait for it. */
    childRunSync: async ([request, options]: unknown[]) => {
      const { input, timeout, maxBuffer } = (options ?? {}) as { input?: unknown; timeout?: unknown; maxBuffer?: unknown };
      const child = await start(spawnArgs(request));
      const limit = typeof maxBuffer === "number" && maxBuffer > 0 ? maxBuffer : 1024 * 1024;
      const feed = (async () => {
        try {
          if (typeof input === "string" || input instanceof Uint8Array) await sys.write(child.stdin, input);
        } catch {
          // The child stopped reading: its output and status say what happened.
        }
        await sys.close(child.stdin).catch(() => {});
      })();
      let timedOut = false;
      const timer =
        typeof timeout === "number" && timeout > 0
          ? setTimeout(() => {
              timedOut = true;
              void sys.kill(child.pid, "SIGTERM").catch(() => {});
            }, timeout)
          : undefined;
      const [stdout, stderr, status] = await Promise.all([drain(child.stdout, limit), drain(child.stderr, limit), sys.wait(child.pid), feed]);
      clearTimeout(timer);
      children.delete(child.pid);
      return {
        pid: child.pid,
        status: status.signal ? null : status.exitCode,
        signal: status.signal ?? null,
        stdout: stdout.data,
        stderr: stderr.data,
        timedOut,
        maxBufferExceeded: stdout.overflow || stderr.overflow,
      };
    },
  };
}
