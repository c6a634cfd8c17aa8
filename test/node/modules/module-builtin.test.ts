/** The `module` builtin: createRequire, builtinModules, isBuiltin, Module. */
import { afterAll, describe, expect, it } from "vitest";
import { createModuleSandbox, runInHost } from "./harness.js";

const sandbox = createModuleSandbox();
afterAll(() => sandbox.dispose());

const TREE = {
  "lib/node_modules/only-here/index.js": "module.exports = 'only-here';",
  "lib/x.js": "module.exports = 'x';",
};

describe("the module builtin", () => {
  it("createRequire from a path, a file URL string and a URL, as host Node", async () => {
    const tree = {
      ...TREE,
      "main.mjs": `
import { createRequire, isBuiltin, Module } from "node:module";
import mod from "module";
const fromPath = createRequire(import.meta.dirname + "/lib/x.js");
const fromUrl = createRequire(new URL("./lib/", import.meta.url));
const fromString = createRequire(import.meta.url);
console.log(fromPath("only-here"), fromPath("./x"), fromUrl("./x"), fromString("./lib/x.js"), fromPath.resolve("./x"));
console.log(isBuiltin("fs"), isBuiltin("node:fs"), isBuiltin("fs/promises"), isBuiltin("nope"), isBuiltin("node:nope"));
console.log(typeof Module, mod === Module, typeof mod.createRequire, Array.isArray(mod.builtinModules));
try { createRequire("relative/path.js"); } catch (e) { console.log(e.code); }
try { fromString("only-here"); } catch (e) { console.log(e.code); }
`,
    };
    const [host, inSandbox] = await Promise.all([runInHost(tree, "main.mjs"), sandbox.runInSandbox(tree, "main.mjs")]);
    expect(inSandbox).toEqual(host);
    expect(host.stdout).toContain("only-here x x x /proj/lib/x.js\ntrue true true false false\n");
  });

  it("lists the sandbox's builtins, each loadable or refused with a coded error", async () => {
    const result = await sandbox.runInSandbox({
      "main.js": `
const { builtinModules, isBuiltin } = require("module");
const outcomes = builtinModules.map((name) => { try { require(name); require("node:" + name); return "ok"; } catch (e) { return e.code; } });
console.log(builtinModules.includes("fs"), builtinModules.includes("module"), builtinModules.every((n) => isBuiltin(n)));
console.log(outcomes.includes("ok"), outcomes.filter((o) => o !== "ok" && !/^ERR_/.test(String(o))).join(","));
console.log(module instanceof require("module"), typeof module.require, module.require("./x.js"));
const Module = require("module");
console.log(Module._resolveFilename("./x", module), Module._load("./x.js", module), Module._cache === require.cache, Module.wrap("1").startsWith("(function (exports, require, module, __filename, __dirname) { "));
`,
      "x.js": "module.exports = 'via module.require';",
    });
    expect(result.stdout).toBe("true true true\ntrue \ntrue function via module.require\n/proj/x.js via module.require true true\n");
  });
});
