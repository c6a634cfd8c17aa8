/**
 * Module tests: a package tree written both to the sandbox's filesystem (under /proj) and to a
 * temporary host directory, the same entry run by host Node and by the sandbox's `node`, and the
 * outputs compared after the host directory is named /proj.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createKernel, createNodeRuntime } from "../../../index.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export type Tree = Record<string, string>;
const ROOT = "/proj";

type Kernel = ReturnType<typeof createKernel>;

export function createModuleSandbox() {
  let kernel: Promise<Kernel> | undefined;
  const get = () =>
    (kernel ??= (async () => {
      const created = createKernel();
      await created.mount(createNodeRuntime());
      return created;
    })());

  async function runInSandbox(tree: Tree, entry = "main.js"): Promise<RunResult> {
    const k = await get();
    await k.filesystem.rm(ROOT, { recursive: true, force: true });
    for (const [path, text] of Object.entries(tree)) {
      const full = `${ROOT}/${path}`;
      await k.filesystem.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
      await k.filesystem.writeFile(full, text);
    }
    const result = await k.exec(`node ${entry}`, { cwd: ROOT, env: { HOME: "/root" } });
    return { stdout: result.stdout, stderr: result.stderr, code: result.exitCode };
  }

  async function dispose(): Promise<void> {
    const current = kernel;
    kernel = undefined;
    if (current) await (await current).dispose();
  }

  return { runInSandbox, dispose, kernel: get };
}

export async function runInHost(tree: Tree, entry = "main.js"): Promise<RunResult> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "se-modules-")));
  try {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const child = spawn(process.execPath, [entry], { cwd: root, env: { HOME: "/root" }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdin.end();
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (status) => resolve(status ?? 1));
    });
    const fix = (text: string) => text.split(root).join(ROOT);
    return { stdout: fix(stdout), stderr: fix(stderr), code };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
