/**
 * What every parity harness needs: run a script under the host's Node (the binary running the
 * tests) and collect its output, and one lazily created kernel with the Node runtime per test file.
 */
import { spawn } from "node:child_process";
import { createKernel, createNodeRuntime, type Kernel } from "../../index.js";

export interface HostRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `node ARGS` on the host in `cwd` with only `env`; resolves with raw output and status. */
export async function runHostNode(args: readonly string[], options: { cwd: string; env: Record<string, string>; stdin?: string }): Promise<HostRun> {
  const child = spawn(process.execPath, [...args], { cwd: options.cwd, env: options.env, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(options.stdin ?? "");
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve(status ?? (signal ? 128 : 1)));
  });
  return { stdout, stderr, code };
}

/** A kernel with `node` mounted, made on first use; `dispose` it in afterAll. */
export function lazyNodeKernel(options?: Parameters<typeof createNodeRuntime>[0]) {
  let kernel: Promise<Kernel> | undefined;
  return {
    get: (): Promise<Kernel> =>
      (kernel ??= (async () => {
        const created = createKernel();
        await created.mount(createNodeRuntime(options));
        return created;
      })()),
    async dispose(): Promise<void> {
      const current = kernel;
      kernel = undefined;
      if (current) await (await current).dispose();
    },
  };
}
