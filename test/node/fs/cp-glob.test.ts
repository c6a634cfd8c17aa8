/** Parity with host Node: fs.cp in its three forms, fs.glob in its three forms, and watching files. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "./harness.js";
import { createInMemoryFileSystem, createKernel, createNodeRuntime } from "../../../index.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

/** Prints what a call returned or the fields of the error it threw (or rejected with). */
const PRELUDE = `
const fs = require("fs");
const show = async (label, fn) => {
  try {
    const value = await fn();
    console.log(label, "->", value);
  } catch (e) {
    console.log(label, "!!", e.name, e.code, JSON.stringify(e.message), e.errno, e.syscall, e.path, Object.keys(e), e.info && JSON.stringify(e.info));
  }
};
const tree = (dir) => fs.readdirSync(dir, { recursive: true }).sort().map((p) => {
  const full = dir + "/" + p;
  const stat = fs.lstatSync(full);
  return stat.isSymbolicLink() ? p + " -> " + fs.readlinkSync(full) : stat.isFile() ? p + " = " + fs.readFileSync(full, "utf8") : p + "/";
});
fs.mkdirSync("src/sub/deep", { recursive: true });
fs.writeFileSync("src/a.txt", "A");
fs.writeFileSync("src/sub/b.txt", "B");
fs.writeFileSync("src/sub/deep/c.txt", "C");
fs.writeFileSync("file.txt", "F");
`;

