/**
 * The long-lived compiler service: one `node` process answers every call (same pid), a call past
 * its deadline kills it and the next call starts a new one, an idle service is ended, large
 * answers survive chunking, concurrent calls are answered in order, and a script that disposes
 * its tools exits by itself.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PATHOLOGICAL_TYPES } from "../support/typescript-inputs.js";
import { createNodeDriver, createNodeRuntimeDriverFactory, createTypeScriptTools, createV8Runtime } from "secure-exec";

const small = { lib: ["es2022"] };
const tools = (options: { cpuTimeLimitMs?: number; idleTimeoutMs?: number } = {}) =>
  createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), ...options });

describe("TypeScript tools: compiler service", () => {
  it("starts lazily and answers every call from the same process", { timeout: 120_000 }, async () => {
    const ts = tools();
    expect(ts.servicePid).toBeUndefined();
    const first = await ts.typecheckSource({ filePath: "/root/a.ts", sourceText: "export const a: string = 1;\n", compilerOptions: small });
    expect(first.diagnostics.map((d) => d.code)).toEqual([2322]);
    const pid = ts.servicePid;
    expect(pid).toBeTypeOf("number");
    const second = await ts.compileSource({ filePath: "/root/b.ts", sourceText: "export const b: number = 2;\n", compilerOptions: { ...small, module: "commonjs" } });
    expect(second.success).toBe(true);
    expect(second.outputText).toContain("exports.b = 2;");
    // Other options that affect parsing (target) get their own parse of the lib files: still correct.
    const third = await ts.typecheckSource({ filePath: "/root/a.ts", sourceText: "export const a: string = 'x';\n", compilerOptions: { ...small, target: "es2015" } });
    expect(third).toEqual({ success: true, diagnostics: [] });
    expect(ts.servicePid).toBe(pid);
    ts.dispose();
    expect(ts.servicePid).toBeUndefined();
  });

  it("later services start from the V8 host's snapshot (typescript loaded, default libs parsed) with the same answers", { timeout: 180_000 }, async () => {
    const v8Runtime = createV8Runtime();
    const withHost = () => createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory({ v8Runtime }), v8Runtime });
    const request = { filePath: "/root/dom.ts", sourceText: "const el: HTMLElement | null = document.body;\nexport const n: number = el?.tagName;\nexport const p: Promise<string> = Promise.resolve(1);\n" };
    try {
      const first = withHost();
      const expected = await first.typecheckSource(request);
      expect(first.servicePreloaded).toBe(false);
      expect(expected.diagnostics.map((d) => d.code)).toEqual([2322, 2322]);
      first.dispose();
      // The snapshot is built in the background after the first service started: wait for it.
      let preloaded = false;
      for (let attempt = 0; attempt < 60 && !preloaded; attempt++) {
        const next = withHost();
        const result = await next.typecheckSource(request);
        preloaded = next.servicePreloaded === true;
        expect(result).toEqual(expected);
        next.dispose();
        if (!preloaded) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(preloaded).toBe(true);
    } finally {
      v8Runtime.dispose();
    }
  });

  it("a call past its deadline kills the service; the next call starts a new one", { timeout: 120_000 }, async () => {
    const ts = tools({ cpuTimeLimitMs: 3000 });
    await ts.typecheckSource({ filePath: "/root/ok.ts", sourceText: "export {};\n", compilerOptions: small });
    const pid = ts.servicePid;
    const sourceText = PATHOLOGICAL_TYPES;
    const slow = await ts.typecheckSource({ filePath: "/root/types.ts", sourceText, compilerOptions: small });
    expect(slow).toEqual({ success: false, limit: "cpu", diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler stopped: CPU time limit of 3000 ms exceeded" }] });
    expect(ts.servicePid).toBeUndefined();
    const next = await ts.typecheckSource({ filePath: "/root/ok.ts", sourceText: "export const n: number = 'no';\n", compilerOptions: small });
    expect(next.diagnostics.map((d) => d.code)).toEqual([2322]);
    expect(ts.servicePid).toBeTypeOf("number");
    expect(ts.servicePid).not.toBe(pid);
    ts.dispose();
  });

  it("a warm service out of memory gets one retry on a fresh service, then the limit is reported", { timeout: 120_000 }, async () => {
    const ts = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), memoryLimit: 256 });
    await ts.typecheckSource({ filePath: "/root/ok.ts", sourceText: "export {};\n", compilerOptions: small });
    const pid = ts.servicePid;
    const huge = await ts.typecheckSource({
      filePath: "/root/huge.ts",
      sourceText: "export const a = [" + "{ x: 1, y: 'abc', z: [1, 2, 3] },".repeat(400_000) + "];\n",
      compilerOptions: small,
    });
    expect(huge).toEqual({ success: false, limit: "memory", diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler stopped: memory limit of 256 MB exceeded" }] });
    const next = await ts.typecheckSource({ filePath: "/root/ok.ts", sourceText: "export const a: string = 1;\n", compilerOptions: small });
    expect(next.diagnostics.map((d) => d.code)).toEqual([2322]);
    expect(ts.servicePid).not.toBe(pid);
    ts.dispose();
  });

  it("ends an idle service; the next call starts a new one", { timeout: 120_000 }, async () => {
    const ts = tools({ idleTimeoutMs: 200 });
    await ts.typecheckSource({ filePath: "/root/a.ts", sourceText: "export {};\n", compilerOptions: small });
    expect(ts.servicePid).toBeTypeOf("number");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(ts.servicePid).toBeUndefined();
    const again = await ts.typecheckSource({ filePath: "/root/a.ts", sourceText: "export const a: string = 1;\n", compilerOptions: small });
    expect(again.diagnostics.map((d) => d.code)).toEqual([2322]);
    ts.dispose();
  });

  it("large answers and concurrent calls come back whole and in order", { timeout: 120_000 }, async () => {
    const ts = tools();
    const lines = Array.from({ length: 4000 }, (_, i) => `export const v${i}: string = "é€😀 ${i}";`).join("\n");
    const [big, a, b] = await Promise.all([
      ts.compileSource({ filePath: "/root/big.ts", sourceText: lines, compilerOptions: { ...small, module: "esnext", sourceMap: true, declaration: true } }),
      ts.typecheckSource({ filePath: "/root/a.ts", sourceText: "export const a: string = 1;\n", compilerOptions: small }),
      ts.typecheckSource({ filePath: "/root/b.ts", sourceText: "export const b: boolean = 1;\n", compilerOptions: small }),
    ]);
    expect(big.success).toBe(true);
    expect(big.outputText!.length).toBeGreaterThan(100_000);
    expect(big.outputText).toContain('export const v3999 = "é€😀 3999";');
    expect(big.declarationText).toContain("export declare const v0: string;");
    expect(JSON.parse(big.sourceMapText!).file).toBe("big.js");
    expect(a.diagnostics.map((d) => [d.filePath, d.code])).toEqual([["/root/a.ts", 2322]]);
    expect(b.diagnostics.map((d) => [d.filePath, d.code])).toEqual([["/root/b.ts", 2322]]);
    ts.dispose();
  });

  const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
  it.runIf(existsSync(dist))("a script that disposes its tools exits by itself", { timeout: 120_000 }, async () => {
    const script = [
      `import { createNodeDriver, createNodeRuntimeDriverFactory, createTypeScriptTools } from ${JSON.stringify(dist)};`,
      "const ts = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), idleTimeoutMs: 600000 });",
      "const r = await ts.typecheckSource({ filePath: '/root/a.ts', sourceText: 'export const a: string = 1;', compilerOptions: { lib: ['es2022'] } });",
      "console.log(r.diagnostics[0].code);",
      "ts.dispose();",
    ].join("\n");
    const child = spawn(process.execPath, ["--no-node-snapshot", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 60_000);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: "2322" });
  });
});
