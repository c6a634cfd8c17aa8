import { describe, expect, it } from "vitest";
import { bytes, expectCode, text, type Context } from "./helpers.js";

/** Symlinks, hard links, realpath and metadata changes. */
export function linkTests(ctx: () => Context): void {
  describe("symlinks", () => {
    it("keeps the link text and reads and writes through the link", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await fs.writeFile(at("d", "target"), "before");
      await fs.symlink("d/target", at("relative"));
      await fs.symlink(at("d", "target"), at("absolute"));
      expect(await fs.readlink(at("relative"))).toBe("d/target");
      expect(await fs.readlink(at("absolute"))).toBe(at("d", "target"));
      expect(text(await fs.readFile(at("relative")))).toBe("before");
      await fs.writeFile(at("absolute"), "after");
      expect(text(await fs.readFile(at("d", "target")))).toBe("after");
      expect((await fs.lstat(at("absolute"))).type).toBe("symlink");
    });

    it("creates the target when writing through a dangling link", async () => {
      const { fs, at } = ctx();
      await fs.symlink("created", at("dangling"));
      await fs.writeFile(at("dangling"), "made");
      expect(text(await fs.readFile(at("created")))).toBe("made");
    });

    it("resolves directory links in the middle of a path", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("real", "sub"), { recursive: true });
      await fs.symlink("real", at("alias"));
      await fs.writeFile(at("alias", "sub", "f"), "through");
      expect(text(await fs.readFile(at("real", "sub", "f")))).toBe("through");
      expect(await fs.readdir(at("alias"))).toEqual(["sub"]);
    });

    it("refuses to replace an entry, and readlink of a non-link", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await expectCode(fs.symlink("anything", at("f")), "EEXIST", { syscall: "symlink" });
      await expectCode(fs.readlink(at("f")), "EINVAL", { syscall: "readlink", path: at("f") });
      await expectCode(fs.readlink(at("missing")), "ENOENT");
    });

    it("resolves chains in realpath and reports loops with ELOOP", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("a", "b"), { recursive: true });
      await fs.writeFile(at("a", "b", "f"), "x");
      await fs.symlink("a/b", at("one"));
      await fs.symlink(at("one"), at("two"));
      expect(await fs.realpath(at("two", "f"))).toBe(at("a", "b", "f"));
      await fs.symlink("../b/f", at("a", "b", "up-and-back"));
      expect(await fs.realpath(at("one", "up-and-back"))).toBe(at("a", "b", "f"));
      expect(await fs.realpath(at())).toBe(at());
      await expectCode(fs.realpath(at("two", "missing")), "ENOENT", { syscall: "realpath" });
      await fs.symlink("loop-b", at("loop-a"));
      await fs.symlink("loop-a", at("loop-b"));
      await expectCode(fs.stat(at("loop-a")), "ELOOP", { path: at("loop-a") });
      await expectCode(fs.readFile(at("loop-a")), "ELOOP");
      await expectCode(fs.realpath(at("loop-b")), "ELOOP");
    });
  });

  describe("hard links", () => {
    it("shares content between names and counts links", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("orig"), "one");
      await fs.link(at("orig"), at("alias"));
      expect((await fs.stat(at("orig"))).nlink).toBe(2);
      await fs.writeFile(at("alias"), "two");
      expect(text(await fs.readFile(at("orig")))).toBe("two");
      await fs.unlink(at("orig"));
      expect(text(await fs.readFile(at("alias")))).toBe("two");
    });

    it("refuses directories and existing names", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await fs.writeFile(at("f"), "x");
      await fs.writeFile(at("g"), "y");
      await expectCode(fs.link(at("d"), at("d2")), "EPERM", { syscall: "link", path: at("d"), dest: at("d2") });
      await expectCode(fs.link(at("f"), at("g")), "EEXIST");
      await expectCode(fs.link(at("missing"), at("h")), "ENOENT");
    });
  });

  describe("metadata", () => {
    it("changes permission bits with chmod", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await fs.chmod(at("f"), 0o640);
      expect((await fs.stat(at("f"))).mode & 0o7777).toBe(0o640);
      await expectCode(fs.chmod(at("missing"), 0o600), "ENOENT", { syscall: "chmod" });
    });

    it("sets times with utimes, in milliseconds", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await fs.utimes(at("f"), 1_000_000_000_000, 1_500_000_000_000);
      const stat = await fs.stat(at("f"));
      expect(stat.atimeMs).toBe(1_000_000_000_000);
      expect(stat.mtimeMs).toBe(1_500_000_000_000);
    });
  });

  describe("partial I/O", () => {
    it("truncates: shrinking, growing with zeros, to zero", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "abcdef");
      await fs.truncate(at("f"), 3);
      expect(text(await fs.readFile(at("f")))).toBe("abc");
      await fs.truncate(at("f"), 5);
      expect([...(await fs.readFile(at("f")))]).toEqual([97, 98, 99, 0, 0]);
      await fs.truncate(at("f"), 0);
      expect((await fs.stat(at("f"))).size).toBe(0);
      await fs.mkdir(at("d"));
      await expectCode(fs.truncate(at("d"), 0), "EISDIR");
      await expectCode(fs.truncate(at("missing"), 0), "ENOENT");
      await expectCode(fs.truncate(at("f"), -1), "EINVAL");
    });

    it("reads at a position with pread, short at the end", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "0123456789");
      expect(text(await fs.pread(at("f"), 2, 3))).toBe("234");
      expect(text(await fs.pread(at("f"), 8, 10))).toBe("89");
      expect((await fs.pread(at("f"), 10, 4)).byteLength).toBe(0);
      expect((await fs.pread(at("f"), 50, 4)).byteLength).toBe(0);
      await expectCode(fs.pread(at("f"), -1, 2), "EINVAL");
      await expectCode(fs.pread(at("missing"), 0, 1), "ENOENT", { syscall: "read" });
      await fs.mkdir(at("d"));
      await expectCode(fs.pread(at("d"), 0, 1), "EISDIR");
    });

    it("writes at a position with pwrite, growing the file with zeros", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "abcdef");
      await fs.pwrite(at("f"), 2, bytes("XY"));
      expect(text(await fs.readFile(at("f")))).toBe("abXYef");
      await fs.pwrite(at("f"), 8, bytes("!"));
      expect([...(await fs.readFile(at("f")))]).toEqual([...bytes("abXYef"), 0, 0, 33]);
      await expectCode(fs.pwrite(at("missing"), 0, bytes("x")), "ENOENT", { syscall: "write" });
    });

    it("copies a file into an independent one", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("src"), "original");
      await fs.copyFile(at("src"), at("copy"));
      await fs.writeFile(at("src"), "changed");
      expect(text(await fs.readFile(at("copy")))).toBe("original");
      await fs.mkdir(at("d"));
      await expectCode(fs.copyFile(at("missing"), at("x")), "ENOENT", { syscall: "copyfile", path: at("missing"), dest: at("x") });
      await expectCode(fs.copyFile(at("src"), at("d")), "EISDIR");
      await expectCode(fs.copyFile(at("d"), at("y")), "EISDIR");
    });
  });
}