describe("fs.cpSync", () => {
  it("copies files and trees, creating missing parents", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
(async () => {
  await show("file", () => fs.cpSync("file.txt", "copy.txt"));
  await show("content", () => fs.readFileSync("copy.txt", "utf8"));
  await show("new parents", () => fs.cpSync("file.txt", "x/y/z.txt"));
  await show("content", () => fs.readFileSync("x/y/z.txt", "utf8"));
  await show("tree", () => fs.cpSync("src", "out", { recursive: true }));
  console.log(tree("out"));
  await show("tree into missing parents", () => fs.cpSync("src/sub", "p/q/r", { recursive: true }));
  console.log(tree("p"));
  await show("url", () => fs.cpSync(new URL("file://" + process.cwd() + "/file.txt"), "url.txt"));
  await show("buffer", () => fs.cpSync(Buffer.from("file.txt"), "buffer.txt"));
  console.log(fs.readFileSync("url.txt", "utf8"), fs.readFileSync("buffer.txt", "utf8"));
})();
`);
    expect(host.stdout).toContain("'sub/deep/c.txt = C'");
  });

  it("overwrites, skips or fails on existing files (force, errorOnExist)", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  fs.cpSync("src", "out", { recursive: true });
  fs.writeFileSync("src/a.txt", "A2");
  await show("no force", () => fs.cpSync("src/a.txt", "out/a.txt", { force: false }));
  console.log(fs.readFileSync("out/a.txt", "utf8"));
  await show("errorOnExist", () => fs.cpSync("src/a.txt", "out/a.txt", { force: false, errorOnExist: true }));
  await show("force", () => fs.cpSync("src/a.txt", "out/a.txt"));
  console.log(fs.readFileSync("out/a.txt", "utf8"));
  fs.writeFileSync("src/sub/b.txt", "B2");
  await show("tree no force", () => fs.cpSync("src", "out", { recursive: true, force: false }));
  console.log(tree("out"));
  await show("tree force", () => fs.cpSync("src", "out", { recursive: true }));
  console.log(tree("out"));
  fs.mkdirSync("one/sub", { recursive: true });
  fs.writeFileSync("one/sub/f", "1");
  fs.mkdirSync("two/sub", { recursive: true });
  fs.writeFileSync("two/sub/f", "2");
  await show("tree errorOnExist", () => fs.cpSync("one", "two", { recursive: true, force: false, errorOnExist: true }));
  try {
    fs.cpSync("one", "two", { recursive: true, force: false, errorOnExist: true });
  } catch (error) {
    console.log(error);
  }
})();
`);
  });

  it("reports Node's errors for directories, copies into themselves and mismatched types", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  await show("directory without recursive", () => fs.cpSync("src", "out"));
  await show("trailing slash", () => fs.cpSync("src/", "out"));
  await show("into itself", () => fs.cpSync("src", "src/inner", { recursive: true }));
  await show("same directory", () => fs.cpSync("src", "./src", { recursive: true }));
  await show("same file", () => fs.cpSync("file.txt", "file.txt"));
  await show("directory onto file", () => fs.cpSync("src", "file.txt", { recursive: true }));
  await show("file onto directory", () => fs.cpSync("file.txt", "src"));
  await show("missing source", () => fs.cpSync("missing", "out"));
  console.log(fs.existsSync("out"), fs.existsSync("src/inner"));
  try {
    fs.cpSync("src", "out");
  } catch (error) {
    console.log(error);
  }
})();
`);
  });

  it("validates its arguments as Node does", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  await show("src type", () => fs.cpSync(1, "x"));
  await show("dest type", () => fs.cpSync("file.txt", {}));
  await show("options type", () => fs.cpSync("file.txt", "x", 5));
  await show("boolean option", () => fs.cpSync("file.txt", "x", { recursive: 1 }));
  await show("force option", () => fs.cpSync("file.txt", "x", { force: "yes" }));
  await show("option pair", () => fs.cpSync("file.txt", "x", { dereference: true, verbatimSymlinks: true }));
  await show("filter type", () => fs.cpSync("file.txt", "x", { filter: 1 }));
  await show("mode range", () => fs.cpSync("file.txt", "x", { mode: 9 }));
  await show("mode type", () => fs.cpSync("file.txt", "x", { mode: "1" }));
  await show("async filter", () => fs.cpSync("file.txt", "x", { filter: async () => true }));
  await show("null byte", () => fs.cpSync("file\\u0000.txt", "x"));
  console.log(fs.existsSync("x"));
})();
`);
  });

  it("filters entries, and a throwing filter stops the copy", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  const seen = [];
  await show("filter", () => fs.cpSync("src", "out", { recursive: true, filter: (s, d) => (seen.push(s + ">" + d), !s.endsWith("b.txt")) }));
  console.log(seen.sort(), tree("out"));
  await show("top filtered out", () => fs.cpSync("src", "none", { recursive: true, filter: () => false }));
  console.log(fs.existsSync("none"));
  await show("throwing", () => fs.cpSync("src", "out2", { recursive: true, filter: (s) => { if (s.endsWith("deep")) throw new Error("stop at " + s); return true; } }));
})();
`);
  });

  it("copies links as links, rewritten to absolute unless verbatimSymlinks, or dereferenced", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  fs.symlinkSync("a.txt", "src/rel");
  fs.symlinkSync("/nowhere/abs", "src/abs");
  fs.symlinkSync("src/a.txt", "top-link");
  await show("plain", () => fs.cpSync("src", "o1", { recursive: true }));
  console.log(tree("o1").map((line) => line.replace(process.cwd(), "CWD")));
  await show("verbatim", () => fs.cpSync("src", "o2", { recursive: true, verbatimSymlinks: true }));
  console.log(tree("o2"));
  fs.symlinkSync("sub", "src/dirlink");
  await show("link itself", () => fs.cpSync("top-link", "l1"));
  console.log(fs.lstatSync("l1").isSymbolicLink(), fs.readlinkSync("l1").replace(process.cwd(), "CWD"));
  await show("link dereferenced", () => fs.promises.cp("top-link", "l2", { dereference: true }));
  console.log(fs.lstatSync("l2").isSymbolicLink(), fs.readFileSync("l2", "utf8"));
  await show("link over link", () => fs.cpSync("top-link", "l1"));
  await show("link over link, async", () => fs.promises.cp("top-link", "l1"));
  await show("link onto file", () => fs.promises.cp("top-link", "l2"));
  await show("dangling link dereferenced", () => fs.promises.cp("src", "d0", { recursive: true, dereference: true, filter: (s) => !s.endsWith("dirlink") }));
  fs.unlinkSync("src/abs");
  await show("tree dereferenced", () => fs.promises.cp("src", "d1", { recursive: true, dereference: true }));
  await show("tree dereferenced, filtered", () => fs.cpSync("src", "d2", { recursive: true, dereference: true, filter: () => true }));
  console.log(fs.lstatSync("d1/dirlink").isDirectory(), fs.lstatSync("d2/dirlink").isDirectory(), fs.lstatSync("d1/rel").isFile());
})();
`);
  });

  it("keeps modes, and timestamps with preserveTimestamps", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  fs.chmodSync("src/a.txt", 0o640);
  fs.chmodSync("src/sub", 0o750);
  fs.utimesSync("src/a.txt", 1000, 2000);
  fs.cpSync("src", "o1", { recursive: true, preserveTimestamps: true });
  fs.cpSync("src", "o2", { recursive: true, filter: () => true });
  fs.cpSync("src/a.txt", "o3.txt");
  const mode = (p) => (fs.statSync(p).mode & 0o777).toString(8);
  console.log(mode("o1/a.txt"), fs.statSync("o1/a.txt").mtimeMs, mode("o2/a.txt"), mode("o2/sub"), mode("o3.txt"), fs.statSync("o3.txt").mtimeMs === 2000000);
  await fs.promises.cp("src", "o4", { recursive: true, preserveTimestamps: true });
  console.log(mode("o4/a.txt"), mode("o4/sub"), fs.statSync("o4/a.txt").mtimeMs);
})();
`);
  });
});

describe("fs.cp and fs.promises.cp", () => {
  it("copy trees and report SystemErrors", async () => {
    await sandbox.expectParity(`${PRELUDE}
