import * as nodeFs from "node:fs";
import * as os from "node:os";
import * as hostPath from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHostDirectoryFileSystem } from "../../fs/index.js";
import { SystemError } from "../../syscalls/errors.js";
import type { FileSystem } from "../../syscalls/fs-types.js";
import { expectCode, testReadOnlyFilesystem, text, writeFixtureToHost } from "../contracts/filesystem.js";

const SECRET = "TOP SECRET";

/**
 * A temp dir holding `root/` (the fixture plus hostile entries) and `elsewhere/` (what must never
 * be reachable).
 */
function makeHostTree() {
  const tmp = nodeFs.mkdtempSync(hostPath.join(os.tmpdir(), "secure-exec-host-dir-"));
  const root = hostPath.join(tmp, "root");
  const outside = hostPath.join(tmp, "elsewhere");
  writeFixtureToHost(root);
  nodeFs.mkdirSync(outside);
  nodeFs.writeFileSync(hostPath.join(outside, "secret.txt"), SECRET);
  nodeFs.mkdirSync(hostPath.join(root, "hostile"));
  nodeFs.writeFileSync(hostPath.join(root, "hostile", "%2e%2e"), "literal name");
  nodeFs.symlinkSync(hostPath.join(outside, "secret.txt"), hostPath.join(root, "escape-abs"));
  nodeFs.symlinkSync("../elsewhere/secret.txt", hostPath.join(root, "escape-rel"));
  nodeFs.symlinkSync(outside, hostPath.join(root, "escape-dir"));
  nodeFs.symlinkSync("../../elsewhere", hostPath.join(root, "hostile", "escape-deep"));
  nodeFs.symlinkSync("/", hostPath.join(root, "escape-host-root"));
  nodeFs.symlinkSync(hostPath.join(root, "dir", "nested.txt"), hostPath.join(root, "internal-abs"));
  nodeFs.symlinkSync("loop-b", hostPath.join(root, "loop-a"));
  nodeFs.symlinkSync("loop-a", hostPath.join(root, "loop-b"));
  const cleanup = () => nodeFs.rmSync(tmp, { recursive: true, force: true });
  return { tmp, root, outside, cleanup };
}

testReadOnlyFilesystem("host directory", {
  create: () => {
    const tree = makeHostTree();
    return { fs: createHostDirectoryFileSystem({ root: tree.root }), cleanup: tree.cleanup };
  },
});

