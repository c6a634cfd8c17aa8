/**
 * The host node_modules overlay: "The sandbox provides a read-only overlay of the host's
 * node_modules at /app/node_modules. Sandboxed code can import or require() packages installed on
 * the host without any additional configuration."
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeRuntime, createInMemoryFileSystem, createKernel, createNodeDriver, createNodeRuntime, createNodeRuntimeDriverFactory, type StdioEvent } from "../../../index.js";
import { createModuleOverlay, findNodeModules, MODULE_OVERLAY_PATH } from "../../../drivers/node/overlay.js";

const runtimes: NodeRuntime[] = [];
function runtime(driverOptions: Parameters<typeof createNodeDriver>[0] = {}): NodeRuntime {
  const created = new NodeRuntime({ systemDriver: createNodeDriver(driverOptions), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
  runtimes.push(created);
  return created;
}

async function exec(target: NodeRuntime, code: string, filePath?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await target.exec(code, { filePath, onStdio: (e: StdioEvent) => (e.channel === "stdout" ? out : err).push(e.message) });
  return { code: result.code, stdout: out.join("\n"), stderr: err.join("\n") };
}

let hostRoot: string;
let nodeModules: string;
beforeAll(() => {
  // A pnpm-style tree: top-level packages are symlinks into .pnpm, dependencies are siblings there.
  hostRoot = realpathSync(mkdtempSync(join(tmpdir(), "se-overlay-")));
  nodeModules = join(hostRoot, "node_modules");
  const store = join(nodeModules, ".pnpm");
  const foo = join(store, "foo@1.0.0", "node_modules", "foo");
  const bar = join(store, "bar@2.0.0", "node_modules", "bar");
  mkdirSync(foo, { recursive: true });
  mkdirSync(bar, { recursive: true });
  writeFileSync(join(foo, "package.json"), JSON.stringify({ name: "foo", exports: { ".": { import: "./foo.mjs", require: "./foo.cjs" } } }));
  writeFileSync(join(foo, "foo.cjs"), "module.exports = 'foo uses ' + require('bar');");
  writeFileSync(join(foo, "foo.mjs"), "import bar from 'bar'; export default 'foo (esm) uses ' + bar;");
  writeFileSync(join(bar, "index.js"), "module.exports = 'bar';");
  symlinkSync(join("..", "..", "bar@2.0.0", "node_modules", "bar"), join(store, "foo@1.0.0", "node_modules", "bar"));
  symlinkSync(join(".pnpm", "foo@1.0.0", "node_modules", "foo"), join(nodeModules, "foo"));
  // Escapes: a symlink out of the root, and a file next to the root.
  mkdirSync(join(hostRoot, "outside"));
  writeFileSync(join(hostRoot, "outside", "index.js"), "module.exports = 'SECRET';");
  writeFileSync(join(hostRoot, "secret.txt"), "SECRET");
  symlinkSync(join("..", "outside"), join(nodeModules, "escape"));
  symlinkSync("/etc/passwd", join(nodeModules, "passwd.js"));
  // A large CommonJS module (compiled by the V8 host with a code cache): an import() and a throw.
  mkdirSync(join(nodeModules, "big"), { recursive: true });
  const padding = `/* ${"x".repeat(300 * 1024)} */`;
  writeFileSync(join(nodeModules, "big", "index.js"), `${padding} exports.load = () => import("node:path").then((p) => p.join("a", "b"));\nexports.fail = () => {\n  throw new RangeError("big failed");\n};\n`);
  // An ES-only package whose top level reads its own files through createRequire.
  mkdirSync(join(nodeModules, "esm-reads"), { recursive: true });
  writeFileSync(join(nodeModules, "esm-reads", "package.json"), JSON.stringify({ name: "esm-reads", version: "1.2.3", type: "module", main: "index.js" }));
  writeFileSync(join(nodeModules, "esm-reads", "index.js"), `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nexport const version = require("./package.json").version;\nexport const helper = require("./helper.cjs");\n`);
  writeFileSync(join(nodeModules, "esm-reads", "helper.cjs"), "module.exports = 'helped';\n");
  // A native addon.
  mkdirSync(join(nodeModules, "native", "build"), { recursive: true });
  writeFileSync(join(nodeModules, "native", "package.json"), JSON.stringify({ name: "native", main: "build/native.node" }));
  writeFileSync(join(nodeModules, "native", "build", "native.node"), "\u007fELF");
});

afterAll(() => {
  for (const created of runtimes) created.dispose();
  rmSync(hostRoot, { recursive: true, force: true });
});

describe("the node_modules overlay", () => {
  it("lets sandbox code require() and import host packages with no configuration", async () => {
    const target = runtime();
    const cjs = await exec(target, `
      const path = require("path-browserify");
      const ms = require("ms");
      const { join } = require("pathe");
      console.log(path.join("a", "b"), ms(60000), join("x", "y"), require.resolve("ms"));
    `);
    expect(cjs).toEqual({ code: 0, stdout: "a/b 1m x/y /app/node_modules/ms/index.js", stderr: "" });
    const esm = await exec(target, `
      import path from "path-browserify";
      import ms from "ms";
      import { join, basename } from "pathe";
      console.log(path.join("a", "b"), ms(2000), join("x", "y"), basename("/p/q.txt"));
    `);
    expect(esm).toEqual({ code: 0, stdout: "a/b 2s x/y q.txt", stderr: "" });
  });

  it("is read-only: writes fail with EROFS and change nothing on the host", async () => {
    const before = readFileSync(join(findNodeModules()!, "ms", "index.js"), "utf8");
    const result = await exec(runtime(), `
      const fs = require("fs");
      for (const write of [
        () => fs.writeFileSync("/app/node_modules/ms/index.js", "hacked"),
        () => fs.appendFileSync("/app/node_modules/ms/index.js", "hacked"),
        () => fs.mkdirSync("/app/node_modules/new"),
        () => fs.unlinkSync("/app/node_modules/ms/index.js"),
        () => fs.renameSync("/app/node_modules/ms/index.js", "/app/node_modules/ms/moved.js"),
      ]) {
        try { write(); console.log("written"); } catch (e) { console.log(e.code); }
      }
      console.log(fs.readFileSync("/app/node_modules/ms/index.js", "utf8").includes("hacked"));
    `);
    expect(result.stdout).toBe("EROFS\nEROFS\nEROFS\nEROFS\nEROFS\nfalse");
    expect(readFileSync(join(findNodeModules()!, "ms", "index.js"), "utf8")).toBe(before);
  });

  it("needs no fs permission while other host mounts stay guarded", async () => {
    const result = await exec(runtime({ permissions: {} }), `console.log(require("fs").readdirSync("/app/node_modules").includes("ms"))`);
    expect(result.stdout).toBe("true");
  });

  it("resolves pnpm-style symlinked layouts inside the root", async () => {
    const target = runtime({ moduleOverlay: { root: nodeModules } });
    const result = await exec(target, `
      console.log(require("foo"));
      console.log(require.resolve("foo"));
    `);
    expect(result).toEqual({ code: 0, stdout: "foo uses bar\n/app/node_modules/.pnpm/foo@1.0.0/node_modules/foo/foo.cjs", stderr: "" });
    const esm = await exec(target, `import foo from "foo"; console.log(foo);`);
    expect(esm.stdout).toBe("foo (esm) uses bar");
  });

  it("resolves the symlinked layout as host Node does", async () => {
    const script = `
