/** Lifecycle: the host process exits by itself once runtimes and kernels are disposed; terminate() waits. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory } from "../../index.js";

const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

function runScript(source: string): { status: number | null; stdout: string; stderr: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

describe("the application's event loop", () => {
  it("is not kept alive by disposed runtimes or kernels (shared V8 host included)", () => {
    const result = runScript(`
      import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory, createKernel, createNodeRuntime } from ${JSON.stringify(dist)};
      const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
      const { exports } = await runtime.run("export default 6 * 7");
      runtime.dispose();
      const kernel = createKernel();
      await kernel.mount(createNodeRuntime());
      const { stdout } = await kernel.exec("node -p 1+1");
      await kernel.dispose();
      console.log(exports.default, stdout.trim());
    `);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("42 2\n");
    expect(result.status).toBe(0);
  });
});

describe("terminate()", () => {
  it("waits for running sessions to finish, then disposes", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const lines: string[] = [];
    const running = runtime.exec("setTimeout(() => console.log('finished'), 100)", { onStdio: (e) => lines.push(e.message) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runtime.terminate();
    expect(await running).toEqual({ code: 0 });
    expect(lines).toEqual(["finished"]);
    expect(() => runtime.exec("1")).toThrow("NodeExecutionDriver has been disposed");
  });

  it("kills what is still running at its deadline", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const running = runtime.exec("setInterval(() => {}, 1000)");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await runtime.terminate(100);
    expect(performance.now() - started).toBeLessThan(2000);
    const result = await running;
    expect(result.code).not.toBe(0);
  });

  it("dispose() is synchronous: a running session ends at once", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const running = runtime.exec("setInterval(() => {}, 1000)");
    await new Promise((resolve) => setTimeout(resolve, 20));
    runtime.dispose();
    const result = await running;
    expect(result.code).toBe(137);
  });
});
