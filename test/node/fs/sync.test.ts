/** Parity with host Node: the synchronous fs API on files, directories and links. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "./harness.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

/** Prints what a call returned or the fields of the error it threw. */
const PRELUDE = `
const fs = require("fs");
const show = (label, fn) => {
  try {
    const value = fn();
    console.log(label, "->", value);
  } catch (e) {
    console.log(label, "!!", e.name, e.code, JSON.stringify(e.message), e.errno, e.syscall, e.path, e.dest, Object.keys(e));
  }
};
`;

describe("fs sync: files", () => {
  it("writes, reads and appends strings, Buffers and typed arrays", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.writeFileSync("a.txt", "hello");
show("utf8", () => fs.readFileSync("a.txt", "utf8"));
show("buffer", () => fs.readFileSync("a.txt"));
show("options", () => fs.readFileSync("a.txt", { encoding: "hex" }));
show("base64", () => fs.readFileSync("a.txt", "base64"));
fs.appendFileSync("a.txt", Buffer.from(" world"));
fs.appendFileSync("a.txt", new Uint8Array([33, 10]));
show("appended", () => fs.readFileSync("a.txt", "utf8"));
fs.writeFileSync("b.bin", new Uint16Array([0x4142, 0x4344]));
show("typed", () => fs.readFileSync("b.bin"));
fs.writeFileSync("c.txt", "68656c6c6f", "hex");
show("hex write", () => fs.readFileSync("c.txt", "latin1"));
fs.writeFileSync("d.txt", "é€😀", { encoding: "utf8", flag: "w" });
show("unicode", () => fs.readFileSync("d.txt", "utf8"));
show("unicode bytes", () => fs.readFileSync("d.txt").length);
fs.writeFileSync("e.txt", "x", { flag: "a" });
fs.writeFileSync("e.txt", "y", { flag: "a" });
show("flag a", () => fs.readFileSync("e.txt", "utf8"));
show("wx exists", () => fs.writeFileSync("e.txt", "z", { flag: "wx" }));
fs.writeFileSync("f.txt", "new", { flag: "wx" });
show("wx new", () => fs.readFileSync("f.txt", "utf8"));
show("empty", () => (fs.writeFileSync("g.txt", ""), fs.readFileSync("g.txt", "utf8")));
show("a+ creates", () => fs.readFileSync("h.txt", { flag: "a+" }).length);
show("exists", () => [fs.existsSync("a.txt"), fs.existsSync("nope"), fs.existsSync(""), fs.existsSync(123), fs.existsSync()]);
`);
    expect(host.stdout).toContain("appended -> hello world!");
    expect(host.stdout).toContain("flag a -> xy");
  });

  it("reports read and write errors like Node", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.mkdirSync("dir");
fs.writeFileSync("file", "x");
show("missing", () => fs.readFileSync("missing.txt"));
show("directory", () => fs.readFileSync("dir"));
show("write dir", () => fs.writeFileSync("dir", "x"));
show("append dir", () => fs.appendFileSync("dir", "x"));
show("under file", () => fs.writeFileSync("file/x", "x"));
show("missing parent", () => fs.writeFileSync("no/such/file", "x"));
show("empty path", () => fs.readFileSync(""));
show("bad encoding", () => fs.readFileSync("file", "bogus"));
show("bad flag", () => fs.readFileSync("file", { flag: "zz" }));
show("bad options", () => fs.readFileSync("file", 5));
show("bad data", () => fs.writeFileSync("file", 123));
show("bad data object", () => fs.writeFileSync("file", { a: 1 }));
show("bad mode", () => fs.writeFileSync("file", "a", { mode: "zz" }));
show("null byte", () => fs.readFileSync("a\\0b"));
`);
    expect(host.stdout).toContain("missing !! Error ENOENT");
    expect(host.stdout).toContain("directory !! Error EISDIR");
  });

  it("stats files, directories and symlinks", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.writeFileSync("f", "12345");
fs.mkdirSync("d");
fs.symlinkSync("f", "link");
const kinds = (s) => [s.isFile(), s.isDirectory(), s.isSymbolicLink(), s.isFIFO(), s.isSocket(), s.isBlockDevice(), s.isCharacterDevice()];
const st = fs.statSync("f");
console.log(st instanceof fs.Stats, st.constructor.name, Object.keys(st).join(","));
console.log(st.size, kinds(st), st.mode.toString(8).slice(0, 3), st.nlink);
console.log(st.mtime instanceof Date, st.mtime.getTime() === Math.floor(st.mtimeMs) || st.mtime.getTime() === st.mtimeMs || Math.abs(st.mtime.getTime() - st.mtimeMs) < 1);
console.log(typeof st.atimeMs, typeof st.ctimeMs, typeof st.birthtimeMs, st.atime instanceof Date, st.birthtime instanceof Date);
console.log("dir", kinds(fs.statSync("d")), fs.statSync("d").mode.toString(8).slice(0, 2));
console.log("lstat link", kinds(fs.lstatSync("link")));
console.log("stat link", kinds(fs.statSync("link")), fs.statSync("link").size);
console.log("bigint", typeof fs.statSync("f", { bigint: true }).size, fs.statSync("f", { bigint: true }).size);
show("no entry", () => fs.statSync("nope"));
show("lstat no entry", () => fs.lstatSync("nope"));
show("throwIfNoEntry", () => fs.statSync("nope", { throwIfNoEntry: false }));
show("lstat throwIfNoEntry", () => fs.lstatSync("nope/x", { throwIfNoEntry: false }));
show("not a dir", () => fs.statSync("f/x"));
show("not a dir quiet", () => fs.statSync("f/x", { throwIfNoEntry: false }));
show("empty", () => fs.statSync(""));
const fd = fs.openSync("f", "r");
console.log("fstat", fs.fstatSync(fd).size, kinds(fs.fstatSync(fd)));
fs.closeSync(fd);
show("fstat closed", () => fs.fstatSync(fd));
`);
    expect(host.stdout).toContain("stat link");
    expect(host.stdout).toContain("throwIfNoEntry -> undefined");
  });

  it("opens, reads and writes through file descriptors", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
const fd = fs.openSync("data", "w+");
console.log(typeof fd);
console.log("write", fs.writeSync(fd, "hello world"));
console.log("write buffer", fs.writeSync(fd, Buffer.from("!!abc"), 2, 3));
console.log("write at", fs.writeSync(fd, "W", 6));
console.log("write options", fs.writeSync(fd, Buffer.from("xyz"), { offset: 1, length: 2, position: 20 }));
const buffer = Buffer.alloc(32, 46);
console.log("read pos 0", fs.readSync(fd, buffer, 0, 11, 0), buffer.toString("latin1"));
console.log("read offset", fs.readSync(fd, buffer, 4, 3, 6), buffer.toString("latin1", 0, 12));
console.log("read options", fs.readSync(fd, buffer, { offset: 0, length: 5, position: 14 }), JSON.stringify(buffer.toString("latin1", 0, 5)));
console.log("read length 0", fs.readSync(fd, buffer, 0, 0, 0));
console.log("read past end", fs.readSync(fd, buffer, 0, 4, 100));
fs.fsyncSync(fd);
fs.fdatasyncSync(fd);
fs.ftruncateSync(fd, 5);
console.log("fstat after truncate", fs.fstatSync(fd).size);
fs.closeSync(fd);
console.log(JSON.stringify(fs.readFileSync("data", "latin1")));
const seq = fs.openSync("data", "r");
const small = Buffer.alloc(2);
console.log("sequential", fs.readSync(seq, small), small.toString(), fs.readSync(seq, small), small.toString(), fs.readSync(seq, small), small.toString("latin1", 0, 1), fs.readSync(seq, small));
console.log("readFileSync(fd)", fs.readFileSync(fs.openSync("data", "r"), "utf8"));
const app = fs.openSync("data", "a");
fs.writeSync(app, "+tail");
fs.closeSync(app);
console.log(fs.readFileSync("data", "utf8"));
show("wx exists", () => fs.openSync("data", "wx"));
show("r missing", () => fs.openSync("missing", "r"));
show("w dir", () => (fs.mkdirSync("dir"), fs.openSync("dir", "w")));
show("bad flags", () => fs.openSync("data", "zz"));
show("bad mode", () => fs.openSync("data", "r", "xx"));
show("close bad fd", () => fs.closeSync(999));
show("fd type", () => fs.readSync("1", Buffer.alloc(1)));
show("fd range", () => fs.readSync(-1, Buffer.alloc(1)));
show("fd integer", () => fs.readSync(1.5, Buffer.alloc(1)));
show("no buffer", () => fs.readSync(seq));
show("length range", () => fs.readSync(seq, Buffer.alloc(2), 0, 5, 0));
show("offset range", () => fs.readSync(seq, Buffer.alloc(2), -1, 1, 0));
show("position type", () => fs.readSync(seq, Buffer.alloc(1), 0, 1, "x"));
show("write data type", () => fs.writeSync(seq, 123));
show("write bad fd", () => fs.writeSync(999, "x"));
const numeric = fs.openSync("numeric", fs.constants.O_CREAT | fs.constants.O_RDWR);
fs.writeSync(numeric, "num");
fs.closeSync(numeric);
console.log("numeric flags", fs.readFileSync("numeric", "utf8"));
const excl = fs.openSync("excl", fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY);
fs.closeSync(excl);
show("numeric excl", () => fs.openSync("excl", fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY));
`);
    expect(host.stdout).toContain("write 11");
    expect(host.stdout).toContain("numeric flags num");
  });
});

