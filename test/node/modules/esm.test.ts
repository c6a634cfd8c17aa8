/** ES module resolution and loading, compared with host Node on the same package tree. */
import { afterAll, describe, expect, it } from "vitest";
import { createModuleSandbox, runInHost, type Tree } from "./harness.js";

const sandbox = createModuleSandbox();
afterAll(() => sandbox.dispose());

async function expectParity(tree: Tree, entry = "main.mjs") {
  const [host, inSandbox] = await Promise.all([runInHost(tree, entry), sandbox.runInSandbox(tree, entry)]);
  expect(inSandbox).toEqual(host);
  return host;
}

const PACKAGES: Tree = {
  "package.json": JSON.stringify({
    name: "app",
    type: "module",
    exports: { ".": "./main.mjs", "./util": { import: "./util.mjs", require: "./util.cjs" } },
    imports: { "#internal/*": "./internal/*.js", "#cond": { import: "./int.mjs", require: "./int.cjs" }, "#dep": "dep" },
  }),
  "util.mjs": "export const util = 'util.mjs';",
  "util.cjs": "exports.util = 'util.cjs';",
  "int.mjs": "export default 'int.mjs';",
  "int.cjs": "module.exports = 'int.cjs';",
  "internal/a.js": "export const a = 'internal a';",
  "data.json": `{ "n": 1 }`,
  "notes.txt": "hello",
  "esm.mjs": "export const v = 'esm'; export default 'esm default';",
  "cjs.cjs": "exports.named = 'named'; exports.other = 2; module.exports.default = 'not the default';",
  "dir/index.js": "export default 'dir';",
  "node_modules/dual/package.json": JSON.stringify({
    name: "dual",
    exports: { ".": { import: "./m.mjs", require: "./c.cjs" }, "./feature": "./lib/feature.mjs", "./lib/*": "./lib/*.mjs", "./hidden/*": null },
  }),
  "node_modules/dual/m.mjs": "export const kind = 'import'; export default 'dual default';",
  "node_modules/dual/c.cjs": "exports.kind = 'require';",
  "node_modules/dual/lib/feature.mjs": "export const feature = 'feature';",
  "node_modules/dual/lib/x.mjs": "export const x = 'x';",
  "node_modules/legacy/package.json": `{ "main": "lib/main.js" }`,
  "node_modules/legacy/lib/main.js": "const legacy = true, answer = 42;\nmodule.exports = { legacy, answer };",
  "node_modules/legacy/other.js": "exports.other = 'other';",
  "node_modules/dep/index.js": "module.exports = 'dep';",
};

describe("ES module resolution", () => {
  it("imports packages through exports (import condition), main, patterns, imports and self-reference", async () => {
    const host = await expectParity({
      ...PACKAGES,
      "main.mjs": `
import dual, { kind } from "dual";
import { feature } from "dual/feature";
import { x } from "dual/lib/x";
import legacy, { answer } from "legacy";
import { other } from "legacy/other.js";
import { util } from "app/util";
import { a } from "#internal/a";
import cond from "#cond";
import dep from "#dep";
import cjs, { named, other as two } from "./cjs.cjs";
import data from "./data.json" with { type: "json" };
import { readFileSync } from "node:fs";
import path from "path";
console.log(dual, kind, feature, x, legacy, answer, other, util, a, cond, dep);
console.log(cjs, named, two, data, typeof readFileSync, path.join("a", "b"));
console.log(import.meta.url, import.meta.filename, import.meta.dirname);
console.log(import.meta.resolve("dual"), import.meta.resolve("./esm.mjs"), import.meta.resolve("./missing.js"), import.meta.resolve("fs"), import.meta.resolve("#internal/a"));
try { import.meta.resolve("no-such-package"); } catch (e) { console.log(e.code); }
`,
    });
    expect(host.stdout).toContain("dual default import feature x { legacy: true, answer: 42 } 42 other util.mjs internal a int.mjs dep");
  });

  it("reports resolution errors with Node's codes and messages", async () => {
    await expectParity({
      ...PACKAGES,
      "main.mjs": `
const tries = ["./missing.mjs", "./esm", "./dir", "dual/hidden/x", "dual/nope", "#nope", "node:nope", "no-such-package", "./cjs.cjs", "./data.json", "./notes.txt", "https://example.com/x.js"];
for (const specifier of tries) {
  try { await import(specifier); console.log("loaded", specifier); } catch (e) { console.log(e.code + ": " + e.message); }
}
console.log((await import("./data.json", { with: { type: "json" } })).default);
try { await import("./cjs.cjs", { with: { type: "json" } }); } catch (e) { console.log(e.code + ": " + e.message); }
`,
    });
  });

  it("requires the json import attribute and refuses unknown file extensions, as Node 22", async () => {
    for (const main of [`import data from "./data.json"; console.log(data);`, `import data from "./util.mjs" with { type: "json" };`, `import "./notes.txt";`]) {
      const [host, inSandbox] = await Promise.all([runInHost({ ...PACKAGES, "main.mjs": main }, "main.mjs"), sandbox.runInSandbox({ ...PACKAGES, "main.mjs": main }, "main.mjs")]);
      const code = /\[(ERR_\w+)\]/.exec(host.stderr)?.[1];
      expect(code).toMatch(/^ERR_/);
      expect(inSandbox.code).toBe(host.code);
      expect(inSandbox.stderr).toContain(`[${code}]`);
    }
  });

  it("supports import() of ES modules (literal specifiers), CommonJS, JSON and builtins", async () => {
    await expectParity({
      ...PACKAGES,
      "main.mjs": `
const esm = await import("./esm.mjs");
console.log(esm.v, esm.default, Object.keys(esm));
const pkg = await import("dual");
console.log(pkg.kind, pkg.default);
const cjs = await import("./cjs.cjs");
console.log(cjs.named, cjs.default.other);
const fs = await import("node:fs");
console.log(typeof fs.readFileSync, typeof fs.default.readFileSync);
const name = "./" + "cjs.cjs";
console.log((await import(name)).named);
`,
    });
  });

  it("import() in CommonJS loads builtins, CommonJS and ES modules", async () => {
    const result = await sandbox.runInSandbox({
      ...PACKAGES,
      "main.cjs": `
import("./cjs.cjs").then((ns) => console.log("cjs", ns.named));
import("node:path").then((ns) => console.log("builtin", ns.join("a", "b")));
import("./esm.mjs").then((ns) => console.log("esm", Object.keys(ns).join()));
`,
    }, "main.cjs");
    expect(result.stdout.split("\n").sort()).toEqual(["", "builtin a/b", "cjs named", "esm default,v"]);
  });
});
