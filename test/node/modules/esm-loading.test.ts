/**
 * ES modules loaded after the entry: import() with any specifier (from ES modules and CommonJS)
 * and require() of ES modules (Node 22.12+), compared with host Node; then what only the sandbox
 * has to say (its documented limits of require(esm)).
 */
import { afterAll, describe, expect, it } from "vitest";
import { LIMIT_EXIT_CODES, NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory } from "../../../index.js";
import { disposeSandbox, expectParity, runInSandbox } from "../../support/parity.js";

afterAll(disposeSandbox);

const FILES: Record<string, string> = {
  "a.mjs": `console.log("a body"); export const x = 1;`,
  "slow.mjs": `await new Promise((r) => setTimeout(r, 20)); console.log("slow done"); export default "slow";`,
  "throws.mjs": `console.log("throws body"); throw new TypeError("module failed");`,
  "syntax.mjs": `export const = 1;`,
  "tla.mjs": `await 0; export const b = 2;`,
  "withdefault.mjs": `export const a = 1; export default function f() {}`,
  "nodefault.mjs": `export const q = 1;`,
  "own-esmodule.mjs": `export const a = 1; export const __esModule = false; export default 3;`,
  "module-exports.mjs": `const hello = function hello() {}; export { hello as "module.exports" }; export const other = 1;`,
  "badlink.mjs": `export { nope } from "./a.mjs";`,
  "cjsdep.cjs": `console.log("cjs dep body"); exports.c = 3;`,
  "usescjs.mjs": `import { c } from "./cjsdep.cjs"; console.log("usescjs body", c); export const d = c + 1;`,
  "cycle-a.mjs": `import { b } from "./cycle-b.mjs"; export const a = "a"; export const seen = () => b;`,
  "cycle-b.mjs": `import { a } from "./cycle-a.mjs"; export const b = "b"; export const seenA = () => a;`,
};

describe("import() of ES modules", () => {
  it("loads a computed specifier after the caller's code, once, sharing the static import's namespace", async () => {
    await expectParity(
      `import * as staticA from "./a.mjs";
const name = "./a" + ".mjs";
const pending = import(name);
console.log("after the import() call");
const ns = await pending;
console.log(ns === staticA, ns.x, ns === (await import(name)));
console.log((await import("./sl" + "ow.mjs")).default);
const cycle = await import(["./cycle-a", "mjs"].join("."));
console.log(cycle.a, cycle.seen());`,
      { esm: true, files: FILES },
    );
  });

  it("gives CommonJS and builtins the namespace a static import gets, the same each time", async () => {
    await expectParity(
      `import * as staticC from "./cjsdep.cjs";
import * as staticFs from "node:fs";
const [a, b] = await Promise.all([import("./cjsdep.cjs"), import("./cjs" + "dep.cjs")]);
console.log(a === b, a === staticC, (await import("node:fs")) === staticFs, a, Object.keys(await import("node:path")).includes("join"));`,
      { esm: true, files: FILES },
    );
  });

  it("rejects with the module's error, its syntax error or ERR_MODULE_NOT_FOUND, and again on a second try", async () => {
    await expectParity(
      `for (const f of ["./throws.mjs", "./syntax.mjs", "./missing.mjs", "./badlink.mjs", "./throws.mjs"]) {
  try { await import(f); } catch (e) { console.log(f, e instanceof Error, e.name, e.code, e.message); }
}`,
      { esm: true, files: FILES },
    );
  });

  it("loads ES modules, CommonJS under them and top-level await from CommonJS", async () => {
    await expectParity(
      `const names = ["./usescjs.mjs", "./slow.mjs", "./a.mjs"];
(async () => {
  for (const name of names) console.log(name, Object.keys(await import(name)).join());
})();
console.log("sync part done");`,
      { files: FILES },
    );
  });

  it("reports where an error was thrown on line 1 of a module that uses import.meta", async () => {
    await expectParity(`const url = import.meta.url; null.boom;`, { esm: true });
  });

  it("reports an uncaught syntax error in an imported module as Node does", async () => {
    await expectParity(`await import("./syn" + "tax.mjs");`, { esm: true, files: FILES });
    await expectParity(`import "./syntax.mjs";`, { esm: true, files: FILES });
  });
});