describe("fs sync: directories", () => {
  it("creates, lists and removes directories", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
show("mkdir", () => fs.mkdirSync("a"));
show("recursive new", () => fs.mkdirSync("a/b/c/d", { recursive: true }));
show("recursive deep new", () => fs.mkdirSync("x/y/z", { recursive: true }));
show("recursive existing", () => fs.mkdirSync("a/b", { recursive: true }));
show("absolute recursive", () => fs.mkdirSync(process.cwd() + "/abs/one", { recursive: true }));
show("mkdir mode", () => fs.mkdirSync("m", 0o755));
show("exists", () => fs.mkdirSync("a"));
show("missing parent", () => fs.mkdirSync("nope/a"));
fs.writeFileSync("file", "x");
show("under file", () => fs.mkdirSync("file/x"));
show("under file recursive", () => fs.mkdirSync("file/x", { recursive: true }));
show("file recursive", () => fs.mkdirSync("file", { recursive: true }));
show("bad recursive", () => fs.mkdirSync("zz", { recursive: 1 }));
show("empty", () => fs.mkdirSync(""));
fs.writeFileSync("a/f1", "1");
fs.writeFileSync("a/b/f2", "2");
fs.symlinkSync("f1", "a/l1");
show("readdir", () => fs.readdirSync("a").sort());
show("readdir types", () => fs.readdirSync("a", { withFileTypes: true }).sort((p, q) => (p.name < q.name ? -1 : 1)).map((d) => [d.name, d.parentPath, d.isFile(), d.isDirectory(), d.isSymbolicLink(), d instanceof fs.Dirent]));
show("readdir recursive", () => fs.readdirSync("a", { recursive: true }).sort());
show("readdir recursive types", () => fs.readdirSync("a", { recursive: true, withFileTypes: true }).map((d) => d.parentPath + "|" + d.name).sort());
show("readdir buffer", () => fs.readdirSync("a", "buffer").map((b) => Buffer.isBuffer(b)));
show("readdir dot", () => fs.readdirSync(".").sort());
show("readdir missing", () => fs.readdirSync("nope"));
show("readdir file", () => fs.readdirSync("file"));
show("rmdir not empty", () => fs.rmdirSync("a"));
show("rmdir file", () => fs.rmdirSync("file"));
show("rmdir missing", () => fs.rmdirSync("nope"));
show("rmdir empty", () => fs.rmdirSync("m"));
show("rm dir", () => fs.rmSync("a"));
show("rm missing", () => fs.rmSync("nope"));
show("rm missing force", () => fs.rmSync("nope", { force: true }));
show("rm under file", () => fs.rmSync("file/nope"));
show("rm bad option", () => fs.rmSync("a", { force: "x" }));
show("rm recursive", () => fs.rmSync("a", { recursive: true }));
show("rm file", () => fs.rmSync("file"));
show("unlink dir", () => fs.unlinkSync("x"));
show("unlink missing", () => fs.unlinkSync("nope"));
show("after", () => fs.readdirSync(".").sort());
let error;
try { fs.rmSync("x"); } catch (e) { error = e; }
console.log(String(error), error.info, error.errno, error.syscall, error.path);
`);
    expect(host.stdout).toContain("recursive new -> a/b");
    expect(host.stdout).toContain("rm dir !! SystemError ERR_FS_EISDIR");
  });

  it("makes unique temporary directories", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
const a = fs.mkdtempSync("tmp-");
const b = fs.mkdtempSync("tmp-");
console.log(/^tmp-[A-Za-z0-9]{6}$/.test(a), a !== b, fs.statSync(a).isDirectory());
show("missing parent", () => fs.mkdtempSync("nope/x"));
show("bad prefix", () => fs.mkdtempSync(5));
`);
    expect(host.stdout).toContain("true true true");
  });
});

