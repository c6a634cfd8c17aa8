import { describe, expect, it } from "vitest";
import { createInMemoryFileSystem } from "../../fs/index.js";
import { SystemError } from "../../syscalls/errors.js";
import { expectCode, seedFixture, testFilesystem, testFixtureReads, text } from "../contracts/filesystem.js";

testFilesystem("in-memory", { create: () => ({ fs: createInMemoryFileSystem() }) });
// The size limit wraps every writing operation: the whole contract must still hold under it.
testFilesystem("in-memory with a size limit", { create: () => ({ fs: createInMemoryFileSystem({ maxBytes: 64 * 1024 * 1024 }) }) });

testFixtureReads("in-memory, seeded", {
  create: async () => {
    const fs = createInMemoryFileSystem();
    await seedFixture(fs, "/");
    return { fs };
  },
});

describe("in-memory filesystem", () => {
  it("starts with / alone, and instances share nothing", async () => {
    const a = createInMemoryFileSystem();
    const b = createInMemoryFileSystem();
    expect(await a.readdir("/")).toEqual([]);
    expect((await a.stat("/")).type).toBe("directory");
    await a.writeFile("/only-in-a", "x");
    expect(await b.exists("/only-in-a")).toBe(false);
    expect(a.readOnly).toBe(false);
    expect(typeof a.sync.readFile).toBe("function");
  });

  it("seeds files, creating their parents", async () => {
    const fs = createInMemoryFileSystem({ files: { "/app/src/index.js": "run()", "/data.bin": new Uint8Array([1, 2]) } });
    expect(text(await fs.readFile("/app/src/index.js"))).toBe("run()");
    expect([...(await fs.readFile("/data.bin"))]).toEqual([1, 2]);
    expect(await fs.readdir("/")).toEqual(["app", "data.bin"]);
    expect(() => createInMemoryFileSystem({ files: { "relative.txt": "x" } })).toThrow(SystemError);
  });

  it("returns a plain Uint8Array holding only the file's bytes", async () => {
    const fs = createInMemoryFileSystem({ files: { "/small": "tiny" } });
    const data = await fs.readFile("/small");
    expect(Object.getPrototypeOf(data)).toBe(Uint8Array.prototype);
    // memfs hands out slices of a shared pool; nothing else may be reachable through .buffer.
    expect(data.buffer.byteLength).toBe(4);
  });

  it("refuses to remove or move the root", async () => {
    const fs = createInMemoryFileSystem({ files: { "/keep": "k" } });
    await expectCode(fs.rmdir("/"), "EBUSY", { syscall: "rmdir", path: "/" });
    await expectCode(fs.rm("/", { recursive: true, force: true }), "EBUSY", { syscall: "rm" });
    await expectCode(fs.rename("/", "/elsewhere"), "EBUSY");
    await fs.mkdir("/d");
    await expectCode(fs.rename("/d", "/"), "EBUSY");
    expect(await fs.readdir("/")).toEqual(["d", "keep"]);
  });

  it("does not follow symlinks inside a tree removed recursively", async () => {
    const fs = createInMemoryFileSystem({ files: { "/precious/file": "p", "/tree/own": "o" } });
    await fs.symlink("/precious", "/tree/link");
    await fs.rm("/tree", { recursive: true });
    expect(await fs.readdir("/")).toEqual(["precious"]);
    expect(text(await fs.readFile("/precious/file"))).toBe("p");
  });

  it("refuses NUL bytes, unknown flags and bad offsets with EINVAL", async () => {
    const fs = createInMemoryFileSystem({ files: { "/f": "x" } });
    await expectCode(fs.readFile("/a\0b"), "EINVAL");
    await expectCode(fs.writeFile("/f", "x", { flag: "r+" as "w" }), "EINVAL", { syscall: "open", path: "/f" });
    await expectCode(fs.pread("/f", 0.5, 1), "EINVAL");
    await expectCode(fs.pwrite("/f", -1, new Uint8Array(1)), "EINVAL");
  });

  it("lets no memfs error object or message out", async () => {
    const fs = createInMemoryFileSystem({ files: { "/f": "x", "/d/g": "y" } });
    const failures = [
      fs.readFile("/missing"),
      fs.mkdir("/d"),
      fs.rmdir("/d"),
      fs.readdir("/f"),
      fs.unlink("/d"),
      fs.symlink("", "/empty-target"),
      fs.utimes("/missing", 1, 1),
      fs.chmod("/missing", 0o644),
      fs.copyFile("/missing", "/copy"),
      fs.realpath("/missing"),
      fs.readlink("/f"),
      fs.writeFile("/f/child", "x"),
    ];
    for (const result of await Promise.allSettled(failures)) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason;
      expect(Object.getPrototypeOf(error)).toBe(SystemError.prototype);
      expect(error.message).toMatch(/^E[A-Z]+: [a-z -]+, [a-z]+ '[^']*'/);
      const allowed = ["name", "code", "errno", "syscall", "path", "dest", "detail"];
      expect(Object.keys(error).filter((key) => !allowed.includes(key))).toEqual([]);
    }
  });
});
