/**
 * The compiler's sandbox under hostile inputs: a huge file and pathological types end the call
 * with success: false and a diagnostic naming the limit; the next call works. Also the package
 * entry point and argument checks.
 */
import { describe, expect, it } from "vitest";
import { PATHOLOGICAL_TYPES } from "../support/typescript-inputs.js";
import { createTypeScriptTools as fromPackage } from "@secure-exec/typescript";
import { createInMemoryFileSystem, createNodeDriver, createNodeRuntimeDriverFactory, createTypeScriptTools } from "secure-exec";

const small = { lib: ["es2022"] };

describe("TypeScript tools: limits", () => {
  it("a huge file hits the memory limit; the next call works", { timeout: 120_000 }, async () => {
    const tools = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), memoryLimit: 256 });
    const huge = await tools.typecheckSource({
      filePath: "/root/huge.ts",
      sourceText: "export const a = [" + "{ x: 1, y: 'abc', z: [1, 2, 3] },".repeat(400_000) + "];\n",
      compilerOptions: small,
    });
    expect(huge).toEqual({
      success: false,
      limit: "memory",
      diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler stopped: memory limit of 256 MB exceeded" }],
    });
    const next = await tools.typecheckSource({ filePath: "/root/ok.ts", sourceText: "export const a: string = 1;\n", compilerOptions: small });
    expect(next).toEqual({ success: false, diagnostics: [{ code: 2322, category: "error", message: "Type 'number' is not assignable to type 'string'.", filePath: "/root/ok.ts", line: 1, column: 14 }] });
    tools.dispose();
  });

  it("pathological types hit the CPU limit; the next call works", { timeout: 120_000 }, async () => {
    const tools = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), cpuTimeLimitMs: 3000 });
    const sourceText = PATHOLOGICAL_TYPES;
    const started = Date.now();
    const result = await tools.compileSource({ filePath: "/root/types.ts", sourceText, compilerOptions: small });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result).toEqual({
      success: false,
      limit: "cpu",
      diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler stopped: CPU time limit of 3000 ms exceeded" }],
    });
    const next = await tools.compileSource({ filePath: "/root/ok.ts", sourceText: "export const a: number = 1;\n", compilerOptions: { ...small, module: "commonjs" } });
    expect(next.success).toBe(true);
    expect(next.outputText).toContain("exports.a = 1;");
    tools.dispose();
  });

  it("user text that looks like code stays data", { timeout: 60_000 }, async () => {
    const tools = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const sourceText = 'export const s = "\\"); module.exports = { success: true }; (\\"";\nconst p = import("./x");\nexport const u = "\\u2028`${x}`";\n';
    const result = await tools.compileSource({ filePath: "/root/tricky.ts", sourceText, compilerOptions: { ...small, module: "esnext" } });
    expect(result.diagnostics.map((d) => d.code)).toEqual([2307]);
    expect(result.outputText).toContain('const p = import("./x");');
    tools.dispose();
  });
});

describe("TypeScript tools: API", () => {
  it("is exported by @secure-exec/typescript", () => {
    expect(typeof fromPackage).toBe("function");
  });

  it("rejects bad arguments with coded errors", async () => {
    expect(() => createTypeScriptTools({} as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    const tools = createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    await expect(tools.typecheckSource({ filePath: "", sourceText: "" })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await expect(tools.compileSource({ filePath: "/a.ts", sourceText: 1 as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await expect(tools.typecheckSource({ filePath: "/a.ts", sourceText: "", compilerOptions: [] as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await expect(tools.typecheckProject({ cwd: 3 as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    tools.dispose();
    await expect(tools.typecheckSource({ filePath: "/a.ts", sourceText: "" })).rejects.toThrow("NodeExecutionDriver has been disposed");
  });

  it("compileProject writes into the system driver's filesystem, configFilePath picks the config", { timeout: 60_000 }, async () => {
    const filesystem = createInMemoryFileSystem({
      files: {
        "/work/tsconfig.build.json": JSON.stringify({ compilerOptions: { module: "commonjs", target: "es2022", rootDir: "src", outDir: "build", lib: ["es2022"] } }),
        "/work/src/a.ts": "export const a = 1;\n",
        "/work/src/b/c.ts": "export const c: number = 2;\n",
      },
    });
    const tools = createTypeScriptTools({ systemDriver: createNodeDriver({ filesystem }), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const missing = await tools.compileProject({ cwd: "/work" });
    expect(missing).toEqual({ success: false, emittedFiles: [], diagnostics: [{ code: 5083, category: "error", message: "Cannot read file '/work/tsconfig.json'." }] });
    const result = await tools.compileProject({ cwd: "/work", configFilePath: "tsconfig.build.json" });
    expect(result).toEqual({ success: true, diagnostics: [], emittedFiles: ["/work/build/a.js", "/work/build/b/c.js"] });
    expect(new TextDecoder().decode(await filesystem.readFile("/work/build/b/c.js"))).toContain("exports.c = 2;");
    tools.dispose();
  });
});
