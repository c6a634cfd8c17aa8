import { describe, expect, it } from "vitest";
import type { SyncFileSystem } from "../../../syscalls/fs-types.js";
import { bytes, expectCode, text, type Context } from "./helpers.js";

/** The synchronous API, for backends that have one; it must see what the async one sees. */
export function syncTests(ctx: () => Context): void {
  const syncOf = (): SyncFileSystem => {
    const { sync } = ctx().fs;
    if (!sync) throw new Error("the filesystem has no sync API");
    return sync;
  };

  describe("sync API", () => {
    it("reads and writes files and directories", async () => {
      const { fs, at } = ctx();
      const sync = syncOf();
      sync.mkdir(at("d", "e"), { recursive: true });
      sync.writeFile(at("d", "e", "f"), "sync");
      sync.writeFile(at("d", "e", "f"), "!", { flag: "a" });
      expect(text(await fs.readFile(at("d", "e", "f")))).toBe("sync!");
      await fs.writeFile(at("d", "g"), "async");
      expect(text(sync.readFile(at("d", "g")))).toBe("async");
      expect(sync.readdir(at("d"))).toEqual(["e", "g"]);
      expect(sync.readdirWithTypes(at("d"))).toEqual([
        { name: "e", type: "directory" },
        { name: "g", type: "file" },
      ]);
      expect(sync.stat(at("d", "g"))).toEqual(await fs.stat(at("d", "g")));
      expect(sync.exists(at("d", "g"))).toBe(true);
      expect(sync.exists(at("nope"))).toBe(false);
    });

    it("moves, removes and edits in place", () => {
      const { at } = ctx();
      const sync = syncOf();
      sync.writeFile(at("f"), "0123456789");
      expect(text(sync.pread(at("f"), 3, 2))).toBe("34");
      sync.pwrite(at("f"), 0, bytes("ab"));
      sync.truncate(at("f"), 4);
      expect(text(sync.readFile(at("f")))).toBe("ab23");
      sync.rename(at("f"), at("g"));
      expect(sync.exists(at("f"))).toBe(false);
      sync.unlink(at("g"));
      sync.mkdir(at("d"));
      sync.rmdir(at("d"));
      expect(sync.readdir(at())).toEqual([]);
    });

    it("reads links and reports errors as SystemErrors", async () => {
      const { fs, at } = ctx();
      const sync = syncOf();
      await fs.writeFile(at("t"), "x");
      await fs.symlink("t", at("l"));
      expect(sync.readlink(at("l"))).toBe("t");
      expect(sync.realpath(at("l"))).toBe(at("t"));
      expect(sync.lstat(at("l")).type).toBe("symlink");
      await expectCode(() => sync.readFile(at("missing")), "ENOENT", { syscall: "open", path: at("missing") });
      await expectCode(() => sync.mkdir(at("t")), "EEXIST", { syscall: "mkdir" });
      await expectCode(() => sync.rmdir(at("t")), "ENOTDIR");
      await expectCode(() => sync.readdir("relative"), "EINVAL");
    });
  });
}
