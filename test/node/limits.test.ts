/**
 * Limits and blast radius (issue 3): a session's OOM, a spin past its CPU budget and a hard kill
 * of its V8 host each end that session with a structured reason, leave a concurrent session on
 * another runtime unaffected, and the runtime that failed works on its next call.
 */
import { afterAll, describe, expect, it } from "vitest";
import { LIMIT_EXIT_CODES, NodeRuntime, createKernel, createNodeDriver, createNodeRuntime, createNodeRuntimeDriverFactory, createV8Runtime, type StdioEvent } from "../../index.js";

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

function runtime(options: Partial<ConstructorParameters<typeof NodeRuntime>[0]> = {}): NodeRuntime {
  const created = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), ...options });
  cleanups.push(() => created.dispose());
  return created;
}

/** A session on another runtime that keeps working (timers, output) while the other one fails. */
async function bystander(target: NodeRuntime): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const result = await target.exec(
    "let n = 0; const t = setInterval(() => { console.log('tick', ++n); if (n === 5) clearInterval(t); }, 20);",
    { onStdio: (event: StdioEvent) => lines.push(event.message) },
  );
  return { code: result.code, lines };
}

const EXPECTED_TICKS = ["tick 1", "tick 2", "tick 3", "tick 4", "tick 5"];

describe("memory limit", () => {
  it("ends the session with limit 'memory', spares a concurrent session, and the runtime recovers", async () => {
    const failing = runtime({ memoryLimit: 16 });
    const healthy = runtime();
    const [oom, other] = await Promise.all([
      failing.exec("const keep = []; for (;;) keep.push(new Array(10000).fill({ x: Math.random() }));"),
      bystander(healthy),
    ]);
    expect(oom).toMatchObject({ code: LIMIT_EXIT_CODES.memory, limit: "memory" });
    expect(oom.errorMessage).toContain("16 MB");
    expect(other).toEqual({ code: 0, lines: EXPECTED_TICKS });
    expect(await failing.run("export default 1 + 1")).toEqual({ code: 0, exports: { default: 2 } });
  }, 60_000);
});

describe("CPU time limit", () => {
  it("stops a spin within a few ms of the budget, spares a concurrent session, and recovers", async () => {
    const failing = runtime({ cpuTimeLimitMs: 200 });
    const healthy = runtime();
    const started = performance.now();
    const [spin, other] = await Promise.all([failing.exec("while (true) {}"), bystander(healthy)]);
    const elapsed = performance.now() - started;
    expect(spin).toMatchObject({ code: LIMIT_EXIT_CODES.cpu, limit: "cpu" });
    // CPU time can run slightly ahead of the wall clock (V8 counts helper threads), hence the margin.
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(other).toEqual({ code: 0, lines: EXPECTED_TICKS });
    expect(await failing.run("export default 'again'")).toEqual({ code: 0, exports: { default: "again" } });
  });

  it("counts CPU time spent in microtasks and across timers", async () => {
    const failing = runtime({ cpuTimeLimitMs: 150 });
    const micro = await failing.exec("const spin = () => Promise.resolve().then(spin); spin();");
    expect(micro.limit).toBe("cpu");
    const timers = await failing.exec("const burn = () => { let x = 0; for (let i = 0; i < 5e6; i++) x += i; setTimeout(burn, 0); }; burn();");
    expect(timers.limit).toBe("cpu");
  });

  it("reports the limit through kernel.exec as exit status and stderr", async () => {
    const kernel = createKernel();
    cleanups.push(() => void kernel.dispose());
    await kernel.mount(createNodeRuntime({ cpuTimeLimitMs: 100 }));
    const result = await kernel.exec(`node -e "while (true) {}"; echo status=$?`);
    expect(result.stdout).toBe(`status=${LIMIT_EXIT_CODES.cpu}\n`);
    expect(result.stderr).toBe("node: CPU time limit of 100 ms exceeded\n");
  });
});

describe("output limit", () => {
  it("ends a session that writes more than its output budget", async () => {
    const chatty = runtime({ outputLimitBytes: 10_000 });
    const result = await chatty.exec("for (;;) console.log('x'.repeat(100));", { onStdio: () => {} });
    expect(result).toMatchObject({ code: LIMIT_EXIT_CODES.output, limit: "output" });
  });
});

describe("payload limit", () => {
  it("refuses a call that would carry more than the limit into the host, in the sandbox only", async () => {
    const capped = runtime({ payloadLimitBytes: 64 * 1024 });
    const lines: string[] = [];
    const result = await capped.exec(
      "try { process.chdir('/' + 'x'.repeat(100000)); } catch (e) { console.log(e.code, e.name, e.message); } process.chdir('/tmp'); console.log(process.cwd());",
      { onStdio: (event) => lines.push(event.message) },
    );
    expect(result).toEqual({ code: 0 });
    expect(lines).toEqual(["ERR_PAYLOAD_TOO_LARGE RangeError A call into the host carried 200020 bytes, more than the limit of 65536 bytes", "/tmp"]);
  });
});

describe("a V8 host that dies", () => {
  it("fails only its own sessions with a clear error and is replaced on the next call", async () => {
    const v8 = createV8Runtime();
    cleanups.push(() => v8.dispose());
    const dedicated = runtime({ runtimeDriverFactory: createNodeRuntimeDriverFactory({ v8Runtime: v8 }) });
    const healthy = runtime();
    expect((await dedicated.run("export default 'warm'")).exports).toEqual({ default: "warm" });
    const firstPid = v8.pid!;
    const doomed = dedicated.exec("setInterval(() => {}, 1000)");
    const other = bystander(healthy);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(firstPid, "SIGKILL");
    const [lost, survived] = await Promise.all([doomed, other]);
    expect(lost).toMatchObject({ code: 1, crashed: true });
    expect(lost.errorMessage).toMatch(/V8 host process was killed by SIGKILL/);
    expect(survived).toEqual({ code: 0, lines: EXPECTED_TICKS });
    expect(await dedicated.run("export default 'replaced'")).toEqual({ code: 0, exports: { default: "replaced" } });
    expect(v8.pid).not.toBe(firstPid);
  });
});
