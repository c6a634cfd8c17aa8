/**
 * Containment (DESIGN.md section 7): sandbox code reaches no host object, host errors arrive as
 * sandbox errors without host paths, the host's environment is invisible, clocks stay frozen,
 * and hostile values around bridge calls hurt nobody but their author.
 */
import { afterAll, describe, expect, it } from "vitest";
import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory, type StdioEvent } from "../../index.js";

const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
afterAll(() => runtime.dispose());

async function output(code: string, options: { env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runtime.exec(code, { ...options, onStdio: (e: StdioEvent) => (e.channel === "stdout" ? out : err).push(e.message) });
  return { code: result.code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const HOST_MARKERS = [process.cwd(), "/work/", "file://", "node_modules", "isolated-vm", "session.js"];

describe("no host object reaches the sandbox", () => {
  it("constructor chains of values from the bridge lead to the sandbox's own realm", async () => {
    const result = await output(`
      const probes = [];
      try { process.chdir("/nope"); } catch (e) { probes.push(e.constructor.constructor("return globalThis")() === globalThis); }
      probes.push(process.memoryUsage().constructor.constructor("return globalThis")() === globalThis);
      probes.push(console.log.constructor("return typeof process.binding")() === "function");
      probes.push(Object.getPrototypeOf(process.memoryUsage()) === Object.prototype);
      console.log(JSON.stringify(probes));
    `);
    expect(result).toEqual({ code: 0, stdout: "[true,true,true,true]", stderr: "" });
  });

  it("offers no process.binding, dlopen or vm", async () => {
    const result = await output(`
      for (const attempt of [() => process.binding("fs"), () => process.dlopen({}, "/x.node"), () => require("vm"), () => require("worker_threads")]) {
        try { attempt(); console.log("reached"); } catch (e) { console.log(e.code); }
      }
    `);
    expect(result.stdout.split("\n")).toEqual(["ERR_ACCESS_DENIED", "ERR_DLOPEN_DISABLED", "ERR_NOT_SUPPORTED_IN_SANDBOX", "ERR_NOT_SUPPORTED_IN_SANDBOX"]);
  });
});

describe("errors and paths", () => {
  it("errors from the host carry no host path or stack", async () => {
    const result = await output(`
      const texts = [];
      try { process.chdir("/definitely/missing"); } catch (e) { texts.push(e.message, e.stack, e.code, e.syscall); }
      try { require("./nope"); } catch (e) { texts.push(e.message, e.stack); }
      try { require("left-pad"); } catch (e) { texts.push(e.message, e.stack, e.code); }
      console.log(texts.join("\\n"));
    `);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ENOENT: no such file or directory, chdir '/definitely/missing'");
    expect(result.stdout).toContain("MODULE_NOT_FOUND");
    for (const marker of HOST_MARKERS) expect(result.stdout).not.toContain(marker);
  });

  it("an uncaught error prints without runtime or host frames", async () => {
    const result = await output("function deep() { throw new TypeError('bad') }\nsetTimeout(() => deep(), 1)");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("TypeError: bad\n    at deep ([eval]:1:25)");
    for (const marker of [...HOST_MARKERS, "secure-exec:runtime", "isolated-vm"]) expect(result.stderr).not.toContain(marker);
  });
});

describe("sessions", () => {
  it("each call starts from fresh globals, even when its isolate served an earlier call", async () => {
    const first = await output("globalThis.leaked = 'secret'; Object.prototype.polluted = 1; Array.prototype.map = null; require('fs').writeFileSync('/tmp/kept', 'fs persists');");
    expect(first.code).toBe(0);
    for (let i = 0; i < 3; i++) {
      const next = await output("console.log(typeof leaked, ({}).polluted, typeof [].map, require('fs').readFileSync('/tmp/kept', 'utf8'))");
      expect(next).toEqual({ code: 0, stdout: "undefined undefined function fs persists", stderr: "" });
    }
  });

  it("a reused isolate still enforces a session's own CPU budget", async () => {
    const limited = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), cpuTimeLimitMs: 150 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.run("let x = 0; for (let i = 0; i < 2e6; i++) x += i; export default x > 0")).exports).toEqual({ default: true });
      const spin = await limited.exec("while (true) {}");
      expect(spin.limit).toBe("cpu");
    } finally {
      limited.dispose();
    }
  });
});

describe("environment", () => {
  it("shows exactly the env passed, none of the host's", async () => {
    process.env.SECURE_EXEC_HOST_SECRET = "s3cret";
    try {
      expect((await output("console.log(JSON.stringify(process.env))")).stdout).toBe("{}");
      expect((await output("console.log(JSON.stringify(process.env))", { env: { ONLY: "this" } })).stdout).toBe('{"ONLY":"this"}');
      expect((await output("console.log(JSON.stringify(Object.keys(globalThis).filter(k => /secret/i.test(k))))")).stdout).toBe("[]");
    } finally {
      delete process.env.SECURE_EXEC_HOST_SECRET;
    }
  });
});