(async () => {
  const cp = fs.promises.cp;
  await show("tree", () => cp("src", "out", { recursive: true }));
  console.log(tree("out"));
  await show("directory without recursive", () => cp("src", "out2"));
  await show("into itself", () => cp("src", "src/inner", { recursive: true }));
  await show("into itself, other spelling", () => cp("./src", "src/sub/inner", { recursive: true }));
  await show("same", () => cp("src", "src", { recursive: true }));
  await show("directory onto file", () => cp("src", "file.txt", { recursive: true }));
  await show("file onto directory", () => cp("file.txt", "out"));
  await show("errorOnExist file", () => cp("file.txt", "out/a.txt", { force: false, errorOnExist: true }));
  await show("errorOnExist tree", () => cp("src", "out", { recursive: true, force: false, errorOnExist: true }));
  await show("missing", () => cp("missing", "x"));
  await show("options", () => cp("file.txt", "x", { recursive: 1 }));
  await show("async filter", () => cp("src", "f", { recursive: true, filter: async (s) => !s.endsWith("b.txt") }));
  console.log(tree("f"));
  await show("rejecting filter", () => cp("src", "g", { recursive: true, filter: async (s) => { if (s.endsWith("deep")) throw new Error("no " + s); return true; } }));
})();
`);
  });

  it("callback form: arguments, success and failure", async () => {
    await sandbox.expectParity(`${PRELUDE}
try { fs.cp("a", "b", {}, 5); } catch (e) { console.log(e.code, e.message); }
try { fs.cp("a", "b", 6); } catch (e) { console.log(e.code, e.message); }
try { fs.cp(1, "b", () => {}); } catch (e) { console.log(e.code, e.message); }
let sync = true;
fs.cp("file.txt", "cb.txt", (...args) => {
  console.log("done", args, sync, fs.readFileSync("cb.txt", "utf8"));
  fs.cp("src", "cbdir", (error) => {
    console.log(error.code, error.message);
    fs.cp("src", "cbdir", { recursive: true }, (error) => console.log(error, tree("cbdir")));
  });
});
sync = false;
`);
  });
});

describe("fs.glob", () => {
  const GLOB_PRELUDE = `
