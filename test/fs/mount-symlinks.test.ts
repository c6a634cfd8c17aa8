import * as nodeFs from "node:fs";
import * as os from "node:os";
import * as hostPath from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHostDirectoryFileSystem, createInMemoryFileSystem, createMountFileSystem } from "../../fs/index.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";
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

describe("mount: a backend that resolves its own symlinks (a host directory)", () => {
  let hostRoot: string;
  beforeEach(() => {
    const top = nodeFs.realpathSync(nodeFs.mkdtempSync(hostPath.join(os.tmpdir(), "se-mount-contained-")));
    hostRoot = hostPath.join(top, "root");
    nodeFs.mkdirSync(hostPath.join(hostRoot, "store", "pkg@1", "lib"), { recursive: true });
    nodeFs.writeFileSync(hostPath.join(hostRoot, "store", "pkg@1", "lib", "index.js"), "pkg");
    nodeFs.symlinkSync(hostPath.join("store", "pkg@1"), hostPath.join(hostRoot, "pkg"));
    nodeFs.symlinkSync("pkg", hostPath.join(hostRoot, "alias"));
    // A link to a file that exists on the host, outside the root.
    nodeFs.writeFileSync(hostPath.join(top, "outside"), "host outside");
    nodeFs.symlinkSync(hostPath.join("..", "outside"), hostPath.join(hostRoot, "escape"));
  });
  afterEach(() => nodeFs.rmSync(hostPath.dirname(hostRoot), { recursive: true, force: true }));

  function setup(extraMounts: Array<{ path: string; filesystem: FileSystemBackend }> = []) {
    const host = createHostDirectoryFileSystem({ root: hostRoot });
    const calls = { realpath: 0, lstat: 0 };
    for (const method of ["realpath", "lstat"] as const) {
      const original = host.sync[method].bind(host.sync);
      host.sync[method] = (path: string) => (calls[method]++, original(path)) as never;
    }
    const root = createInMemoryFileSystem({ files: { "/outside": "virtual outside" } });
    const fs = createMountFileSystem(root, [{ path: "/app/nm", filesystem: host }, ...extraMounts]);
    return { fs, calls };
  }

  it("resolves the rest of a path in one realpath call, with the same answers", async () => {
    const { fs, calls } = setup();
    expect(fs.sync!.realpath("/app/nm/alias/lib/index.js")).toBe("/app/nm/store/pkg@1/lib/index.js");
    // One realpath for the whole path, then the lstat that confirms the result.
    expect(calls).toEqual({ realpath: 1, lstat: 1 });
    expect(text(fs.sync!.readFile("/app/nm/alias/./lib/index.js"))).toBe("pkg");
    expect(await fs.realpath("/app/nm/pkg")).toBe("/app/nm/store/pkg@1");
    expect(await fs.lstat("/app/nm/alias")).toMatchObject({ type: "symlink" });
    expect(await fs.stat("/app/nm/alias")).toMatchObject({ type: "directory" });
    await expectCode(fs.readFile("/app/nm/missing/x.js"), "ENOENT");
    // A link out of the host directory is refused, as before (not followed into the virtual tree).
    await expectCode(fs.readFile("/app/nm/escape"), "EACCES");
  });

  it("goes one component at a time where `..` climbs out or a mount lies below", async () => {
    const below = createInMemoryFileSystem({ files: { "/f": "below" } });
    const { fs, calls } = setup([{ path: "/app/nm/store/mounted", filesystem: below }]);
    expect(text(await fs.readFile("/app/nm/store/mounted/f"))).toBe("below");
    expect(text(await fs.readFile("/app/nm/alias/lib/index.js"))).toBe("pkg");
    expect(calls.lstat).toBeGreaterThan(0);
    expect(calls.realpath).toBe(0);
    const plain = setup();
    expect(text(await plain.fs.readFile("/app/nm/pkg/../../../outside"))).toBe("virtual outside");
    expect(plain.calls.realpath).toBe(0);
  });
});