describe("fs sync: links, renames, copies, metadata", () => {
  it("renames, copies, links and resolves", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.writeFileSync("f", "content");
fs.mkdirSync("d");
fs.writeFileSync("d/inner", "i");
show("copy", () => (fs.copyFileSync("f", "g"), fs.readFileSync("g", "utf8")));
show("copy excl", () => fs.copyFileSync("f", "g", fs.constants.COPYFILE_EXCL));
show("copy excl missing src", () => fs.copyFileSync("nope", "g", fs.constants.COPYFILE_EXCL));
show("copy missing", () => fs.copyFileSync("nope", "h"));
show("copy mode range", () => fs.copyFileSync("f", "h", 8));
show("copy mode type", () => fs.copyFileSync("f", "h", "x"));
show("rename", () => (fs.renameSync("g", "g2"), [fs.existsSync("g"), fs.readFileSync("g2", "utf8")]));
show("rename missing", () => fs.renameSync("nope", "b"));
show("rename dir into itself", () => fs.renameSync("d", "d/sub"));
show("rename file over dir", () => fs.renameSync("f", "d"));
show("rename dir over file", () => fs.renameSync("d", "f"));
show("symlink", () => fs.symlinkSync("f", "ln"));
show("symlink exists", () => fs.symlinkSync("f", "ln"));
show("symlink bad type", () => fs.symlinkSync("f", "ln2", "bad"));
show("readlink", () => fs.readlinkSync("ln"));
show("readlink buffer", () => fs.readlinkSync("ln", "buffer"));
show("readlink file", () => fs.readlinkSync("f"));
show("readlink missing", () => fs.readlinkSync("nope"));
show("through link", () => fs.readFileSync("ln", "utf8"));
show("dangling", () => (fs.symlinkSync("gone", "dangling"), fs.readFileSync("dangling")));
show("realpath", () => fs.realpathSync("ln"));
show("realpath dot", () => fs.realpathSync("."));
show("realpath native", () => fs.realpathSync.native("d/../ln"));
show("realpath missing", () => fs.realpathSync("nope/deeper"));
show("realpath native missing", () => fs.realpathSync.native("nope"));
show("link", () => (fs.linkSync("f", "hard"), fs.readFileSync("hard", "utf8")));
show("link exists", () => fs.linkSync("f", "hard"));
show("link missing", () => fs.linkSync("nope", "b"));
show("unlink link", () => (fs.unlinkSync("ln"), [fs.existsSync("ln"), fs.existsSync("f")]));
`);
    expect(host.stdout).toContain("copy -> content");
    expect(host.stdout).toContain("readlink -> f");
  });

  it("checks access, changes modes and times, truncates", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
fs.writeFileSync("f", "0123456789");
fs.mkdirSync("d");
show("access", () => fs.accessSync("f"));
show("access R W", () => fs.accessSync("f", fs.constants.R_OK | fs.constants.W_OK));
show("access X", () => fs.accessSync("f", fs.constants.X_OK));
show("access dir X", () => fs.accessSync("d", fs.constants.X_OK));
show("access missing", () => fs.accessSync("nope"));
show("access mode range", () => fs.accessSync("f", 99));
show("access mode type", () => fs.accessSync("f", "x"));
show("chmod", () => (fs.chmodSync("f", 0o755), (fs.statSync("f").mode & 0o777).toString(8)));
show("chmod string", () => (fs.chmodSync("f", "600"), (fs.statSync("f").mode & 0o777).toString(8)));
show("access X after chmod", () => (fs.chmodSync("f", 0o700), fs.accessSync("f", fs.constants.X_OK)));
show("chmod missing", () => fs.chmodSync("nope", 0o644));
show("chmod no mode", () => fs.chmodSync("f"));
show("chmod mode range", () => fs.chmodSync("f", 2 ** 32));
show("chmod mode integer", () => fs.chmodSync("f", 1.5));
show("utimes", () => (fs.utimesSync("f", 1000, new Date(2000000)), [fs.statSync("f").atimeMs, fs.statSync("f").mtimeMs, fs.statSync("f").mtime.toISOString()]));
show("utimes string", () => (fs.utimesSync("f", "3000", "4000"), fs.statSync("f").mtimeMs));
show("utimes bad", () => fs.utimesSync("f", "zz", 1));
show("utimes missing", () => fs.utimesSync("nope", 1, 1));
show("truncate", () => (fs.truncateSync("f", 4), fs.readFileSync("f", "utf8")));
show("truncate grow", () => (fs.truncateSync("f", 6), fs.readFileSync("f")));
show("truncate default", () => (fs.truncateSync("f"), fs.statSync("f").size));
show("truncate negative", () => (fs.writeFileSync("f", "abc"), fs.truncateSync("f", -1), fs.statSync("f").size));
show("truncate missing", () => fs.truncateSync("nope"));
show("truncate dir", () => fs.truncateSync("d"));
show("truncate bad len", () => fs.truncateSync("f", "x"));
show("constants", () => [fs.constants.F_OK, fs.constants.R_OK, fs.constants.W_OK, fs.constants.X_OK, fs.constants.O_CREAT, fs.constants.O_TRUNC, fs.constants.S_IFMT, fs.constants.S_IFDIR, fs.constants.COPYFILE_EXCL, fs.F_OK, fs.X_OK]);
`);
    expect(host.stdout).toContain("access X !! Error EACCES");
    expect(host.stdout).toContain("truncate -> 0123");
  });

  it("validates path arguments with Node's messages", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
for (const value of [123, undefined, null, {}, [1], true, 10n, Symbol("s"), function named() {}, 1.5, -0]) {
  show(typeof value, () => fs.statSync(value));
}
show("missing arg", () => fs.readdirSync());
show("url", () => (fs.writeFileSync(new URL("file://" + process.cwd() + "/from-url"), "u"), fs.readFileSync(require("url").pathToFileURL("from-url"), "utf8")));
show("buffer path", () => fs.readFileSync(Buffer.from("from-url"), "utf8"));
show("url scheme", () => fs.readFileSync(new URL("http://example.com/x")));
show("url host", () => fs.readFileSync(new URL("file://host/x")));
show("url encoded slash", () => fs.readFileSync(new URL("file:///a%2fb")));
show("long string", () => fs.statSync("x".repeat(30) + "'"));
`);
    expect(host.stdout).toContain('must be of type string or an instance of Buffer or URL. Received type number (123)');
  });
});
