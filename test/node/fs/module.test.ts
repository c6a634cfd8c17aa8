/** The fs module itself: how it loads (CommonJS, ESM, node: prefix), its shape, printed errors, cwd. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "./harness.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

describe("fs module", () => {
  it("exports Node's names", async () => {
    const host = await sandbox.expectParity(`
const fs = require("fs");
const names = [
  "readFileSync", "writeFileSync", "appendFileSync", "existsSync", "statSync", "lstatSync", "fstatSync",
  "readdirSync", "mkdirSync", "rmSync", "rmdirSync", "unlinkSync", "renameSync", "copyFileSync", "symlinkSync",
  "readlinkSync", "realpathSync", "accessSync", "chmodSync", "utimesSync", "truncateSync", "openSync", "closeSync",
  "readSync", "writeSync", "fsyncSync", "mkdtempSync", "readFile", "writeFile", "appendFile", "exists", "stat",
  "lstat", "fstat", "readdir", "mkdir", "rm", "rmdir", "unlink", "rename", "copyFile", "symlink", "readlink",
  "realpath", "access", "chmod", "utimes", "truncate", "open", "close", "read", "write", "fsync", "mkdtemp",
];
console.log(names.filter((name) => typeof fs[name] !== "function"));
console.log(typeof fs.realpathSync.native, typeof fs.realpath.native, typeof fs.promises, typeof fs.constants, typeof fs.Stats, typeof fs.Dirent);
console.log(fs.readFileSync.name, fs.statSync.name, fs.readFile.name, fs.promises.readFile.name);
console.log(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK, Object.getPrototypeOf(fs.constants));
`);
    expect(host.stdout).toContain("[]\nfunction function object object function function");
  });

  it("loads as an ES module, with named exports and node: specifiers", async () => {
    const script = `
import fs, { readFileSync, writeFileSync } from "node:fs";
import { readFile } from "fs/promises";
import * as namespace from "fs";
writeFileSync("esm.txt", "from esm");
console.log(readFileSync("esm.txt", "utf8"), fs.existsSync("esm.txt"), typeof namespace.statSync);
console.log(await readFile("esm.txt", "utf8"));
`;
    const result = await sandbox.run(script);
    // The sandbox decides ESM from the syntax; the host needs an .mjs file, so compare with the known output.
    expect(result).toEqual({ stdout: "from esm true function\nfrom esm\n", stderr: "", code: 0 });
  });

  it("prints errors from sync calls and callbacks as Node does", async () => {
    const host = await sandbox.expectParity(`
const fs = require("fs");
try { fs.readFileSync("nope"); } catch (e) { console.log(e); }
try { fs.mkdirSync("."); } catch (e) { console.log(e.message, e.stack.split("\\n").length > 1); }
try { fs.statSync(123); } catch (e) { console.log(e); }
fs.readFile("nope", (e) => console.log(e));
fs.writeFileSync("f", "x");
try { fs.rmSync("missing"); } catch (e) { console.log(e); }
`);
    expect(host.stdout).toContain("errno: -2");
  });

  it("resolves relative paths against the cwd, including after process.chdir", async () => {
    const host = await sandbox.expectParity(`
const fs = require("fs");
fs.mkdirSync("sub");
process.chdir("sub");
fs.writeFileSync("inner.txt", "inside");
console.log(process.cwd(), fs.readdirSync("."), fs.readdirSync(".."), fs.realpathSync("inner.txt"));
console.log(fs.readFileSync("../sub/inner.txt", "utf8"), fs.existsSync(require("path").join(process.cwd(), "inner.txt")));
const fd = fs.openSync("fd.txt", "w");
process.chdir("..");
fs.writeSync(fd, "still there");
fs.ftruncateSync(fd, 5);
fs.closeSync(fd);
console.log(fs.readFileSync("sub/fd.txt", "utf8"));
`);
    expect(host.stdout).toContain("/root/sub [ 'inner.txt' ] [ 'sub' ] /root/sub/inner.txt");
  });

  it("reads standard input and writes standard output and error through fds", async () => {
    const host = await sandbox.expectParity(`
const fs = require("fs");
console.log(JSON.stringify(fs.readFileSync(0, "utf8")));
fs.writeSync(1, "fd 1\\n");
fs.writeSync(2, Buffer.from("fd 2\\n"));
console.log(fs.readFileSync("/dev/null").length);
`);
    expect(host).toEqual({ stdout: '""\nfd 1\n0\n', stderr: "fd 2\n", code: 0 });
  });

  // The host's stdio in the parity runs are sockets, where /dev/stdout cannot be opened.
  it("reads /dev/stdin and writes /dev/stdout and /dev/stderr", async () => {
    const kernel = await sandbox.kernel();
    const script = "const fs = require('fs'); fs.writeFileSync('/dev/stdout', fs.readFileSync('/dev/stdin', 'utf8').toUpperCase()); fs.appendFileSync('/dev/stderr', 'err')";
    const result = await kernel.exec(`node -e "${script}"`, { stdin: "piped in" });
    expect(result).toEqual({ exitCode: 0, stdout: "PIPED IN", stderr: "err" });
  });
});