const fs = require("fs");
fs.mkdirSync("a/b/c", { recursive: true });
fs.mkdirSync(".hidden/x", { recursive: true });
for (const file of ["a/one.js", "a/b/two.js", "a/b/c/three.ts", ".hidden/x/h.js", "a/.dot.js", "top.js", "top.md"]) fs.writeFileSync(file, "");
fs.symlinkSync("a/b", "link");
const show = (label, fn) => {
  try { console.log(label, JSON.stringify(fn())); } catch (e) { console.log(label, "!!", e.name, e.code, e.message); }
};
const sorted = (list) => list.filter((p) => p !== "main.js").sort();
`;

  it("matches patterns as Node's walk does", async () => {
    const patterns = [
      "**", "*", "**/*", "**/*.js", "a/**", "a/**/*.js", "*.js", "a/*/", "a/", "a", "link/*", "link/**",
      "**/two.js", ".hidden/**", "**/.hidden/**", "./a/*.js", "a/../top.*", "{top,a/one}.js", "a/b/../*.js",
      "**/c", "nomatch*", "missing/x", "a/**/", "**/b/**", "*/", "[t]op.js", "+(top|one).js", "a/**/../*.js",
      "./**", ".", "link/**/*.ts", "**/link/*", "a/?ne.js", "**/*.{js,ts}", "a/**/c/*",
    ];
    const host = await sandbox.expectParity(`${GLOB_PRELUDE}
for (const pattern of ${JSON.stringify(patterns)}) show(JSON.stringify(pattern), () => sorted(fs.globSync(pattern)));
show("array", () => sorted(fs.globSync(["*.js", "*.md", "a/*.js"])));
show("absolute", () => fs.globSync(process.cwd() + "/a/*.js").map((p) => p.replace(process.cwd(), "CWD")));
`);
    expect(host.stdout).toContain('"**/*.js" ["a/b/two.js","a/one.js","top.js"]');
  });

  it("takes cwd, exclude and withFileTypes", async () => {
    await sandbox.expectParity(`${GLOB_PRELUDE}
show("cwd", () => fs.globSync("*", { cwd: "a" }).sort());
show("absolute cwd", () => fs.globSync("*.js", { cwd: process.cwd() + "/a" }));
show("URL cwd", () => fs.globSync("*.js", { cwd: new URL("file://" + process.cwd() + "/a") }));
show("missing cwd", () => fs.globSync("*", { cwd: "nope" }));
show("exclude globs", () => sorted(fs.globSync("**", { exclude: ["a/b"] })));
show("exclude files", () => sorted(fs.globSync("**/*.js", { exclude: ["**/one.js"] })));
show("exclude function", () => sorted(fs.globSync("**/*.js", { exclude: (name) => name === "b" })));
show("exclude Dirent", () => fs.globSync("**/*.js", { withFileTypes: true, exclude: (d) => d.name === "b" }).map((d) => d.name).sort());
show("withFileTypes", () => fs.globSync("**/*.js", { withFileTypes: true }).map((d) => [d.name, d.parentPath, d.isFile()]).sort());
show("withFileTypes in cwd", () => fs.globSync("*", { cwd: "a", withFileTypes: true }).map((d) => [d.name, d.parentPath, d.isDirectory(), d.constructor.name]).sort());
show("dot option is not Node's", () => fs.globSync("a/*", { dot: true }).sort());
`);
  });

  it("validates patterns and options", async () => {
    await sandbox.expectParity(`${GLOB_PRELUDE}
show("number", () => fs.globSync(5));
show("array item", () => fs.globSync(["a", 5]));
show("object", () => fs.globSync({}));
show("options", () => fs.globSync("*", 5));
show("exclude", () => fs.globSync("*", { exclude: 5 }));
show("exclude item", () => fs.globSync("*", { exclude: [5] }));
show("callback", () => fs.glob("*", {}));
show("no callback", () => fs.glob("*"));
`);
  });

  it("callback and promise forms (an async iterator, checked lazily)", async () => {
    await sandbox.expectParity(`${GLOB_PRELUDE}
