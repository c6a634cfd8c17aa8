/** The in-memory filesystem's size limit: growth past it fails with ENOSPC and writes nothing. */
import { describe, expect, it } from "vitest";
import { createInMemoryFileSystem } from "../../fs/index.js";
import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory } from "../../index.js";

describe("maxBytes", () => {
  it("refuses writes past the limit and keeps what was there", async () => {
    const fs = createInMemoryFileSystem({ maxBytes: 10_000 });
    await fs.writeFile("/a", "x".repeat(4000));
    await expect(fs.writeFile("/b", "y".repeat(8000))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(await fs.exists("/b")).toBe(false);
    await expect(fs.writeFile("/a", "z".repeat(20_000))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(new TextDecoder().decode(await fs.readFile("/a"))).toBe("x".repeat(4000));
    await expect(fs.pwrite("/a", 9000, new Uint8Array(2000))).rejects.toMatchObject({ code: "ENOSPC" });
    expect((await fs.stat("/a")).size).toBe(4000);
  });

  it("gives space back when files go, and counts entries so empty files are bounded too", async () => {
    const fs = createInMemoryFileSystem({ maxBytes: 10_000 });
    await fs.writeFile("/a", "x".repeat(8000));
    await expect(fs.writeFile("/b", "y".repeat(4000))).rejects.toMatchObject({ code: "ENOSPC" });
    await fs.rm("/a");
    await fs.writeFile("/b", "y".repeat(4000));
    let created = 0;
    try {
      for (; created < 1000; created++) await fs.mkdir(`/d${created}`);
    } catch (error) {
      expect(error).toMatchObject({ code: "ENOSPC" });
    }
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(1000);
  });

  it("bounds what sandbox code can write into a NodeRuntime's default filesystem", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), memoryLimit: 256 });
    try {
      const lines: string[] = [];
      await runtime.exec(
        "const fs = require('fs'); const chunk = Buffer.alloc(60 * 1024 * 1024); let n = 0; try { for (; n < 10; n++) fs.writeFileSync('/tmp/f' + n, chunk); } catch (e) { console.log(e.code, n); }",
        { onStdio: (event) => lines.push(event.message) },
      );
      expect(lines).toEqual(["ENOSPC 4"]);
    } finally {
      runtime.dispose();
    }
  });
});
