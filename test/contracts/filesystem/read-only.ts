import * as nodeFs from "node:fs";
import * as hostPath from "node:path";
import posix from "node:path/posix";
import { describe, expect, it } from "vitest";
import type { FileSystem } from "../../../syscalls/fs-types.js";
import { bytes, expectCode, snapshot, text, type Context } from "./helpers.js";

/** The tree the read suites expect under their base. Link targets are relative, so they mean the same in any backend. */
export const FIXTURE = {
  directories: ["dir", "dir/sub", "emptydir"],
  files: {
    "hello.txt": "hello, world\n",
    "empty.txt": "",
    "dir/nested.txt": "nested file",
    "dir/sub/deep.txt": "deep",
  } as Record<string, string>,
  symlinks: {
    "link-to-nested": "dir/nested.txt",
    "link-to-dir": "dir",
    "dir/link-up": "../hello.txt",
  } as Record<string, string>,
} as const;

/** Writes FIXTURE into a writable virtual filesystem under `base`. */
export async function seedFixture(fs: FileSystem, base: string): Promise<void> {
  for (const dir of FIXTURE.directories) await fs.mkdir(posix.join(base, dir), { recursive: true });
  for (const [path, content] of Object.entries(FIXTURE.files)) await fs.writeFile(posix.join(base, path), content);
  for (const [path, target] of Object.entries(FIXTURE.symlinks)) await fs.symlink(target, posix.join(base, path));
}

/** Writes FIXTURE into a host directory with node:fs. */
export function writeFixtureToHost(root: string): void {
  const host = (path: string) => hostPath.join(root, ...path.split("/"));
  for (const dir of FIXTURE.directories) nodeFs.mkdirSync(host(dir), { recursive: true });
  for (const [path, content] of Object.entries(FIXTURE.files)) nodeFs.writeFileSync(host(path), content);
  for (const [path, target] of Object.entries(FIXTURE.symlinks)) nodeFs.symlinkSync(target, host(path));
}

/** Reads of FIXTURE: contents, listings, stat, links. */
export function fixtureReadTests(ctx: () => Context): void {
  describe("reading the fixture", () => {
    it("reads every file's content", async () => {
      const { fs, at } = ctx();
      for (const [path, content] of Object.entries(FIXTURE.files)) {
        expect(text(await fs.readFile(at(path)))).toBe(content);
      }
    });

    it("lists directories sorted, with types", async () => {
      const { fs, at } = ctx();
      expect(await fs.readdir(at())).toEqual(
        expect.arrayContaining(["dir", "empty.txt", "emptydir", "hello.txt", "link-to-dir", "link-to-nested"]),
      );
      const root = await fs.readdir(at());
      expect(root).toEqual([...root].sort());
      expect(await fs.readdir(at("dir"))).toEqual(["link-up", "nested.txt", "sub"]);
      expect(await fs.readdir(at("emptydir"))).toEqual([]);
      expect(await fs.readdirWithTypes(at("dir"))).toEqual([
        { name: "link-up", type: "symlink" },
        { name: "nested.txt", type: "file" },
        { name: "sub", type: "directory" },
      ]);
    });

    it("stats files, directories and links", async () => {
      const { fs, at } = ctx();
      expect(await fs.stat(at("hello.txt"))).toMatchObject({ type: "file", size: 13 });
      expect((await fs.stat(at("dir"))).type).toBe("directory");
      expect((await fs.lstat(at("link-to-nested"))).type).toBe("symlink");
      expect(await fs.stat(at("link-to-nested"))).toMatchObject({ type: "file", size: 11 });
      expect(Object.getPrototypeOf(await fs.stat(at("hello.txt")))).toBe(Object.prototype);
    });

    it("follows internal links and reports their text", async () => {
      const { fs, at } = ctx();
      expect(text(await fs.readFile(at("link-to-nested")))).toBe("nested file");
      expect(text(await fs.readFile(at("dir", "link-up")))).toBe("hello, world\n");
      expect(await fs.readdir(at("link-to-dir", "sub"))).toEqual(["deep.txt"]);
      expect(await fs.readlink(at("link-to-dir"))).toBe("dir");
      expect(await fs.readlink(at("dir", "link-up"))).toBe("../hello.txt");
      expect(await fs.realpath(at("link-to-dir", "link-up"))).toBe(at("hello.txt"));
      expect(await fs.realpath(at())).toBe(at());
    });

    it("answers exists and pread", async () => {
      const { fs, at } = ctx();
      expect(await fs.exists(at("dir", "sub", "deep.txt"))).toBe(true);
      expect(await fs.exists(at("dir", "nothing"))).toBe(false);
      expect(text(await fs.pread(at("hello.txt"), 7, 5))).toBe("world");
      expect(text(await fs.pread(at("hello.txt"), 12, 5))).toBe("\n");
    });

    it("reports errors with codes and the virtual path", async () => {
      const { fs, at } = ctx();
      await expectCode(fs.readFile(at("nothing")), "ENOENT", { syscall: "open", path: at("nothing") });
      await expectCode(fs.readFile(at("dir")), "EISDIR");
      await expectCode(fs.pread(at("dir"), 0, 0), "EISDIR", { syscall: "read", path: at("dir") });
      await expectCode(fs.readdir(at("hello.txt")), "ENOTDIR", { path: at("hello.txt") });
      await expectCode(fs.readlink(at("hello.txt")), "EINVAL");
      await expectCode(fs.stat("hello.txt"), "EINVAL");
    });

    it("answers the same through the sync API, when there is one", async () => {
      const { fs, at } = ctx();
      if (!fs.sync) return;
      expect(text(fs.sync.readFile(at("dir", "sub", "deep.txt")))).toBe("deep");
      expect(fs.sync.readdir(at("dir"))).toEqual(await fs.readdir(at("dir")));
      expect(fs.sync.readdirWithTypes(at("dir"))).toEqual(await fs.readdirWithTypes(at("dir")));
      expect(fs.sync.stat(at("hello.txt"))).toEqual(await fs.stat(at("hello.txt")));
      expect(fs.sync.lstat(at("link-to-dir")).type).toBe("symlink");
      expect(fs.sync.readlink(at("link-to-dir"))).toBe("dir");
      expect(fs.sync.realpath(at("link-to-nested"))).toBe(at("dir", "nested.txt"));
      expect(text(fs.sync.pread(at("hello.txt"), 0, 5))).toBe("hello");
      expect(fs.sync.exists(at("nothing"))).toBe(false);
      await expectCode(() => fs.sync!.readFile(at("nothing")), "ENOENT", { path: at("nothing") });
    });
  });
}