let sync = true;
fs.glob("**/*.js", (error, files) => {
  console.log("callback", error, sync, sorted(files));
  fs.glob("*.md", { withFileTypes: true }, (error, files) => {
    console.log("callback Dirents", files.map((d) => [d.name, d.parentPath === process.cwd(), d.isFile()]));
    (async () => {
      const iterator = fs.promises.glob(5);
      console.log(typeof iterator.next, Symbol.asyncIterator in iterator);
      try { await iterator.next(); } catch (e) { console.log("lazy", e.code, e.message); }
      const paths = [];
      for await (const file of fs.promises.glob("a/**")) paths.push(file);
      console.log("promises", paths.sort());
      const dirents = [];
      for await (const d of fs.promises.glob(["a/*.js", "link/*"], { withFileTypes: true })) dirents.push([d.name, d.parentPath.replace(process.cwd(), "CWD"), d.isFile()]);
      console.log("promise Dirents", dirents.sort());
    })();
  });
});
sync = false;
`);
  });
});

describe("watching files", () => {
  it("fs.watchFile polls: changes, removal, and a missing file reported zeroed", async () => {
    await sandbox.expectParity(`
const fs = require("fs");
fs.writeFileSync("f", "a");
let n = 0;
const watcher = fs.watchFile("f", { interval: 20 }, (curr, prev) => {
  console.log("change", ++n, curr.size, prev.size, curr.isFile(), prev.isFile(), curr.mtimeMs >= prev.mtimeMs);
  if (n === 1) setTimeout(() => fs.unlinkSync("f"), 60);
  else {
    console.log(curr.mtimeMs, curr.mtime.toISOString(), curr.blksize, curr.mode);
    fs.unwatchFile("f");
    let m = 0;
    fs.watchFile("later", { interval: 20, bigint: true }, (curr, prev) => {
      console.log("later", ++m, curr.size, prev.size, typeof curr.size);
      if (m === 1) setTimeout(() => fs.writeFileSync("later", "xyz"), 60);
      else fs.unwatchFile("later");
    });
  }
});
console.log(watcher instanceof require("events"), typeof watcher.ref, typeof watcher.unref);
setTimeout(() => fs.writeFileSync("f", "abc"), 60);
try { fs.watchFile("f"); } catch (e) { console.log(e.code, e.message); }
`);
  });

  it("unwatchFile removes one listener or all; an unref'd watcher does not keep the process", async () => {
    await sandbox.expectParity(`
const fs = require("fs");
fs.writeFileSync("f", "a");
const one = () => console.log("one");
const two = () => console.log("two");
fs.watchFile("f", { interval: 20 }, one);
fs.watchFile("f", { interval: 20 }, two);
fs.unwatchFile("f", one);
fs.unwatchFile("not-watched");
setTimeout(() => fs.writeFileSync("f", "abc"), 50);
setTimeout(() => { fs.unwatchFile("f"); fs.writeFileSync("f", "abcdef"); }, 200);
fs.watchFile("g", { interval: 20 }, () => console.log("never")).unref();
fs.watchFile("h", { interval: 20, persistent: false }, () => console.log("never"));
`);
  });

  it("fs.watch and fs.promises.watch fail with ERR_NOT_SUPPORTED_IN_SANDBOX", async () => {
    const result = await sandbox.run(`
const fs = require("fs");
fs.writeFileSync("f", "a");
try { fs.watch("f", () => {}); } catch (e) { console.log(e.name, e.code, e.message); }
const iterator = fs.promises.watch("f");
iterator.next().catch((e) => console.log(e.code, e.message));
`);
    expect(result.stdout).toBe(
      "Error ERR_NOT_SUPPORTED_IN_SANDBOX fs.watch() is not supported in the sandbox: its filesystem has no change notifications (fs.watchFile() polls and works)\n" +
        "ERR_NOT_SUPPORTED_IN_SANDBOX fs.promises.watch() is not supported in the sandbox: its filesystem has no change notifications (fs.watchFile() polls and works)\n",
    );
    expect(result.code).toBe(0);
  });
});

describe("statfs, lutimes and lchmod", () => {
  it("match what host Node 22 exposes on Linux", async () => {
    await sandbox.expectParity(`
