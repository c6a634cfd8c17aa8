import { describe, expect, it } from "vitest";
import { createInMemoryFileSystem, createMountFileSystem } from "../../fs/index.js";
import { expectCode, text } from "../contracts/filesystem.js";

describe("mount: symlinks across mounts", () => {
  function setup() {
    // The root backend has its own /mnt/data, shadowed by the mount: following a link inside the
    // root backend alone would wrongly find "shadow".
    const root = createInMemoryFileSystem({ files: { "/mnt/data/f": "shadow", "/rootfile": "in root" } });
    const mounted = createInMemoryFileSystem({ files: { "/data/f": "mounted" } });
    const fs = createMountFileSystem(root, [{ path: "/mnt", filesystem: mounted }]);
    return { root, mounted, fs };
  }

  it("follows an absolute link from the root into a mount", async () => {
    const { fs, mounted } = setup();
    await fs.symlink("/mnt/data", "/link");
    expect(text(await fs.readFile("/link/f"))).toBe("mounted");
    expect(text(fs.sync!.readFile("/link/f"))).toBe("mounted");
    expect(await fs.realpath("/link/f")).toBe("/mnt/data/f");
    expect(await fs.stat("/link")).toMatchObject({ type: "directory" });
    expect(await fs.readdir("/link")).toEqual(["f"]);
    await fs.writeFile("/link/new", "written through");
    expect(text(await mounted.readFile("/data/new"))).toBe("written through");
    await fs.symlink("/mnt/data/f", "/file-link");
    await fs.writeFile("/file-link", "replaced");
    expect(text(await mounted.readFile("/data/f"))).toBe("replaced");
  });

  it("follows a relative link that climbs out of a mount", async () => {
    const { fs, mounted } = setup();
    await fs.symlink("../rootfile", "/mnt/up");
    expect(await mounted.readlink("/up")).toBe("../rootfile");
    expect(text(await fs.readFile("/mnt/up"))).toBe("in root");
    expect(await fs.realpath("/mnt/up")).toBe("/rootfile");
    expect(fs.sync!.realpath("/mnt/up")).toBe("/rootfile");
  });

  it("creates the target in the right mount through a dangling link", async () => {
    const { fs, mounted, root } = setup();
    await fs.symlink("/mnt/created", "/dangling");
    await fs.writeFile("/dangling", "made");
    expect(text(await mounted.readFile("/created"))).toBe("made");
    expect(await root.exists("/mnt/created")).toBe(false);
  });

  it("detects a loop that spans mounts", async () => {
    const { fs } = setup();
    await fs.symlink("/mnt/b", "/a");
    await fs.symlink("/a", "/mnt/b");
    await expectCode(fs.readFile("/a"), "ELOOP", { path: "/a" });
    await expectCode(fs.realpath("/mnt/b/x"), "ELOOP");
    await expectCode(() => fs.sync!.stat("/a"), "ELOOP");
    expect(await fs.exists("/a")).toBe(false);
    expect((await fs.lstat("/a")).type).toBe("symlink");
  });

  it("gives up after 40 links", async () => {
    const { fs } = setup();
    await fs.writeFile("/end", "end");
    await fs.symlink("/end", "/l0");
    for (let i = 1; i <= 40; i++) await fs.symlink(`/l${i - 1}`, `/l${i}`);
    expect(text(await fs.readFile("/l39"))).toBe("end");
    await expectCode(fs.readFile("/l40"), "ELOOP");
  });
});
