import { afterEach, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import type { ProcessContext, RuntimeDriver } from "../../syscalls/index.js";

/** The driver from docs/custom-drivers.md: upper-cases its stdin, reports what it was given. */
function createUpperDriver(): RuntimeDriver & { seen: Array<Pick<ProcessContext, "argv" | "env" | "cwd">> } {
  const seen: Array<Pick<ProcessContext, "argv" | "env" | "cwd">> = [];
  return {
    name: "upper",
    commands: ["upper"],
    requires: { syscalls: ["fs", "stdio"] },
    seen,
    async run(process) {
      seen.push({ argv: process.argv, env: process.env, cwd: process.cwd });
      if (process.argv.includes("--fail")) {
        await process.stderr.write("upper: asked to fail\n");
        return 42;
      }
      const decoder = new TextDecoder();
      for await (const chunk of process.stdin) {
        await process.stdout.write(decoder.decode(chunk, { stream: true }).toUpperCase());
      }
      return 0;
    },
  };
}

let kernel: Kernel;
afterEach(async () => {
  await kernel.dispose();
});

it("a custom driver receives argv, env, cwd and its stdio, and its exit code reaches exec", async () => {
  kernel = createKernel();
  const upper = createUpperDriver();
  await kernel.mount(upper);

  const piped = await kernel.exec("echo hello world | upper --flag 'two words'", { env: { GREETING: "hi" }, cwd: "/tmp" });
  expect(piped).toEqual({ exitCode: 0, stdout: "HELLO WORLD\n", stderr: "" });
  expect(upper.seen[0]).toEqual({ argv: ["upper", "--flag", "two words"], env: { GREETING: "hi" }, cwd: "/tmp" });

  const failed = await kernel.exec("upper --fail");
  expect(failed).toEqual({ exitCode: 42, stdout: "", stderr: "upper: asked to fail\n" });
  expect((await kernel.exec("upper --fail 2>/dev/null || echo status=$?")).stdout).toBe("status=42\n");

  await kernel.filesystem.writeFile("/tmp/in.txt", "from a file\n");
  expect((await kernel.exec("upper < /tmp/in.txt > /tmp/out.txt && cat /tmp/out.txt")).stdout).toBe("FROM A FILE\n");
  expect((await kernel.exec("upper | upper", { stdin: "twice" })).stdout).toBe("TWICE");
});
