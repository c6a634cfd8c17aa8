import { describe, expect, it } from "vitest";
import { S_IFDIR, S_IFMT, S_IFREG } from "../../../syscalls/fs-types.js";
import { bytes, expectCode, text, type Context } from "./helpers.js";

/** Reading and writing files, creating and listing directories, stat. */
export function fileTests(ctx: () => Context): void {
  describe("files", () => {
    it("writes a string as UTF-8 and reads it back as a Uint8Array", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("a.txt"), "héllo ✓");
      const data = await fs.readFile(at("a.txt"));
      expect(data).toBeInstanceOf(Uint8Array);
      expect(text(data)).toBe("héllo ✓");
      expect(data.byteLength).toBe(bytes("héllo ✓").byteLength);
    });

    it("round-trips every byte value", async () => {
      const { fs, at } = ctx();
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await fs.writeFile(at("bin"), all);
      expect([...(await fs.readFile(at("bin")))]).toEqual([...all]);
    });

    it("hands out data that does not alias the stored file", async () => {
      const { fs, at } = ctx();
      const source = bytes("abc");
      await fs.writeFile(at("f"), source);
      source[0] = 0x7a;
      const first = await fs.readFile(at("f"));
      first[1] = 0x7a;
      expect(text(await fs.readFile(at("f")))).toBe("abc");
    });

    it("truncates with flag w, appends with a, refuses an existing file with wx", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "long content");
      await fs.writeFile(at("f"), "short");
      expect(text(await fs.readFile(at("f")))).toBe("short");
      await fs.writeFile(at("f"), "+more", { flag: "a" });
      expect(text(await fs.readFile(at("f")))).toBe("short+more");
      await fs.writeFile(at("new-by-append"), "x", { flag: "a" });
      expect(text(await fs.readFile(at("new-by-append")))).toBe("x");
      await expectCode(fs.writeFile(at("f"), "no", { flag: "wx" }), "EEXIST", { path: at("f") });
      expect(text(await fs.readFile(at("f")))).toBe("short+more");
      await fs.writeFile(at("g"), "yes", { flag: "wx" });
      expect(text(await fs.readFile(at("g")))).toBe("yes");
    });

    it("creates a file with the given mode", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("secret"), "s", { mode: 0o600 });
      const stat = await fs.stat(at("secret"));
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.mode & S_IFMT).toBe(S_IFREG);
    });

    it("reports missing files, directories and bad parents with codes and context", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await fs.writeFile(at("file"), "x");
      await expectCode(fs.readFile(at("missing")), "ENOENT", { syscall: "open", path: at("missing") });
      await expectCode(fs.readFile(at("d")), "EISDIR", { path: at("d") });
      await expectCode(fs.readFile(at("file", "child")), "ENOTDIR", { path: at("file", "child") });
      await expectCode(fs.writeFile(at("nope", "f"), "x"), "ENOENT", { syscall: "open", path: at("nope", "f") });
      await expectCode(fs.writeFile(at("d"), "x"), "EISDIR");
      const error = await expectCode(fs.readFile(at("missing")), "ENOENT");
      expect(error.message).toBe(`ENOENT: no such file or directory, open '${at("missing")}'`);
    });

    it("refuses relative paths with EINVAL", async () => {
      const { fs } = ctx();
      await expectCode(fs.readFile("relative.txt"), "EINVAL");
      await expectCode(fs.writeFile("relative.txt", "x"), "EINVAL");
      await expectCode(fs.stat("./x"), "EINVAL");
      await expectCode(fs.readdir(""), "EINVAL");
      expect(await fs.exists("relative.txt")).toBe(false);
    });

    it("normalizes . and .. segments", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await fs.writeFile(at("d", "f"), "dotted");
      expect(text(await fs.readFile(`${at("d")}/./../d/f`))).toBe("dotted");
    });
  });

  describe("directories", () => {
    it("creates directories, refusing existing ones and missing parents", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      const stat = await fs.stat(at("d"));
      expect(stat.type).toBe("directory");
      expect(stat.mode & S_IFMT).toBe(S_IFDIR);
      await expectCode(fs.mkdir(at("d")), "EEXIST", { syscall: "mkdir", path: at("d") });
      await expectCode(fs.mkdir(at("x", "y")), "ENOENT", { path: at("x", "y") });
    });

    it("creates a chain with recursive, idempotently, but not over a file", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("a", "b", "c"), { recursive: true });
      await fs.mkdir(at("a", "b", "c"), { recursive: true });
      expect((await fs.stat(at("a", "b", "c"))).type).toBe("directory");
      await fs.writeFile(at("file"), "x");
      await expectCode(fs.mkdir(at("file"), { recursive: true }), "EEXIST");
      await expectCode(fs.mkdir(at("file", "sub"), { recursive: true }), "ENOTDIR");
    });

    it("lists names sorted, with types", async () => {
      const { fs, at } = ctx();
      for (const name of ["b", "a", "C", "a2"]) await fs.writeFile(at(name), name);
      await fs.mkdir(at("dir"));
      await fs.symlink("b", at("link"));
      expect(await fs.readdir(at())).toEqual(["C", "a", "a2", "b", "dir", "link"]);
      expect(await fs.readdirWithTypes(at())).toEqual([
        { name: "C", type: "file" },
        { name: "a", type: "file" },
        { name: "a2", type: "file" },
        { name: "b", type: "file" },
        { name: "dir", type: "directory" },
        { name: "link", type: "symlink" },
      ]);
      expect(await fs.readdir(at("dir"))).toEqual([]);
    });

    it("refuses to list a file or a missing directory", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await expectCode(fs.readdir(at("f")), "ENOTDIR", { syscall: "scandir", path: at("f") });
      await expectCode(fs.readdir(at("none")), "ENOENT", { path: at("none") });
      await expectCode(fs.readdirWithTypes(at("none")), "ENOENT");
    });
  });

  describe("stat", () => {
    it("returns plain data with every field", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "12345");
      const stat = await fs.stat(at("f"));
      expect(Object.getPrototypeOf(stat)).toBe(Object.prototype);
      expect(Object.keys(stat).sort()).toEqual(
        ["atimeMs", "birthtimeMs", "ctimeMs", "gid", "ino", "mode", "mtimeMs", "nlink", "size", "type", "uid"],
      );
      expect(Object.values(stat).every((value) => typeof value !== "function")).toBe(true);
      expect(structuredClone(stat)).toEqual(stat);
      expect(stat).toMatchObject({ type: "file", size: 5 });
      expect(stat.nlink).toBeGreaterThanOrEqual(1);
      expect(stat.mtimeMs).toBeGreaterThan(0);
    });

    it("follows symlinks in stat but not in lstat", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("target"), "1234");
      await fs.symlink("target", at("link"));
      expect(await fs.stat(at("link"))).toMatchObject({ type: "file", size: 4 });
      const lstat = await fs.lstat(at("link"));
      expect(lstat.type).toBe("symlink");
      expect(lstat.mode & S_IFMT).toBe(0o120000);
      await expectCode(fs.stat(at("nothing")), "ENOENT", { syscall: "stat", path: at("nothing") });
      await expectCode(fs.lstat(at("nothing")), "ENOENT", { syscall: "lstat" });
    });

    it("answers exists without throwing", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await fs.symlink("gone", at("dangling"));
      expect(await fs.exists(at("f"))).toBe(true);
      expect(await fs.exists(at())).toBe(true);
      expect(await fs.exists(at("missing"))).toBe(false);
      expect(await fs.exists(at("f", "below-a-file"))).toBe(false);
      expect(await fs.exists(at("dangling"))).toBe(false);
    });
  });
}