const foo = require("foo");
console.log(foo, require.resolve("foo"), require.resolve("bar", { paths: [require.resolve("foo")] }));
console.log(Object.keys(require.cache).filter((key) => key.includes("node_modules")).sort().join(","));
try { require("escape"); console.log("escaped"); } catch (e) { console.log(e.code); }
`;
    writeFileSync(join(hostRoot, "main.js"), script);
    const host = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["main.js"], { cwd: hostRoot, env: {} }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    // The host's escape works (nothing contains it there); the sandbox's must not.
    const expected = host.split(hostRoot).join("/app").replace("escaped", "MODULE_NOT_FOUND");
    const result = await exec(runtime({ moduleOverlay: { root: nodeModules } }), script, "/app/main.js");
    expect(result.stdout + "\n").toBe(expected);
    expect(host).toContain("escaped");
  });

  it("lets nothing out of the root: not by path, '..' or symlink", async () => {
    const result = await exec(runtime({ moduleOverlay: { root: nodeModules } }), `
      const fs = require("fs");
      const show = (f) => { try { return String(f()); } catch (e) { return e.code; } };
      console.log(show(() => require("escape")));
      console.log(show(() => fs.readFileSync("/app/node_modules/escape/index.js", "utf8")));
      console.log(show(() => fs.readdirSync("/app/node_modules/escape")));
      console.log(show(() => fs.readFileSync("/app/node_modules/passwd.js", "utf8")));
      console.log(show(() => require("/app/node_modules/passwd.js")));
      console.log(show(() => fs.readFileSync("/app/node_modules/../secret.txt", "utf8")));
      console.log(show(() => fs.readFileSync("/app/node_modules/foo/../../secret.txt", "utf8")));
      console.log(show(() => fs.readFileSync("/app/node_modules/.pnpm/../../outside/index.js", "utf8")));
      console.log(show(() => fs.realpathSync("/app/node_modules/foo")));
    `);
    const lines = result.stdout.split("\n");
    expect(lines).toEqual(["MODULE_NOT_FOUND", "EACCES", "EACCES", "EACCES", "MODULE_NOT_FOUND", "ENOENT", "ENOENT", "ENOENT", "/app/node_modules/.pnpm/foo@1.0.0/node_modules/foo"]);
    expect(result.stdout).not.toContain("SECRET");
    expect(result.stdout + result.stderr).not.toContain(hostRoot);
  });

  it("refuses native addons with ERR_DLOPEN_DISABLED", async () => {
    const target = runtime({ moduleOverlay: { root: nodeModules } });
    const cjs = await exec(target, `try { require("native"); } catch (e) { console.log(e.code, e.message); }`);
    expect(cjs.stdout).toBe("ERR_DLOPEN_DISABLED Cannot load native addon /app/node_modules/native/build/native.node: native addons are not supported in the sandbox");
    const esm = await exec(target, `import "native";`);
    expect(esm.code).toBe(1);
    expect(esm.stderr).toContain("ERR_DLOPEN_DISABLED");
  });

  it("can be turned off", async () => {
    const result = await exec(runtime({ moduleOverlay: false }), `try { require("ms"); } catch (e) { console.log(e.code); } console.log(require("fs").existsSync("/app/node_modules"))`);
    expect(result.stdout).toBe("MODULE_NOT_FOUND\nfalse");
  });

  it("validates its option and finds the nearest node_modules", () => {
    expect(findNodeModules(join(hostRoot, "outside"))).toBe(nodeModules);
    expect(createModuleOverlay(false)).toBeUndefined();
    expect(() => createNodeDriver({ moduleOverlay: "yes" as never })).toThrow(/moduleOverlay/);
    expect(() => createNodeDriver({ moduleOverlay: { root: join(hostRoot, "missing") } })).toThrow();
  });

  it("mounts into a kernel running the node command, by option or by hand", async () => {
    for (const setup of [
      async (kernel: ReturnType<typeof createKernel>) => kernel.mount(createNodeRuntime({ moduleOverlay: { root: nodeModules } })),
      async (kernel: ReturnType<typeof createKernel>) => {
        await kernel.mount(createNodeRuntime());
        kernel.mountFileSystem(MODULE_OVERLAY_PATH, createModuleOverlay({ root: nodeModules })!.filesystem);
      },
    ]) {
      const kernel = createKernel();
      try {
        await setup(kernel);
        const result = await kernel.exec(`node -e "console.log(require('foo'))"`, { cwd: "/" });
        expect(result.stdout).toBe("foo uses bar\n");
      } finally {
        await kernel.dispose();
      }
    }
  });

  it("finds the application's node_modules for the node command with moduleOverlay: true", async () => {
    const kernel = createKernel();
    try {
      await kernel.mount(createNodeRuntime({ moduleOverlay: true }));
      const result = await kernel.exec(`node -e "console.log(require('ms')(1000), require.resolve('ms'))"`);
      expect(result.stdout).toBe("1s /app/node_modules/ms/index.js\n");
    } finally {
      await kernel.dispose();
    }
  });

  it("is not mounted by the node command unless asked", async () => {
    const kernel = createKernel();
    try {
      await kernel.mount(createNodeRuntime());
      const result = await kernel.exec(`node -e "console.log(require('fs').existsSync('/app/node_modules'))"`);
      expect(result.stdout).toBe("false\n");
    } finally {
      await kernel.dispose();
    }
  });

  it("answers the module loader's lookups in the V8 host, unless something is mounted below it", async () => {
    const kernel = createKernel();
    try {
      await kernel.mount(createNodeRuntime({ moduleOverlay: { root: nodeModules } }));
      const mounts = (kernel.filesystem as unknown as { mounts(): Array<{ path: string; filesystem: Record<string, unknown> }> }).mounts();
      const overlay = mounts.find((mount) => mount.path === MODULE_OVERLAY_PATH)!.filesystem;
      // Count what reaches the overlay through the kernel, i.e. from the application's side.
      let calls = 0;
      for (const api of [overlay, overlay.sync as Record<string, unknown>]) {
        for (const method of ["stat", "lstat", "realpath", "readFile", "readlink"]) {
          const original = (api[method] as (...args: unknown[]) => unknown).bind(api);
          api[method] = (...args: unknown[]) => (calls++, original(...args));
        }
      }
      const command = `node -e "console.log(require('foo'), require.resolve('foo'))"`;
      expect((await kernel.exec(command, { cwd: "/" })).stdout).toBe("foo uses bar /app/node_modules/.pnpm/foo@1.0.0/node_modules/foo/foo.cjs\n");
      expect(calls).toBe(0);
      // A mount inside the overlay's tree: the kernel's view is the truth, so the application answers.
      kernel.mountFileSystem(`${MODULE_OVERLAY_PATH}/extra`, createInMemoryFileSystem({ files: { "/index.js": "module.exports = 'extra';" } }));
      expect((await kernel.exec(`node -e "console.log(require('foo'), require('extra'))"`, { cwd: "/" })).stdout).toBe("foo uses bar extra\n");
      expect(calls).toBeGreaterThan(0);
    } finally {
      await kernel.dispose();
    }
  });

  it("loads a large module the same way in every session (the V8 host's code cache)", async () => {
    const target = runtime({ moduleOverlay: { root: nodeModules } });
    const code = `const big = require("big"); big.load().then((joined) => { console.log(joined); try { big.fail(); } catch (e) { console.log(e.stack.split("\\n").slice(0, 2).join(" | ")); } });`;
    const first = await exec(target, code);
    const second = await exec(target, code);
    expect(first).toEqual({ code: 0, stdout: "a/b\nRangeError: big failed |     at exports.fail (/app/node_modules/big/index.js:3:9)", stderr: "" });
    expect(second).toEqual(first);
  });

  it("lets an ES module required from CommonJS read the overlay at its top level", async () => {
    const target = runtime({ moduleOverlay: { root: nodeModules } });
    expect(await exec(target, `const m = require("esm-reads"); console.log(m.version, m.helper);`)).toEqual({ code: 0, stdout: "1.2.3 helped", stderr: "" });
  });
});
