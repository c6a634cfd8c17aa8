/** statfs (size and free space, from the size limit) and lutimes (a link's own times) in the filesystems. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createHostDirectoryFileSystem, createInMemoryFileSystem, createMountFileSystem } from "../../fs/index.js";
import { expectCode } from "../contracts/filesystem.js";
import { coreOnly } from "./core-only.js";

const TMPFS_MAGIC = 0x01021994;

describe("statfs", () => {
  it("reports an in-memory filesystem without a limit as tmpfs without a size: no blocks counted", async () => {
    const fs = createInMemoryFileSystem({ files: { "/a": "x" } });
    expect(await fs.statfs("/a")).toEqual({ type: TMPFS_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 });
    await expectCode(fs.statfs("/missing"), "ENOENT", { syscall: "statfs", path: "/missing" });
  });

  it("counts the size limit in blocks and entries, and what is left of it", async () => {
    const fs = createInMemoryFileSystem({ maxBytes: 4096 * 100 });
    const empty = await fs.statfs("/");
    expect(empty).toMatchObject({ type: TMPFS_MAGIC, bsize: 4096, blocks: 100, bfree: 100, bavail: 100, files: 1600, ffree: 1600 });
    await fs.writeFile("/data", new Uint8Array(4096 * 10));
    const used = await fs.statfs("/data");
    // 10 blocks of data and one entry's overhead (256 bytes) rounded down to whole blocks.
    expect(used).toMatchObject({ blocks: 100, bfree: 89, bavail: 89, files: 1600, ffree: 1600 - 161 });
    await fs.rm("/data");
    expect(await fs.statfs("/")).toEqual(empty);
  });

  it("goes to the backend mounted at the path, following links; backends without statfs report no limit", async () => {
    const limited = createInMemoryFileSystem({ maxBytes: 4096 * 8 });
    const fs = createMountFileSystem(createInMemoryFileSystem(), [
      { path: "/small", filesystem: limited },
      { path: "/min", filesystem: coreOnly(createInMemoryFileSystem({ files: { "/f": "1" } })) },
    ]);
    await fs.symlink("/small", "/to-small");
    expect((await fs.statfs("/small")).blocks).toBe(8);
    expect((await fs.statfs("/to-small")).blocks).toBe(8);
    expect((await fs.statfs("/")).blocks).toBe(0);
    expect(await fs.statfs("/min/f")).toEqual({ type: 0, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 });
    await expectCode(fs.statfs("/min/none"), "ENOENT", { syscall: "statfs", path: "/min/none" });
  });

  it("keeps a host directory's disk figures on the host", async () => {
    const root = mkdtempSync(join(tmpdir(), "statfs-"));
    try {
      writeFileSync(join(root, "f"), "1");
      const fs = createHostDirectoryFileSystem({ root });
      expect(await fs.statfs("/f")).toEqual({ type: 0, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 });
      await expectCode(fs.statfs("/none"), "ENOENT", { syscall: "statfs" });
      await expectCode(fs.lutimes("/f", 1000, 1000), "EROFS", { syscall: "lutime" });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("lutimes", () => {
  it("sets a link's own times and leaves its target's", async () => {
    const fs = createInMemoryFileSystem({ files: { "/target": "t" } });
    await fs.symlink("/target", "/link");
    await fs.utimes("/target", 5_000_000, 6_000_000);
    await fs.lutimes("/link", 1_000_000, 2_000_000);
    expect((await fs.lstat("/link")).mtimeMs).toBe(2_000_000);
    expect((await fs.stat("/link")).mtimeMs).toBe(6_000_000);
    await fs.lutimes("/target", 3_000_000, 4_000_000);
    expect((await fs.stat("/target")).mtimeMs).toBe(4_000_000);
    await expectCode(fs.lutimes("/missing", 1, 1), "ENOENT", { syscall: "lutime", path: "/missing" });
  });

  it("through a mount: the last link is not followed; a backend without lutimes fails with ENOSYS on links", async () => {
    const inner = createInMemoryFileSystem({ files: { "/f": "1" } });
    const fs = createMountFileSystem(createInMemoryFileSystem({ files: { "/t": "t" } }), [{ path: "/min", filesystem: coreOnly(inner) }]);
    await fs.symlink("/t", "/l");
    await fs.lutimes("/l", 1_000_000, 2_000_000);
    expect((await fs.lstat("/l")).mtimeMs).toBe(2_000_000);
    expect((await fs.stat("/l")).mtimeMs).not.toBe(2_000_000);
    await expectCode(fs.lutimes("/min/f", 1, 1), "ENOSYS", { syscall: "lutime" });
  });
});
