/**
 * The samples of the user-facing spec (shared/spec/node-runtime-spec.txt) about the kernel,
 * NodeRuntime, output capture, lifecycle and resource limits, run as written. Identifiers the
 * spec leaves to the reader (toolSteps, appendToToolResult, ...) are defined around them.
 */
import { describe, expect, it, vi } from "vitest";
import {
  createKernel,
  createInMemoryFileSystem,
  createNodeRuntime,
  NodeRuntime,
  createNodeDriver,
  createNodeRuntimeDriverFactory,
} from "secure-exec";

describe("spec: kernel-first approach", () => {
  it("runs node -e in a kernel and prints hello", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    const kernel = createKernel({
      filesystem: createInMemoryFileSystem(),
    });
    await kernel.mount(createNodeRuntime());
    const result = await kernel.exec("node -e \"console.log('hello')\"");
    console.log(result.stdout); // "hello\n"
    await kernel.dispose();
    const calls = printed.mock.calls.slice();
    printed.mockRestore();
    expect(result.stdout).toBe("hello\n");
    expect(calls).toEqual([["hello\n"]]);
  });

  it("takes runtime options", async () => {
    const kernel = createKernel({ filesystem: createInMemoryFileSystem() });
    await kernel.mount(createNodeRuntime({
      memoryLimit: 128, // 128 MB per isolate
    }));
    expect((await kernel.exec("node -e \"console.log(typeof process.memoryUsage().heapUsed)\"")).stdout).toBe("number\n");
    await kernel.dispose();
  });
});

describe("spec: NodeRuntime", () => {
  it("exec in a tool loop with per-call onStdio, env and cwd", async () => {
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver(),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
    });
    const toolSteps = [
      { code: "console.log(process.env.API_KEY, process.cwd())", apiKey: "k-1" },
      { code: "throw new Error('step failed')", apiKey: "k-2" },
    ];
    const toolResult: string[] = [];
    const appendToToolResult = (message: string) => toolResult.push(message);
    const errors: unknown[] = [];
    const handleError = (result: unknown) => errors.push(result);

    // AI SDK tool loop — capture stdout from each step
    for (const step of toolSteps) {
      const result = await runtime.exec(step.code, {
        onStdio: (e) => appendToToolResult(e.message),
        env: { API_KEY: step.apiKey },
        cwd: "/workspace",
      });
      if (result.code !== 0) handleError(result);
    }
    runtime.dispose();
    expect(toolResult[0]).toBe("k-1 /workspace");
    expect(errors).toEqual([{ code: 1, errorMessage: "Error: step failed" }]);
  });

  it("run returns exports", async () => {
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver(),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
    });
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    // Evaluate a user-provided expression and get the result
    const result = await runtime.run<{ default: number }>("export default 40 + 2");
    console.log(result.exports?.default); // 42
    const calls = printed.mock.calls.slice();
    printed.mockRestore();
    runtime.dispose();
    expect(calls).toEqual([[42]]);
    expect(result).toEqual({ code: 0, exports: { default: 42 } });
  });

  it("captures output per execution and per runtime", async () => {
    const runtimeLevel: string[] = [];
    {
      const runtime = new NodeRuntime({
        systemDriver: createNodeDriver(),
        runtimeDriverFactory: createNodeRuntimeDriverFactory(),
      });
      // Per-execution hook (exec only)
      const logs: string[] = [];
      await runtime.exec("console.log('hello'); console.error('oops')", {
        onStdio: (event) => logs.push(`[${event.channel}] ${event.message}`),
      });
      // logs: ["[stdout] hello", "[stderr] oops"]
      expect(logs).toEqual(["[stdout] hello", "[stderr] oops"]);
      runtime.dispose();
    }
    {
      const printed = vi.spyOn(console, "log").mockImplementation((message: string) => void runtimeLevel.push(message));
      // Runtime-level hook (applies to both exec and run)
      const runtime = new NodeRuntime({
        systemDriver: createNodeDriver(),
        runtimeDriverFactory: createNodeRuntimeDriverFactory(),
        onStdio: (event) => console.log(event.message),
      });
      await runtime.exec("console.log('from exec')");
      await runtime.run("console.log('from run'); export default 1");
      printed.mockRestore();
      runtime.dispose();
    }
    expect(runtimeLevel).toEqual(["from exec", "from run"]);
  });

  it("lifecycle: reuse across calls, dispose, then calls throw", async () => {
    const log = vi.fn();
    const toolSteps = [{ code: "console.log(1)" }, { code: "console.log(2)" }];
    // Recommended: create once, call many times, dispose at the end
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver(),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
    });
    // AI SDK tool loop — each step reuses the same runtime
    for (const step of toolSteps) {
      const result = await runtime.exec(step.code, {
        onStdio: (e) => log(e.message),
      });
      expect(result.code).toBe(0);
    }
    // Clean up when the session is over
    runtime.dispose();
    expect(log.mock.calls).toEqual([["1"], ["2"]]);
    expect(() => runtime.exec("1")).toThrow("NodeExecutionDriver has been disposed");
    expect(() => runtime.run("1")).toThrow("NodeExecutionDriver has been disposed");
  });

  it("resource limits", async () => {
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver(),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
      memoryLimit: 128, // 128 MB isolate memory cap
      cpuTimeLimitMs: 5000, // 5 second CPU budget
      timingMitigation: "freeze", // freeze high-resolution timers (default)
    });
    const frozen = await runtime.run<{ default: boolean }>("const a = Date.now(); for (let i = 0; i < 1e6; i++); export default a === Date.now() && typeof SharedArrayBuffer === 'undefined'");
    expect(frozen.exports?.default).toBe(true);
    runtime.dispose();
  });
});
