/**
 * Module tests: a package tree written both to the sandbox's filesystem (under /proj) and to a
 * temporary host directory, the same entry run by host Node and by the sandbox's `node`, and the
 * outputs compared after the host directory is named /proj.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { lazyNodeKernel, runHostNode } from "../../support/node-process.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export type Tree = Record<string, string>;
const ROOT = "/proj";

export function createModuleSandbox() {
  const { get, dispose } = lazyNodeKernel();

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

  return { runInSandbox, dispose, kernel: get };
}

export async function runInHost(tree: Tree, entry = "main.js"): Promise<RunResult> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "se-modules-")));
  try {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { stdout, stderr, code } = await runHostNode([entry], { cwd: root, env: { HOME: "/root" } });
    const fix = (text: string) => text.split(root).join(ROOT);
    return { stdout: fix(stdout), stderr: fix(stderr), code };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
