import { describe, expect, it } from "vitest";
import { createInMemoryFileSystem, createMountFileSystem } from "../../fs/index.js";
import { bytes, expectCode, text } from "../contracts/filesystem.js";
import { coreOnly } from "./core-only.js";

describe("mount: fallbacks for a backend with only the core operations", () => {
  function setup() {
    const inner = createInMemoryFileSystem({ files: { "/tree/a/f": "1", "/tree/b": "2", "/data": "0123456789" } });
    const fs = createMountFileSystem(createInMemoryFileSystem(), [{ path: "/min", filesystem: coreOnly(inner) }]);
    return { fs, inner };
  }

  it("removes trees with rm, honouring recursive and force", async () => {
    const { fs, inner } = setup();
    await expectCode(fs.rm("/min/tree"), "EISDIR", { syscall: "rm", path: "/min/tree" });
    await expectCode(fs.rm("/min/none"), "ENOENT", { path: "/min/none" });
    await fs.rm("/min/none", { force: true });
    await fs.rm("/min/tree", { recursive: true });
    await fs.rm("/min/data");
    expect(await inner.readdir("/")).toEqual([]);
  });

  it("answers exists and readdirWithTypes", async () => {
    const { fs } = setup();
    expect(await fs.exists("/min/tree/a/f")).toBe(true);
    expect(await fs.exists("/min/tree/zzz")).toBe(false);
    expect(await fs.readdirWithTypes("/min/tree")).toEqual([
      { name: "a", type: "directory" },
      { name: "b", type: "file" },
    ]);
  });

  it("reads and writes at positions, truncates and copies", async () => {
    const { fs, inner } = setup();
    expect(text(await fs.pread("/min/data", 3, 4))).toBe("3456");
    expect(text(await fs.pread("/min/data", 8, 10))).toBe("89");
    await expectCode(fs.pread("/min/data", -1, 1), "EINVAL", { syscall: "read", path: "/min/data" });
    await fs.pwrite("/min/data", 8, bytes("XYZ"));
    expect(text(await inner.readFile("/data"))).toBe("01234567XYZ");
    await fs.pwrite("/min/data", 13, bytes("!"));
    expect([...(await inner.readFile("/data")).subarray(11)]).toEqual([0, 0, 33]);
    await fs.truncate("/min/data", 4);
    expect(text(await inner.readFile("/data"))).toBe("0123");
    await fs.truncate("/min/data", 6);
    expect([...(await inner.readFile("/data"))]).toEqual([...bytes("0123"), 0, 0]);
    await fs.copyFile("/min/tree/b", "/min/copy");
    expect(text(await inner.readFile("/copy"))).toBe("2");
    await expectCode(fs.pwrite("/min/none", 0, bytes("x")), "ENOENT", { path: "/min/none" });
  });

  it("resolves realpath by walking, with no symlink support in the backend", async () => {
    const { fs } = setup();
    expect(await fs.realpath("/min/tree/a/../a/f")).toBe("/min/tree/a/f");
    await expectCode(fs.realpath("/min/none"), "ENOENT", { syscall: "realpath", path: "/min/none" });
  });

  it("answers ENOSYS where nothing can stand in", async () => {
    const { fs } = setup();
    await expectCode(fs.chmod("/min/data", 0o600), "ENOSYS", { syscall: "chmod", path: "/min/data" });
    await expectCode(fs.utimes("/min/data", 1, 1), "ENOSYS", { syscall: "utime" });
    await expectCode(fs.symlink("data", "/min/l"), "ENOSYS", { syscall: "symlink", path: "data", dest: "/min/l" });
    await expectCode(fs.readlink("/min/data"), "ENOSYS", { syscall: "readlink" });
    await expectCode(fs.link("/min/data", "/min/h"), "ENOSYS", { syscall: "link" });
  });

  it("offers sync only while every mounted backend has it", async () => {
    const fs = createMountFileSystem(createInMemoryFileSystem({ files: { "/f": "x" } }));
    const sync = fs.sync;
    expect(sync).toBeDefined();
    fs.mount("/min", coreOnly());
    expect(fs.sync).toBeUndefined();
    expect("sync" in fs).toBe(false);
    // A view taken earlier refuses to reach the backend that cannot answer synchronously.
    await expectCode(() => sync!.readdir("/min"), "ENOSYS", { path: "/min" });
    expect(text(sync!.readFile("/f"))).toBe("x");
    fs.unmount("/min");
    expect(fs.sync).toBe(sync);
    expect(createMountFileSystem(coreOnly()).sync).toBeUndefined();
  });

  it("works with a core-only backend at the root", async () => {
    const fs = createMountFileSystem(coreOnly(), [{ path: "/mem", filesystem: createInMemoryFileSystem() }]);
    await fs.mkdir("/d");
    await fs.writeFile("/d/f", "root");
    expect(await fs.readdir("/")).toEqual(["d", "mem"]);
    await fs.copyFile("/d/f", "/mem/f");
    expect(text(await fs.readFile("/mem/f"))).toBe("root");
    await fs.rm("/d", { recursive: true });
    expect(await fs.readdir("/")).toEqual(["mem"]);
  });
});
