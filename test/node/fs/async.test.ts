/** Parity with host Node: the callback fs API, fs.promises and FileHandle. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "./harness.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

const PRELUDE = `
const fs = require("fs");
const describeError = (e) => [e.name, e.code, e.message, e.errno, e.syscall, e.path, e.dest, Object.keys(e)];
const sync = (label, fn) => {
  try { console.log(label, "->", fn()); } catch (e) { console.log(label, "threw", ...describeError(e)); }
};
`;

describe("fs callbacks", () => {
  it("runs callbacks later, never synchronously, with (err, value)", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
let synchronous = true;
fs.writeFile("a", "text", (err) => {
  console.log("writeFile", err, synchronous);
  fs.readFile("a", "utf8", (err, data) => {
    console.log("readFile", err, data);
    fs.appendFile("a", "+more", (err) => {
      console.log("appendFile", err);
      fs.readFile("a", (err, data) => {
        console.log("readFile buffer", err, data);
        fs.stat("missing", (err, stats) => {
          console.log("stat missing", ...describeError(err), stats);
          fs.access("missing", (err) => {
            console.log("access missing", err.code, err.syscall);
            fs.exists("missing", (...args) => console.log("exists", args));
          });
        });
      });
    });
  });
});
synchronous = false;
process.nextTick(() => console.log("nextTick"));
Promise.resolve().then(() => console.log("microtask"));
`);
    expect(host.stdout).toMatch(/^nextTick\nmicrotask\nwriteFile null false/);
    expect(host.stdout).toContain("readFile null text");
  });

  it("covers the directory, link and metadata operations", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
const steps = [
  (next) => fs.mkdir("d/e", { recursive: true }, (err, first) => { console.log("mkdir", err, first); next(); }),
  (next) => fs.mkdir("d", (err) => { console.log("mkdir exists", ...describeError(err)); next(); }),
  (next) => fs.writeFile("d/f", "data", next),
  (next) => fs.readdir("d", (err, names) => { console.log("readdir", err, names.sort()); next(); }),
  (next) => fs.readdir("d", { withFileTypes: true }, (err, entries) => { console.log("dirents", entries.map((d) => [d.name, d.isDirectory()]).sort()); next(); }),
  (next) => fs.stat("d/f", (err, st) => { console.log("stat", err, st.size, st.isFile()); next(); }),
  (next) => fs.lstat("d", (err, st) => { console.log("lstat", st.isDirectory()); next(); }),
  (next) => fs.copyFile("d/f", "d/g", (err) => { console.log("copyFile", err); next(); }),
  (next) => fs.copyFile("d/f", "d/g", fs.constants.COPYFILE_EXCL, (err) => { console.log("copyFile excl", ...describeError(err)); next(); }),
  (next) => fs.rename("d/g", "d/h", (err) => { console.log("rename", err); next(); }),
  (next) => fs.symlink("f", "d/link", (err) => { console.log("symlink", err); next(); }),
  (next) => fs.readlink("d/link", (err, target) => { console.log("readlink", err, target); next(); }),
  (next) => fs.realpath("d/link", (err, real) => { console.log("realpath", err, real); next(); }),
  (next) => fs.realpath.native("d/link", (err, real) => { console.log("realpath.native", err, real); next(); }),
  (next) => fs.link("d/f", "d/hard", (err) => { console.log("link", err); next(); }),
  (next) => fs.chmod("d/f", 0o600, (err) => { console.log("chmod", err, (fs.statSync("d/f").mode & 0o777).toString(8)); next(); }),
  (next) => fs.utimes("d/f", 10, 20, (err) => { console.log("utimes", err, fs.statSync("d/f").mtimeMs); next(); }),
  (next) => fs.truncate("d/f", 2, (err) => { console.log("truncate", err, fs.readFileSync("d/f", "utf8")); next(); }),
  (next) => fs.access("d/f", fs.constants.R_OK, (err) => { console.log("access", err); next(); }),
  (next) => fs.mkdtemp("d/t-", (err, dir) => { console.log("mkdtemp", err, /^d\\/t-.{6}$/.test(dir)); next(); }),
  (next) => fs.unlink("d/h", (err) => { console.log("unlink", err); next(); }),
  (next) => fs.rmdir("d", (err) => { console.log("rmdir", ...describeError(err)); next(); }),
  (next) => fs.rm("d", (err) => { console.log("rm", err.code, err.message); next(); }),
  (next) => fs.rm("d", { recursive: true }, (err) => { console.log("rm recursive", err, fs.existsSync("d")); next(); }),
  (next) => fs.rm("d", { force: true }, (err) => { console.log("rm force", err); next(); }),
];
const run = (i) => i < steps.length && steps[i](() => run(i + 1));
run(0);
`);
    expect(host.stdout).toContain("readlink null f");
    expect(host.stdout).toContain("rm recursive null false");
  });

  it("reads and writes through fds with (err, bytes, buffer)", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.open("f", "w+", (err, fd) => {
  console.log("open", err, typeof fd);
  fs.write(fd, "hello", (err, written, str) => {
    console.log("write string", err, written, str);
    fs.write(fd, Buffer.from("XYZ"), 0, 3, 1, (err, written, buffer) => {
      console.log("write buffer", err, written, buffer);
      fs.read(fd, Buffer.alloc(5), 0, 5, 0, (err, bytesRead, buffer) => {
        console.log("read", err, bytesRead, buffer.toString());
        fs.read(fd, { buffer: Buffer.alloc(3), position: 2 }, (err, bytesRead, buffer) => {
          console.log("read options", err, bytesRead, buffer.toString());
          fs.fstat(fd, (err, st) => {
            console.log("fstat", err, st.size);
            fs.fsync(fd, (err) => {
              console.log("fsync", err);
              fs.ftruncate(fd, 1, (err) => {
                console.log("ftruncate", err);
                fs.close(fd, (err) => {
                  console.log("close", err, fs.readFileSync("f", "utf8"));
                  fs.close(fd, (err) => console.log("close again", ...describeError(err)));
                });
              });
            });
          });
        });
      });
    });
  });
});
`);
    expect(host.stdout).toContain("read null 5 hXYZo");
  });

  it("validates arguments synchronously and requires a callback", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
sync("no callback", () => fs.readFile("x"));
sync("callback not function", () => fs.stat("x", {}, 5));
sync("bad path", () => fs.stat(123, () => console.log("never")));
sync("bad data", () => fs.writeFile("x", 5, () => console.log("never")));
sync("bad fd", () => fs.read(-1, () => console.log("never")));
sync("exists without callback", () => fs.exists("x"));
let calls = 0;
fs.readdir("nope", (err) => { calls++; console.log("readdir", ...describeError(err)); });
process.on("exit", () => console.log("calls", calls));
`);
    expect(host.stdout).toContain('The "cb" argument must be of type function. Received undefined');
  });
});

describe("fs.promises", () => {
  it("is the same object as fs/promises and node:fs/promises", async () => {
    const host = await sandbox.expectParity(`
const fs = require("fs");
console.log(require("fs/promises") === fs.promises, require("node:fs/promises") === fs.promises, require("node:fs") === fs);
console.log(Object.keys(fs.promises).filter((k) => ["readFile", "writeFile", "open", "stat", "mkdir", "rm", "readdir", "constants"].includes(k)).sort());
`);
    expect(host.stdout).toContain("true true true");
  });

  it("resolves and rejects like Node", async () => {
    const host = await sandbox.expectParity(`
const fsp = require("fs/promises");
const describeError = (e) => [e.name, e.code, e.message, e.errno, e.syscall, e.path, Object.keys(e)];
(async () => {
  await fsp.writeFile("a", "alpha");
  console.log(await fsp.readFile("a", "utf8"), await fsp.readFile("a"));
  await fsp.appendFile("a", "-beta");
  console.log(await fsp.readFile("a", { encoding: "utf8" }));
  await fsp.writeFile("gen", (function* () { yield "x"; yield Buffer.from("y"); })());
  console.log("iterable", await fsp.readFile("gen", "utf8"));
  console.log("mkdir", await fsp.mkdir("p/q", { recursive: true }));
  console.log("readdir", (await fsp.readdir(".")).sort());
  console.log("stat", (await fsp.stat("a")).size, (await fsp.lstat("p")).isDirectory());
  await fsp.copyFile("a", "b");
  await fsp.rename("b", "c");
  await fsp.symlink("c", "l");
  console.log("readlink", await fsp.readlink("l"), "realpath", await fsp.realpath("l"));
  await fsp.access("c");
  await fsp.chmod("c", 0o644);
  await fsp.truncate("c", 3);
  await fsp.utimes("c", 1, 2);
  console.log("c", await fsp.readFile("c", "utf8"), (await fsp.stat("c")).mtimeMs);
  await fsp.unlink("l");
  await fsp.rm("p", { recursive: true });
  console.log("after", (await fsp.readdir(".")).sort());
  for (const [label, op] of [
    ["readFile missing", () => fsp.readFile("missing")],
    ["mkdir exists", () => fsp.mkdir("a")],
    ["rmdir file", () => fsp.rmdir("a")],
    ["rm dir", () => fsp.mkdir("dir").then(() => fsp.rm("dir"))],
    ["readdir file", () => fsp.readdir("a")],
    ["bad path", () => fsp.stat(42)],
    ["bad data", () => fsp.writeFile("a", 42)],
  ]) {
    const promise = op();
    console.log(label, promise instanceof Promise);
    await promise.then((v) => console.log(label, "resolved", v), (e) => console.log(label, "rejected", ...describeError(e)));
  }
})();
`);
    expect(host.stdout).toContain("alpha-beta");
    expect(host.stdout).toContain("readFile missing rejected");
  });

  it("offers FileHandle from open()", async () => {
    const host = await sandbox.expectParity(`
const fsp = require("fs/promises");
(async () => {
  const handle = await fsp.open("f", "w+");
  console.log(typeof handle.fd, handle.constructor.name);
  console.log(await handle.write("hello world"));
  console.log(await handle.write(Buffer.from("HELLO"), 0, 5, 0));
  const read = await handle.read(Buffer.alloc(11), 0, 11, 0);
  console.log(read.bytesRead, read.buffer.toString(), Object.getPrototypeOf(read));
  const byOptions = await handle.read({ buffer: Buffer.alloc(4), position: 6 });
  console.log(byOptions.bytesRead, byOptions.buffer.toString());
  console.log((await handle.stat()).size, (await handle.stat()).isFile());
  await handle.truncate(5);
  await handle.sync();
  await handle.close();
  console.log("fd after close", handle.fd);
  await handle.close();
  try { await handle.read(Buffer.alloc(1)); } catch (e) { console.log("closed", e.code, e.message, e.syscall); }
  const again = await fsp.open("f", "r+");
  console.log(await again.readFile("utf8"));
  await again.writeFile("!");
  await again.close();
  console.log(await fsp.readFile("f", "utf8"));
  const appender = await fsp.open("f", "a");
  await appender.appendFile("++");
  await appender.close();
  console.log(await fsp.readFile("f", "utf8"));
  const reader = await fsp.open("f");
  console.log((await reader.read()).bytesRead, (await reader.read()).bytesRead);
  await reader.close();
  try { await fsp.open("missing"); } catch (e) { console.log(e.code, e.syscall, e.path, e.message); }
})();
`);
    expect(host.stdout).toContain("HELLO world");
  });
});