describe("timing mitigation", () => {
  it("freezes every clock and hides SharedArrayBuffer; the real Date is out of reach", async () => {
    const result = await output(`
      const start = Date.now();
      let x = 0; for (let i = 0; i < 3e6; i++) x += i;
      const RealDate = Object.getPrototypeOf(new Date(0)).constructor;
      console.log(JSON.stringify([
        Date.now() === start,
        new Date().getTime() === start,
        new RealDate().getTime() === start,
        Reflect.construct(Date, []).getTime() === start,
        performance.now() === performance.now(),
        process.hrtime.bigint() === process.hrtime.bigint(),
        typeof SharedArrayBuffer,
      ]));
    `);
    expect(result.stdout).toBe('[true,true,true,true,true,true,"undefined"]');
  });

  it("moves the frozen clocks between event-loop tasks, in whole milliseconds", async () => {
    const result = await output(`
      const a = Date.now(), p = performance.now(), h = process.hrtime.bigint();
      setTimeout(() => {
        const b = Date.now(), q = performance.now();
        let x = 0; for (let i = 0; i < 3e6; i++) x += i;
        console.log(JSON.stringify([b - a >= 25, q - p >= 25, Number.isInteger(q), Date.now() === b, performance.now() === q, process.hrtime.bigint() > h]));
      }, 25);
    `);
    expect(result.stdout).toBe("[true,true,true,true,true,true]");
  });

  it("lets clocks run with timingMitigation 'off'", async () => {
    const open = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), timingMitigation: "off" });
    try {
      const lines: string[] = [];
      await open.exec("const a = performance.now(); setTimeout(() => console.log(performance.now() > a, typeof SharedArrayBuffer), 20)", { onStdio: (e) => lines.push(e.message) });
      expect(lines).toEqual(["true function"]);
    } finally {
      open.dispose();
    }
  });
});

describe("hostile values around bridge calls", () => {
  it("proxies, throwing getters and polluted prototypes fail in the sandbox only", async () => {
    const result = await output(`
      const out = [];
      const trap = new Proxy({}, { get() { throw new Error("trap ran"); }, ownKeys() { throw new Error("trap ran"); } });
      try { process.chdir(trap); } catch (e) { out.push(e.code ?? e.message); }
      Object.prototype.ok = true; Object.prototype.value = "polluted"; Object.prototype.error = { code: "FAKE" };
      try { process.chdir("/missing"); } catch (e) { out[out.length] = e.code; }
      Promise.prototype.then = function () { throw new Error("hijacked"); };
      out[out.length] = typeof process.memoryUsage().heapUsed;
      console.log(out.join(","));
    `);
    // As in Node, describing the proxy for the error message runs its trap.
    expect(result).toEqual({ code: 0, stdout: "trap ran,ENOENT,number", stderr: "" });
    // The runtime still works afterwards.
    expect((await runtime.run("export default 7")).exports).toEqual({ default: 7 });
  });

  it("a session that breaks its own builtins hurts only itself", async () => {
    const result = await output("Array.prototype.push = () => { throw new Error('broken'); }; Function.prototype.call = null; setTimeout(() => console.log('x'), 1);");
    expect(typeof result.code).toBe("number");
    expect((await runtime.run("export default [1, 2].map((n) => n * 2)")).exports).toEqual({ default: [2, 4] });
  });

  it("survives errors with symbol names, throwing prepareStackTrace and throwing toString", async () => {
    for (const code of [
      "const e = new Error('x'); e.name = Symbol('evil'); throw e;",
      "Error.prepareStackTrace = () => { throw new Error('nested'); }; throw new Error('outer');",
      "throw { toString() { throw new Error('no') }, get stack() { throw new Error('no') } };",
      "throw Object.create(null);",
    ]) {
      const result = await output(code);
      expect(result.code).toBe(1);
    }
    expect((await runtime.run("export default 'alive'")).exports).toEqual({ default: "alive" });
  });
});

describe("resource bombs", () => {
  it("handles 100k timers and large ArrayBuffers within the heap limit", async () => {
    const timers = await output("let n = 0; for (let i = 0; i < 100000; i++) setTimeout(() => { if (++n === 100000) console.log('all fired'); }, 1);");
    expect(timers).toEqual({ code: 0, stdout: "all fired", stderr: "" });
    const small = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), memoryLimit: 32 });
    try {
      const external = await small.exec("const keep = []; for (let i = 0; i < 64; i++) keep.push(new ArrayBuffer(16 * 1024 * 1024)); console.log('survived');");
      expect(external.code).not.toBe(0);
      expect((await small.run("export default 'ok'")).exports).toEqual({ default: "ok" });
    } finally {
      small.dispose();
    }
  });
});