const fs = require("fs");
const show = async (label, fn) => {
  try { console.log(label, "->", await fn()); } catch (e) { console.log(label, "!!", e.name, e.code, JSON.stringify(e.message), e.syscall, e.path); }
};
(async () => {
  console.log(typeof fs.lchmod, typeof fs.lchmodSync, "lchmod" in fs, "lchmodSync" in fs, typeof fs.promises.lchmod);
  await show("lchmod", () => fs.promises.lchmod("x", 0o644));
  fs.writeFileSync("t", "t");
  fs.symlinkSync("t", "l");
  fs.utimesSync("t", 5000, 6000);
  await show("lutimesSync", () => fs.lutimesSync("l", 1000, 2000));
  console.log(fs.lstatSync("l").mtimeMs, fs.statSync("l").mtimeMs);
  await show("lutimes promise", () => fs.promises.lutimes("l", new Date(3000000), 4000));
  console.log(fs.lstatSync("l").mtimeMs, fs.statSync("l").mtimeMs);
  await show("lutimes on a file", () => fs.promises.lutimes("t", 7000, 8000));
  console.log(fs.statSync("t").mtimeMs);
  await show("lutimes missing", () => fs.lutimesSync("nope", 1, 1));
  await show("lutimes time", () => fs.lutimesSync("l", "bad", 1));
  await new Promise((resolve) => fs.lutimes("l", 1, 2, (...args) => { console.log("callback", args, fs.lstatSync("l").mtimeMs); resolve(); }));
  const s = fs.statfsSync(".");
  console.log(s.constructor.name, Object.keys(s), Object.values(s).every((v) => typeof v === "number"), s.bsize);
  const b = await fs.promises.statfs("/", { bigint: true });
  console.log(b.constructor.name, Object.values(b).every((v) => typeof v === "bigint"));
  await show("statfs missing", () => fs.statfsSync("nope"));
  await show("statfs path", () => fs.statfsSync(1));
  await new Promise((resolve) => fs.statfs(".", (error, stats) => { console.log("callback", error, stats.constructor.name); resolve(); }));
})();
`);
  });

  it("statfs reports the sandbox filesystem's size limit and what is left of it", async () => {
    const kernel = createKernel({ filesystem: createInMemoryFileSystem({ maxBytes: 64 * 1024 * 1024 }) });
    try {
      await kernel.mount(createNodeRuntime());
      const script = `
const fs = require("fs");
const before = fs.statfsSync("/");
fs.writeFileSync("/big", Buffer.alloc(4096 * 100));
const after = fs.statfsSync("/big");
console.log(before.type.toString(16), before.bsize, before.blocks, before.bavail === before.bfree, before.bfree - after.bfree, before.ffree - after.ffree);
`;
      const result = await kernel.exec(`node -e '${script}'`);
      // Entries are counted in the same bytes (256 each): the file takes 1600 entries' worth and its own.
      expect(result.stdout).toBe("1021994 4096 16384 true 100 1601\n");
      // Without a limit, as tmpfs without a size: no blocks counted.
      const unlimited = await sandbox.run(`console.log(Object.values(require("fs").statfsSync("/")).join(" "))`);
      expect(unlimited.stdout).toBe(`${0x01021994} 4096 0 0 0 0 0\n`);
    } finally {
      await kernel.dispose();
    }
  });
});

describe("fs.openAsBlob", () => {
  it("resolves to a Blob of the file; bad arguments and missing files throw synchronously", async () => {
    await sandbox.expectParity(`
const fs = require("fs");
fs.writeFileSync("f", "hello");
for (const [label, args] of [["missing", ["nope"]], ["type", ["f", { type: 5 }]], ["options", ["f", 5]], ["path", [5]]]) {
  try { fs.openAsBlob(...args); } catch (e) { console.log(label, e.name, e.code, e.message, Object.keys(e)); }
}
console.log(fs.openAsBlob.name, fs.openAsBlob.length, typeof fs.promises.openAsBlob);
(async () => {
  const blob = await fs.openAsBlob("f", { type: "text/plain" });
  console.log(blob, blob.size, blob.type, blob instanceof Blob, await blob.text());
  const bytes = await fs.openAsBlob(Buffer.from("f"));
  console.log(bytes.type === "", new Uint8Array(await bytes.slice(1, 3).arrayBuffer()));
})();
`);
  });
});
