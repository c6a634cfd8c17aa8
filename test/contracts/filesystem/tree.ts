import { describe, expect, it } from "vitest";
import { expectCode, text, type Context } from "./helpers.js";

/** Removing and moving: unlink, rmdir, rename, rm. */
export function treeTests(ctx: () => Context): void {
  describe("unlink and rmdir", () => {
    it("unlinks files and links, never a link's target", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await fs.symlink("f", at("link"));
      await fs.unlink(at("link"));
      expect(await fs.readdir(at())).toEqual(["f"]);
      await fs.unlink(at("f"));
      expect(await fs.readdir(at())).toEqual([]);
      await expectCode(fs.unlink(at("f")), "ENOENT", { syscall: "unlink", path: at("f") });
    });

    it("refuses to unlink a directory", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await expectCode(fs.unlink(at("d")), "EISDIR", { syscall: "unlink", path: at("d") });
      expect((await fs.stat(at("d"))).type).toBe("directory");
    });

    it("removes only empty directories", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("d"));
      await fs.writeFile(at("d", "f"), "x");
      await expectCode(fs.rmdir(at("d")), "ENOTEMPTY", { syscall: "rmdir", path: at("d") });
      await expectCode(fs.rmdir(at("d", "f")), "ENOTDIR");
      await expectCode(fs.rmdir(at("none")), "ENOENT");
      await fs.unlink(at("d", "f"));
      await fs.rmdir(at("d"));
      expect(await fs.exists(at("d"))).toBe(false);
    });
  });

  describe("rename", () => {
    it("moves a file, replacing an existing file", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("a"), "A");
      await fs.writeFile(at("b"), "B");
      await fs.rename(at("a"), at("b"));
      expect(await fs.readdir(at())).toEqual(["b"]);
      expect(text(await fs.readFile(at("b")))).toBe("A");
    });

    it("moves a directory with its contents", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("src", "inner"), { recursive: true });
      await fs.writeFile(at("src", "inner", "f"), "deep");
      await fs.mkdir(at("dest"));
      await fs.rename(at("src"), at("dest", "moved"));
      expect(await fs.exists(at("src"))).toBe(false);
      expect(text(await fs.readFile(at("dest", "moved", "inner", "f")))).toBe("deep");
    });

    it("replaces an empty directory with a directory", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("a"));
      await fs.writeFile(at("a", "f"), "x");
      await fs.mkdir(at("b"));
      await fs.rename(at("a"), at("b"));
      expect(await fs.readdir(at())).toEqual(["b"]);
      expect(await fs.readdir(at("b"))).toEqual(["f"]);
    });

    it("follows POSIX rules for what may replace what", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("dir"));
      await fs.mkdir(at("full"));
      await fs.writeFile(at("full", "x"), "x");
      await fs.writeFile(at("file"), "f");
      await expectCode(fs.rename(at("missing"), at("z")), "ENOENT", { syscall: "rename", path: at("missing"), dest: at("z") });
      await expectCode(fs.rename(at("dir"), at("file")), "ENOTDIR");
      await expectCode(fs.rename(at("file"), at("dir")), "EISDIR");
      await expectCode(fs.rename(at("dir"), at("full")), "ENOTEMPTY");
      await expectCode(fs.rename(at("dir"), at("dir", "inside")), "EINVAL");
      await expectCode(fs.rename(at("file"), at("nope", "file")), "ENOENT");
      expect(await fs.readdir(at())).toEqual(["dir", "file", "full"]);
      expect(text(await fs.readFile(at("file")))).toBe("f");
    });

    it("renames a file onto itself as a no-op", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("same"), "kept");
      await fs.rename(at("same"), at("same"));
      expect(text(await fs.readFile(at("same")))).toBe("kept");
    });
  });

  describe("rm", () => {
    it("removes a file, and a tree only with recursive", async () => {
      const { fs, at } = ctx();
      await fs.writeFile(at("f"), "x");
      await fs.rm(at("f"));
      await fs.mkdir(at("tree", "a", "b"), { recursive: true });
      await fs.writeFile(at("tree", "a", "b", "leaf"), "x");
      await expectCode(fs.rm(at("tree")), "EISDIR", { syscall: "rm", path: at("tree") });
      expect(await fs.exists(at("tree", "a", "b", "leaf"))).toBe(true);
      await fs.rm(at("tree"), { recursive: true });
      expect(await fs.readdir(at())).toEqual([]);
    });

    it("ignores a missing path only with force", async () => {
      const { fs, at } = ctx();
      await expectCode(fs.rm(at("missing")), "ENOENT", { syscall: "rm", path: at("missing") });
      await fs.rm(at("missing"), { force: true });
      await fs.rm(at("missing"), { force: true, recursive: true });
    });

    it("removes a symlink to a directory, never the directory's contents", async () => {
      const { fs, at } = ctx();
      await fs.mkdir(at("real"));
      await fs.writeFile(at("real", "keep"), "safe");
      await fs.symlink(at("real"), at("link"));
      await fs.rm(at("link"), { recursive: true, force: true });
      expect(await fs.readdir(at())).toEqual(["real"]);
      expect(text(await fs.readFile(at("real", "keep")))).toBe("safe");
    });
  });
}