describe("host directory containment", () => {
  let tree: ReturnType<typeof makeHostTree>;
  let fs: FileSystem;
  beforeEach(() => {
    tree = makeHostTree();
    fs = createHostDirectoryFileSystem({ root: tree.root });
  });
  afterEach(() => tree.cleanup());

  it("keeps .. at the root", async () => {
    expect(text(await fs.readFile("/../../hello.txt"))).toBe("hello, world\n");
    expect(await fs.readdir("/..")).toEqual(await fs.readdir("/"));
    expect(await fs.realpath("/dir/../..")).toBe("/");
    await expectCode(fs.readFile("/../elsewhere/secret.txt"), "ENOENT", { path: "/../elsewhere/secret.txt" });
    await expectCode(fs.readFile("/dir/../../elsewhere/secret.txt"), "ENOENT");
    expect(() => fs.sync!.readFile("/../elsewhere/secret.txt")).toThrow(SystemError);
  });

  it("treats encoded or odd names as plain names", async () => {
    expect(text(await fs.readFile("/hostile/%2e%2e"))).toBe("literal name");
    await expectCode(fs.readFile("/%2e%2e/elsewhere/secret.txt"), "ENOENT");
    await expectCode(fs.readFile("/hostile/%2e%2e/elsewhere/secret.txt"), "ENOTDIR");
    await expectCode(fs.readFile("/hostile/%2e%2e/%2e%2e/elsewhere/secret.txt"), "ENOTDIR");
    await expectCode(fs.readFile("/..%2f/elsewhere/secret.txt"), "ENOENT");
    await expectCode(fs.readFile("/..\\elsewhere\\secret.txt"), "ENOENT");
  });

  it("refuses absolute and relative symlinks that lead outside", async () => {
    for (const path of ["/escape-abs", "/escape-rel", "/escape-dir/secret.txt", "/hostile/escape-deep/secret.txt", "/escape-host-root/etc/hostname"]) {
      await expectCode(fs.readFile(path), "EACCES", { syscall: "open", path });
      await expectCode(fs.stat(path), "EACCES", { syscall: "stat", path });
      await expectCode(fs.realpath(path), "EACCES", { path });
      await expectCode(fs.pread(path, 0, 4), "EACCES", { path });
      await expectCode(() => fs.sync!.readFile(path), "EACCES", { path });
      expect(await fs.exists(path)).toBe(false);
    }
    await expectCode(fs.readdir("/escape-dir"), "EACCES", { syscall: "scandir" });
    await expectCode(fs.readdirWithTypes("/hostile/escape-deep"), "EACCES");
    await expectCode(() => fs.sync!.readdir("/escape-host-root"), "EACCES");
  });

  it("shows an escaping link as a link, but not where it points", async () => {
    expect((await fs.lstat("/escape-abs")).type).toBe("symlink");
    expect(await fs.readdirWithTypes("/")).toContainEqual({ name: "escape-dir", type: "symlink" });
    await expectCode(fs.readlink("/escape-abs"), "EACCES", { syscall: "readlink", path: "/escape-abs" });
    await expectCode(fs.readlink("/escape-rel"), "EACCES");
    await expectCode(() => fs.sync!.readlink("/hostile/escape-deep"), "EACCES");
  });

  it("follows an absolute link inside the root and shows it relative, hiding the host path", async () => {
    expect(text(await fs.readFile("/internal-abs"))).toBe("nested file");
    expect(await fs.readlink("/internal-abs")).toBe("dir/nested.txt");
    expect(fs.sync!.readlink("/internal-abs")).toBe("dir/nested.txt");
    expect(await fs.realpath("/internal-abs")).toBe("/dir/nested.txt");
    nodeFs.symlinkSync(hostPath.join(tree.root, "hello.txt"), hostPath.join(tree.root, "dir", "abs-up"));
    nodeFs.symlinkSync(tree.root, hostPath.join(tree.root, "dir", "abs-root"));
    expect(await fs.readlink("/dir/abs-up")).toBe("../hello.txt");
    expect(await fs.readlink("/dir/abs-root")).toBe("..");
    expect(await fs.readdir("/dir/abs-root/dir/abs-root/dir")).toEqual(await fs.readdir("/dir"));
  });

  it("reports a symlink loop as ELOOP", async () => {
    await expectCode(fs.readFile("/loop-a"), "ELOOP", { path: "/loop-a" });
  });

  it("never puts a host path in an error", async () => {
    const hostPaths = [tree.tmp, nodeFs.realpathSync(tree.tmp), os.tmpdir(), "elsewhere", "secret"];
    const attempts: (() => unknown)[] = [
      () => fs.readFile("/escape-abs"),
      () => fs.readFile("/missing"),
      () => fs.readdir("/escape-dir"),
      () => fs.readlink("/escape-rel"),
      () => fs.readFile("/loop-a"),
      () => fs.readFile("/dir"),
      () => fs.readdir("/hello.txt"),
      () => fs.writeFile("/x", "x"),
      () => fs.rename("/hello.txt", "/y"),
      () => fs.sync!.stat("/escape-abs"),
      () => fs.sync!.readFile("/nope"),
      () => createHostDirectoryFileSystem({ root: hostPath.join(tree.tmp, "no-such-root") }),
      () => createHostDirectoryFileSystem({ root: hostPath.join(tree.root, "hello.txt") }),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        await attempt();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SystemError);
      const { message, path, dest, detail, syscall } = error as SystemError;
      const visible = JSON.stringify({ message, path, dest, detail, syscall });
      for (const hostPathText of hostPaths) expect(visible).not.toContain(hostPathText);
    }
  });

  it("refuses a root that does not exist or is not a directory", () => {
    expect(() => createHostDirectoryFileSystem({ root: hostPath.join(tree.tmp, "missing") })).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
    expect(() => createHostDirectoryFileSystem({ root: hostPath.join(tree.root, "hello.txt") })).toThrow(
      expect.objectContaining({ code: "ENOTDIR" }),
    );
  });

  it("works through a root that is itself a symlink", async () => {
    const aliasRoot = hostPath.join(tree.tmp, "root-alias");
    nodeFs.symlinkSync(tree.root, aliasRoot);
    const aliased = createHostDirectoryFileSystem({ root: aliasRoot });
    expect(text(await aliased.readFile("/internal-abs"))).toBe("nested file");
    expect(await aliased.readlink("/internal-abs")).toBe("dir/nested.txt");
    // A link written against the alias, not the resolved root, is inside too.
    nodeFs.symlinkSync(hostPath.join(aliasRoot, "hello.txt"), hostPath.join(tree.root, "via-alias"));
    expect(await aliased.readlink("/via-alias")).toBe("hello.txt");
    expect(await fs.readlink("/via-alias")).toBe("hello.txt");
    expect(fs.sync!.readlink("/via-alias")).toBe("hello.txt");
    expect(text(await fs.readFile("/via-alias"))).toBe("hello, world\n");
    await expectCode(aliased.readFile("/escape-rel"), "EACCES");
  });

  it("changes nothing on the host when writes are attempted", async () => {
    const before = nodeFs.readdirSync(tree.root).sort();
    await expectCode(fs.writeFile("/escape-abs", "pwned"), "EROFS");
    await expectCode(fs.rm("/", { recursive: true, force: true }), "EROFS");
    await expectCode(fs.copyFile("/hello.txt", "/escape-dir/copied"), "EROFS");
    expect(nodeFs.readdirSync(tree.root).sort()).toEqual(before);
    expect(nodeFs.readFileSync(hostPath.join(tree.outside, "secret.txt"), "utf8")).toBe(SECRET);
    expect(nodeFs.readdirSync(tree.outside)).toEqual(["secret.txt"]);
  });
});
