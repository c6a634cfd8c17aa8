import * as nodeFs from "node:fs";
import * as os from "node:os";
import * as hostPath from "node:path";
import { describe, expect, it } from "vitest";
import { createHostDirectoryFileSystem, createInMemoryFileSystem, createMountFileSystem } from "../../fs/index.js";
import type { FileSystemCore } from "../../syscalls/fs-types.js";
import { coreOnly } from "./core-only.js";
import { expectCode, testFilesystem, testReadOnlyFilesystem, text, writeFixtureToHost } from "../contracts/filesystem.js";

const composed = () => ({
  fs: createMountFileSystem(createInMemoryFileSystem(), [{ path: "/mnt", filesystem: createInMemoryFileSystem() }]),
});

testFilesystem("mount, in the root backend", { create: composed, base: "/" });
testFilesystem("mount, in the backend at /mnt", { create: composed, base: "/mnt" });
testFilesystem("mount, nested two deep", {
  create: () => ({
    fs: createMountFileSystem(createInMemoryFileSystem(), [
      { path: "/a", filesystem: createInMemoryFileSystem() },
      { path: "/a/b/c", filesystem: createInMemoryFileSystem() },
    ]),
  }),
  base: "/a/b/c/work",
});

testReadOnlyFilesystem("mount, host directory at /deps", {
  create: () => {
    const tmp = nodeFs.mkdtempSync(hostPath.join(os.tmpdir(), "secure-exec-mount-"));
    writeFixtureToHost(tmp);
    const deps = createHostDirectoryFileSystem({ root: tmp });
    return {
      fs: createMountFileSystem(createInMemoryFileSystem(), [{ path: "/deps", filesystem: deps }]),
      cleanup: () => nodeFs.rmSync(tmp, { recursive: true, force: true }),
    };
  },
  base: "/deps",
  readOnlyFlag: false,
});