describe("import() in a script run by exec()", () => {
  it("loads ES modules and builtins, resolving from the working directory", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    try {
      let stdout = "";
      const result = await runtime.exec(
        `require("fs").mkdirSync("/root", { recursive: true }); require("fs").writeFileSync("/root/m.mjs", "export const x = 5;");
import("./m" + ".mjs").then((m) => import("node:path").then((p) => console.log(m.x, p.join("a", "b"))));`,
        { cwd: "/root", onStdio: (event) => (stdout += event.message) },
      );
      expect(result).toMatchObject({ code: 0 });
      expect(stdout).toBe("5 a/b");
    } finally {
      runtime.dispose();
    }
  });
});

describe("require() of ES modules", () => {
  it("returns the namespace; __esModule is added beside a default export; 'module.exports' wins", async () => {
    await expectParity(
      `const ns = require("./withdefault.mjs");
console.log(ns, Object.prototype.toString.call(ns), ns === require("./withdefault.mjs"));
console.log(require("./nodefault.mjs"), require("./own-esmodule.mjs"), require("./module-exports.mjs"));
console.log(Object.keys(require.cache).map((k) => k.replace(__dirname, ".")));`,
      { files: FILES },
    );
  });

  it("loads what the module imports, CommonJS included, in order", async () => {
    await expectParity(`const { d } = require("./usescjs.mjs"); console.log(d, require("./cjsdep.cjs").c);`, { files: FILES });
  });

  it("fails as Node does: top-level await, a module that throws, a missing export, a syntax error", async () => {
    await expectParity(
      `for (const f of ["./tla.mjs", "./throws.mjs", "./badlink.mjs", "./syntax.mjs"]) {
  try { require(f); } catch (e) { console.log(f, e.name, e.code, e.message); }
}`,
      { files: FILES },
    );
  });
});

const READS = `import fs from "node:fs"; export const size = fs.readFileSync(new URL(import.meta.url).pathname).length;`;

describe("require() of ES modules: the sandbox's limits", () => {
  it("refuses a synchronous host call from the module's top-level code with a coded error, and goes on", async () => {
    const result = await runInSandbox(
      `try { require("./reads.mjs"); } catch (e) { console.log(e.code, e.message); }
import("./reads-too.mjs").then((ns) => console.log("import() works:", ns.size > 0));`,
      { files: { "reads.mjs": READS, "reads-too.mjs": READS } },
    );
    expect(result.stdout).toBe(
      "ERR_NOT_SUPPORTED_IN_SANDBOX A synchronous call to the host (readFile) while require() evaluates the ES module /root/reads.mjs is not supported in the sandbox: the host is busy running that code. Load the module with import() instead.\n" +
        "import() works: true\n",
    );
    expect(result.code).toBe(0);
  });

  it("stops a module that fills the heap in require() at the memory limit; the runtime goes on", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), memoryLimit: 32 });
    try {
      const oom = await runtime.exec(`require("fs").mkdirSync("/tmp", { recursive: true }); require("fs").writeFileSync("/tmp/oom.mjs", "const a = []; while (true) a.push(new Array(1e5).fill(1));"); require("/tmp/oom.mjs");`);
      expect(oom).toMatchObject({ code: LIMIT_EXIT_CODES.memory, limit: "memory" });
      expect(await runtime.run("export default 'again'")).toEqual({ code: 0, exports: { default: "again" } });
    } finally {
      runtime.dispose();
    }
  });

  it("stops a module that spins in require() at the CPU limit; the runtime goes on", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), cpuTimeLimitMs: 300 });
    try {
      const started = performance.now();
      const spin = await runtime.exec(`require("fs").mkdirSync("/tmp", { recursive: true }); require("fs").writeFileSync("/tmp/spin.mjs", "while (true) {}"); require("/tmp/spin.mjs");`);
      expect(spin).toMatchObject({ code: LIMIT_EXIT_CODES.cpu, limit: "cpu" });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(await runtime.run("export default 'again'")).toEqual({ code: 0, exports: { default: "again" } });
    } finally {
      runtime.dispose();
    }
  });
});
