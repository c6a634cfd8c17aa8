/** CommonJS resolution and loading, compared with host Node on the same package tree. */
import { afterAll, describe, expect, it } from "vitest";
import { createModuleSandbox, runInHost, type Tree } from "./harness.js";

const sandbox = createModuleSandbox();
afterAll(() => sandbox.dispose());

async function expectParity(tree: Tree, entry = "main.js") {
  const [host, inSandbox] = await Promise.all([runInHost(tree, entry), sandbox.runInSandbox(tree, entry)]);
  expect(inSandbox).toEqual(host);
  return host;
}

const show = `const show = (f) => { try { return f(); } catch (e) { return e.code + ": " + e.message; } };\n`;

describe("CommonJS resolution", () => {
  it("finds files by extension, index files, main and JSON", async () => {
    const host = await expectParity({
      "main.js": `${show}
console.log(require("./a"), require("./b"), require("./data"), require("./dir"), require("./withmain"), require("./mainnoext"));
console.log(show(() => require("./c")), "|", require("./c.cjs"));
console.log(require(__dirname + "/a.js") === require("./a"), require.resolve("./dir"), require.resolve("./withmain"));
console.log(show(() => require("./badmain")));
console.log(require("./json.json").n, show(() => require("./broken.json")).split("\\n")[0]);
console.log(show(() => require("./a/")).split("\\n")[0], require("./dir/"), require("."), require("./dir/.."));
`,
      "a.js": "module.exports = 'a.js'",
      "index.js": "module.exports = 'root index'",
      "b.json": `"b.json"`,
      "c.cjs": "module.exports = 'c.cjs'",
      "data.json": `{ "n": 1 }`,
      "json.json": `\uFEFF{ "n": 2 }`,
      "broken.json": `{ nope`,
      "dir/index.js": "module.exports = 'dir/index.js'",
      "withmain/package.json": `{ "main": "lib/entry" }`,
      "withmain/lib/entry.js": "module.exports = 'withmain'",
      "mainnoext/package.json": `{ "main": "./lib" }`,
      "mainnoext/lib/index.js": "module.exports = 'main dir index'",
      "badmain/package.json": `{ "main": "missing.js" }`,
    });
    expect(host.stdout).toContain("a.js b.json { n: 1 } dir/index.js withmain main dir index");
  });

  it("looks up node_modules upward and nested, scoped packages included", async () => {
    await expectParity({
      "main.js": `console.log(require("top"), require("@scope/pkg"), require("@scope/pkg/extra"), require("./sub/deep/x"));`,
      "node_modules/top/index.js": "module.exports = 'top ' + require('nested')",
      "node_modules/top/node_modules/nested/index.js": "module.exports = 'nested'",
      "node_modules/@scope/pkg/package.json": `{ "main": "main.js" }`,
      "node_modules/@scope/pkg/main.js": "module.exports = '@scope/pkg'",
      "node_modules/@scope/pkg/extra.js": "module.exports = 'extra'",
      "sub/deep/x.js": "module.exports = require('near') + ' ' + require('top')",
      "sub/node_modules/near/index.js": "module.exports = 'near'",
    });
  });

  it("applies exports maps: conditions, subpaths, patterns, null targets, sugar", async () => {
    const host = await expectParity({
      "main.js": `${show}
console.log(require("cond"), require("cond/feature"), require("cond/utils/a"), require("cond/utils/deep/b"));
console.log(require("sugar"), require("arr"), require.resolve("cond/utils/a"));
console.log(show(() => require("cond/private/x")));
console.log(show(() => require("cond/package.json")));
console.log(show(() => require("cond/utils/missing")).split("\\n")[0]);
console.log(show(() => require("nomain")));
console.log(show(() => require("badtarget")).split(";")[0]);
console.log(require("cond/internal/secret.js"));
`,
      "node_modules/cond/package.json": JSON.stringify({
        name: "cond",
        exports: {
          ".": { import: "./esm.mjs", node: { require: "./node.js", default: "./never.js" }, default: "./default.js" },
          "./feature": { browser: "./browser.js", default: "./feature.js" },
          "./utils/*": "./lib/utils/*.js",
          "./utils/deep/*": "./lib/deep/*.js",
          "./private/*": null,
          "./internal/*": "./internal/*",
        },
      }),
      "node_modules/cond/node.js": "module.exports = 'node-require'",
      "node_modules/cond/feature.js": "module.exports = 'feature-default'",
      "node_modules/cond/lib/utils/a.js": "module.exports = 'utils/a'",
      "node_modules/cond/lib/deep/b.js": "module.exports = 'deep/b'",
      "node_modules/cond/private/x.js": "module.exports = 'private'",
      "node_modules/cond/internal/secret.js": "module.exports = 'internal'",
      "node_modules/sugar/package.json": `{ "exports": "./s.js" }`,
      "node_modules/sugar/s.js": "module.exports = 'sugar'",
      "node_modules/arr/package.json": `{ "exports": { ".": ["invalid-no-dot", "./arr.js"] } }`,
      "node_modules/arr/arr.js": "module.exports = 'arr'",
      "node_modules/nomain/package.json": `{ "exports": { "./x": "./x.js" } }`,
      "node_modules/badtarget/package.json": `{ "exports": "lib.js" }`,
    });
    expect(host.stdout).toContain("node-require feature-default utils/a deep/b");
    expect(host.stdout).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("resolves imports (#) and self-reference by package name", async () => {
    const host = await expectParity({
      "package.json": JSON.stringify({
        name: "self-pkg",
        exports: { ".": "./index.js", "./feature": { require: "./feature.cjs", default: "./feature.mjs" } },
        imports: { "#dep": { node: "dep", default: "./no.js" }, "#lib/*": "./lib/*.js", "#cond": { import: "./x.mjs", require: "./x.cjs" }, "#fs": "node:fs" },
      }),
      "main.js": `${show}
console.log(require("self-pkg"), require("self-pkg/feature"), require("#lib/one"), require("#dep"), require("#cond"));
console.log(show(() => require("#fs")));
console.log(show(() => require("#missing")));
console.log(show(() => require("self-pkg/nope")));
`,
      "index.js": "module.exports = 'self index'",
      "feature.cjs": "module.exports = 'self feature'",
      "lib/one.js": "module.exports = 'lib one'",
      "x.cjs": "module.exports = 'x.cjs'",
      "node_modules/dep/index.js": "module.exports = 'dep'",
    });
    expect(host.stdout).toContain("self index self feature lib one dep x.cjs");
    expect(host.stdout).toContain("ERR_PACKAGE_IMPORT_NOT_DEFINED");
  });

  it("reports MODULE_NOT_FOUND with the require stack, and unknown builtins", async () => {
    await expectParity({
      "main.js": `${show}
console.log(show(() => require("./a")));
try { require("./a"); } catch (e) { console.log(JSON.stringify(e.requireStack)); }
console.log(show(() => require("node:nope")));
console.log(show(() => require("nope-package")));
console.log(show(() => require("")));
`,
      "a.js": "require('./b')",
      "b.js": "require('./missing')",
    });
  });

  it("handles circular requires, require.cache, module and the wrapper's variables", async () => {
    await expectParity({
      "main.js": `
const a = require("./a");
console.log(a.done, a.sawB, require("./b").sawA);
console.log(__filename, __dirname, module.id, module.filename, module.loaded, require.main === module);
const key = require.resolve("./a");
console.log(JSON.stringify(Object.keys(require.cache).sort()), require.cache[key].exports === a, module.children.length);
delete require.cache[key];
console.log(require("./a") === a, require("./counter").n, require("./counter").n);
delete require.cache[require.resolve("./counter")];
console.log(require("./counter").n, JSON.stringify(module.children.map((m) => m.id)));
console.log(require.resolve("x", { paths: [__dirname + "/other"] }), require.resolve("./a", { paths: ["./sub"] }));
console.log(typeof require("module").createRequire, this === module.exports);
`,
      "a.js": "exports.done = false; const b = require('./b'); exports.sawB = b.done; exports.done = true;",
      "b.js": "const a = require('./a'); exports.sawA = a.done; exports.done = true;",
      "counter.js": "globalThis.count = (globalThis.count || 0) + 1; exports.n = globalThis.count;",
      "other/node_modules/x/index.js": "",
      "sub/a.js": "",
    });
  });

  it("refuses native addons with a coded error", async () => {
    const result = await sandbox.runInSandbox({
      "main.js": `try { require("./addon.node"); } catch (e) { console.log(e.code, e.message); }
try { require("native"); } catch (e) { console.log(e.code); }`,
      "addon.node": "\u007fELF",
      "node_modules/native/package.json": `{ "main": "build/native.node" }`,
      "node_modules/native/build/native.node": "\u007fELF",
    });
    expect(result.stdout).toBe("ERR_DLOPEN_DISABLED Cannot load native addon /proj/addon.node: native addons are not supported in the sandbox\nERR_DLOPEN_DISABLED\n");
  });

  it("require() of an ES module returns its namespace, as Node 22 does", async () => {
    const result = await sandbox.runInSandbox({
      "main.js": `for (const s of ["./m.mjs", "esm-only"]) { const ns = require(s); console.log(Object.prototype.toString.call(ns), JSON.stringify(Object.keys(ns)), ns.default, ns === require(s)); }`,
      "m.mjs": "export default 1; export const named = 2;",
      "node_modules/esm-only/package.json": `{ "type": "module", "main": "index.js" }`,
      "node_modules/esm-only/index.js": "export const only = 3;",
    });
    expect(result.stdout).toBe('[object Module] ["__esModule","default","named"] 1 true\n[object Module] ["only"] undefined true\n');
  });

  it("sets module.paths and require.resolve.paths with the overlay last", async () => {
    const result = await sandbox.runInSandbox({
      "sub/main.js": `console.log(JSON.stringify([module.paths, require.resolve.paths("x"), require.resolve.paths("./x"), require.resolve.paths("fs")]));`,
    }, "sub/main.js");
    expect(JSON.parse(result.stdout)).toEqual([
      ["/proj/sub/node_modules", "/proj/node_modules", "/node_modules"],
      ["/proj/sub/node_modules", "/proj/node_modules", "/node_modules", "/app/node_modules"],
      ["/proj/sub"],
      null,
    ]);
  });
});