describe("mount table", () => {
  it("routes each path to the longest matching mount, by whole components", async () => {
    const root = createInMemoryFileSystem();
    const a = createInMemoryFileSystem();
    const ab = createInMemoryFileSystem();
    const fs = createMountFileSystem(root, [{ path: "/a/b", filesystem: ab }]);
    fs.mount("/a", a);
    await fs.writeFile("/a/b/f", "to ab");
    await fs.mkdir("/a/bc");
    await fs.writeFile("/a/bc/f", "to a");
    await fs.writeFile("/top", "to root");
    expect(text(await ab.readFile("/f"))).toBe("to ab");
    expect(text(await a.readFile("/bc/f"))).toBe("to a");
    expect(text(await root.readFile("/top"))).toBe("to root");
    expect(fs.mounts().map((mount) => mount.path)).toEqual(["/", "/a", "/a/b"]);
  });

  it("rejects duplicate, root and relative mounts; unmounting restores the parent", async () => {
    const root = createInMemoryFileSystem({ files: { "/m/under": "root's" } });
    const fs = createMountFileSystem(root, [{ path: "/m", filesystem: createInMemoryFileSystem() }]);
    await expectCode(() => fs.mount("/m", createInMemoryFileSystem()), "EBUSY", { syscall: "mount", path: "/m" });
    await expectCode(() => fs.mount("/m/", createInMemoryFileSystem()), "EBUSY");
    await expectCode(() => fs.mount("/", createInMemoryFileSystem()), "EBUSY");
    await expectCode(() => fs.mount("rel", createInMemoryFileSystem()), "EINVAL");
    await expectCode(() => fs.unmount("/nothing"), "EINVAL", { syscall: "umount" });
    await expectCode(() => fs.unmount("/"), "EBUSY");
    expect(await fs.readdir("/m")).toEqual([]);
    fs.unmount("/m");
    expect(text(await fs.readFile("/m/under"))).toBe("root's");
  });

  it("refuses a backend that lacks core methods, naming them", async () => {
    const fs = createMountFileSystem(createInMemoryFileSystem());
    const broken = { ...coreOnly(), rename: undefined, lstat: undefined } as unknown as FileSystemCore;
    const error = await expectCode(() => fs.mount("/x", broken), "EINVAL", { syscall: "mount" });
    expect(error.message).toContain("lstat, rename");
  });

  it("lists mount points in their parent, even where the parent backend has no directory", async () => {
    const root = createInMemoryFileSystem({ files: { "/file": "x", "/shadowed": "a file in root" } });
    const fs = createMountFileSystem(root, [
      { path: "/x/y/z", filesystem: createInMemoryFileSystem({ files: { "/inside": "in z" } }) },
      { path: "/shadowed", filesystem: createInMemoryFileSystem() },
    ]);
    expect(await fs.readdir("/")).toEqual(["file", "shadowed", "x"]);
    expect(await fs.readdirWithTypes("/")).toEqual([
      { name: "file", type: "file" },
      { name: "shadowed", type: "directory" },
      { name: "x", type: "directory" },
    ]);
    expect(await fs.readdir("/x")).toEqual(["y"]);
    expect(await fs.readdirWithTypes("/x/y")).toEqual([{ name: "z", type: "directory" }]);
    expect((await fs.stat("/x/y")).type).toBe("directory");
    expect(await fs.exists("/x")).toBe(true);
    expect(await fs.readdir("/x/y/z")).toEqual(["inside"]);
    expect(fs.sync!.readdir("/x")).toEqual(["y"]);
    await expectCode(fs.readdir("/x/nope"), "ENOENT", { path: "/x/nope" });
  });

  it("refuses to move or link across mounts with EXDEV, but copies", async () => {
    const fs = createMountFileSystem(createInMemoryFileSystem({ files: { "/r": "root data" } }), [
      { path: "/mnt", filesystem: createInMemoryFileSystem({ files: { "/m": "mounted data" } }) },
    ]);
    await expectCode(fs.rename("/r", "/mnt/r"), "EXDEV", { syscall: "rename", path: "/r", dest: "/mnt/r" });
    await expectCode(() => fs.sync!.rename("/mnt/m", "/m"), "EXDEV");
    await expectCode(fs.link("/r", "/mnt/hard"), "EXDEV", { syscall: "link" });
    expect(await fs.readdir("/mnt")).toEqual(["m"]);
    await fs.copyFile("/r", "/mnt/copy");
    await fs.copyFile("/mnt/m", "/copy");
    expect(text(await fs.readFile("/mnt/copy"))).toBe("root data");
    expect(text(await fs.readFile("/copy"))).toBe("mounted data");
    await expectCode(fs.copyFile("/mnt/none", "/x"), "ENOENT", { path: "/mnt/none", dest: "/x" });
  });

  it("refuses to remove or replace a mount point", async () => {
    const fs = createMountFileSystem(createInMemoryFileSystem(), [
      { path: "/deep/mnt", filesystem: createInMemoryFileSystem({ files: { "/f": "x" } }) },
    ]);
    await fs.mkdir("/empty");
    await expectCode(fs.rmdir("/deep/mnt"), "EBUSY", { syscall: "rmdir", path: "/deep/mnt" });
    await expectCode(fs.unlink("/deep/mnt"), "EBUSY");
    await expectCode(fs.rename("/deep/mnt", "/moved"), "EBUSY");
    await expectCode(fs.rename("/empty", "/deep/mnt"), "EBUSY");
    await expectCode(fs.rm("/deep/mnt", { recursive: true }), "EBUSY");
    await expectCode(fs.rm("/deep", { recursive: true, force: true }), "EBUSY");
    expect(text(await fs.readFile("/deep/mnt/f"))).toBe("x");
  });

  it("names the full virtual path in errors, never the path inside the mount", async () => {
    const fs = createMountFileSystem(createInMemoryFileSystem(), [{ path: "/mnt", filesystem: createInMemoryFileSystem() }]);
    const error = await expectCode(fs.readFile("/mnt/missing"), "ENOENT", { syscall: "open", path: "/mnt/missing" });
    expect(error.message).toBe("ENOENT: no such file or directory, open '/mnt/missing'");
    await expectCode(() => fs.sync!.stat("/mnt/a/b"), "ENOENT", { path: "/mnt/a/b" });
    await expectCode(fs.readFile("relative"), "EINVAL");
  });

  it("reports EROFS from a read-only mount with the virtual path", async () => {
    const tmp = nodeFs.mkdtempSync(hostPath.join(os.tmpdir(), "secure-exec-mount-ro-"));
    try {
      nodeFs.writeFileSync(hostPath.join(tmp, "pkg.json"), "{}");
      const fs = createMountFileSystem(createInMemoryFileSystem(), [
        { path: "/node_modules", filesystem: createHostDirectoryFileSystem({ root: tmp }) },
      ]);
      // An absolute host link inside the mounted directory must resolve within the mount.
      nodeFs.symlinkSync(hostPath.join(tmp, "pkg.json"), hostPath.join(tmp, "alias.json"));
      expect(text(await fs.readFile("/node_modules/alias.json"))).toBe("{}");
      expect(await fs.realpath("/node_modules/alias.json")).toBe("/node_modules/pkg.json");
      await expectCode(fs.writeFile("/node_modules/pkg.json", "x"), "EROFS", { path: "/node_modules/pkg.json" });
      await expectCode(fs.writeFile("/node_modules/alias.json", "x"), "EROFS");
      await expectCode(fs.rm("/node_modules/pkg.json"), "EROFS", { syscall: "rm" });
      expect(fs.readOnly).toBe(false);
      expect(nodeFs.readFileSync(hostPath.join(tmp, "pkg.json"), "utf8")).toBe("{}");
    } finally {
      nodeFs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("keeps instances apart", async () => {
    const one = createMountFileSystem(createInMemoryFileSystem());
    const two = createMountFileSystem(createInMemoryFileSystem());
    one.mount("/only-one", createInMemoryFileSystem());
    expect(await one.readdir("/")).toEqual(["only-one"]);
    expect(await two.readdir("/")).toEqual([]);
    expect(two.mounts()).toHaveLength(1);
  });
});