/** Every write fails with EROFS, naming the operation and path, and nothing changes. */
export function readOnlyTests(ctx: () => Context, flagged: boolean): void {
  describe("read-only", () => {
    it(flagged ? "says so" : "says it is writable as a whole", () => {
      expect(ctx().fs.readOnly).toBe(flagged);
    });

    it("fails every write with EROFS and leaves the data untouched", async () => {
      const { fs, at } = ctx();
      const before = await snapshot(fs, at());
      const writes: [string, string, () => Promise<unknown>][] = [
        ["open", at("new.txt"), () => fs.writeFile(at("new.txt"), "x")],
        ["open", at("hello.txt"), () => fs.writeFile(at("hello.txt"), "x")],
        ["open", at("hello.txt"), () => fs.writeFile(at("hello.txt"), "x", { flag: "a" })],
        ["mkdir", at("newdir"), () => fs.mkdir(at("newdir"))],
        ["mkdir", at("a", "b"), () => fs.mkdir(at("a", "b"), { recursive: true })],
        ["unlink", at("hello.txt"), () => fs.unlink(at("hello.txt"))],
        ["unlink", at("link-to-dir"), () => fs.unlink(at("link-to-dir"))],
        ["rmdir", at("emptydir"), () => fs.rmdir(at("emptydir"))],
        ["rm", at("dir"), () => fs.rm(at("dir"), { recursive: true, force: true })],
        ["rename", at("hello.txt"), () => fs.rename(at("hello.txt"), at("moved.txt"))],
        ["symlink", "hello.txt", () => fs.symlink("hello.txt", at("new-link"))],
        ["link", at("hello.txt"), () => fs.link(at("hello.txt"), at("hard"))],
        ["chmod", at("hello.txt"), () => fs.chmod(at("hello.txt"), 0o777)],
        ["utime", at("hello.txt"), () => fs.utimes(at("hello.txt"), 1000, 1000)],
        ["open", at("hello.txt"), () => fs.truncate(at("hello.txt"), 0)],
        ["copyfile", at("hello.txt"), () => fs.copyFile(at("hello.txt"), at("copy.txt"))],
        ["write", at("hello.txt"), () => fs.pwrite(at("hello.txt"), 0, bytes("X"))],
      ];
      for (const [syscall, path, write] of writes) await expectCode(write(), "EROFS", { syscall, path });
      expect(await snapshot(fs, at())).toEqual(before);
      expect(Object.keys(before).length).toBeGreaterThan(8);
    });

    it("fails every sync write with EROFS too", async () => {
      const { fs, at } = ctx();
      const sync = fs.sync;
      if (!sync) return;
      const before = await snapshot(fs, at());
      await expectCode(() => sync.writeFile(at("new.txt"), "x"), "EROFS", { syscall: "open", path: at("new.txt") });
      await expectCode(() => sync.writeFile(at("hello.txt"), "x"), "EROFS");
      await expectCode(() => sync.mkdir(at("d2")), "EROFS", { syscall: "mkdir" });
      await expectCode(() => sync.unlink(at("hello.txt")), "EROFS");
      await expectCode(() => sync.rmdir(at("emptydir")), "EROFS");
      await expectCode(() => sync.rename(at("hello.txt"), at("m")), "EROFS", { dest: at("m") });
      await expectCode(() => sync.truncate(at("hello.txt"), 0), "EROFS");
      await expectCode(() => sync.pwrite(at("hello.txt"), 0, bytes("X")), "EROFS");
      expect(await snapshot(fs, at())).toEqual(before);
    });
  });
}
