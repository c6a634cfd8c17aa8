/**
 * Parity for scripts that use installed npm packages. Like test/support/parity.ts, but both sides
 * see this repository's node_modules: the host runs the script in a temporary directory whose
 * `node_modules` is a symlink to it (so `require` and `import` find the packages), the sandbox
 * runs `node main.js` in a kernel whose Node runtime mounts it as the read-only overlay at
 * /app/node_modules.
 *
 * Normalization, on both sides: the host's temporary directory reads `/root` (the sandbox's cwd),
 * the host's node_modules (through the symlink or not) reads `/app/node_modules`, and stack frames inside Node itself
 * (`node:internal/...`) are dropped.
 */
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { lazyNodeKernel, runHostNode } from "../../support/node-process.js";

export const NODE_MODULES = realpathSync(fileURLToPath(new URL("../../../node_modules", import.meta.url)));
const ENV: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root" };
const SANDBOX_DIR = "/root";
const INTERNAL_FRAME = /^\s+at (?:.* \()?node:[\w/.-]+:\d+:\d+\)?$/;

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

const fileName = (esm: boolean) => (esm ? "main.mjs" : "main.js");

function normalize(text: string, hostDirectory?: string): string {
  let out = text;
  if (hostDirectory !== undefined) {
    out = out.split(`${hostDirectory}/node_modules`).join("/app/node_modules").split(hostDirectory).join(SANDBOX_DIR);
  }
  out = out.split(NODE_MODULES).join("/app/node_modules");
  return out.split("\n").filter((line) => !INTERNAL_FRAME.test(line)).join("\n");
}

export async function runInHost(script: string, esm: boolean): Promise<RunResult> {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), "secure-exec-packages-")));
  try {
    symlinkSync(NODE_MODULES, join(directory, "node_modules"));
    writeFileSync(join(directory, fileName(esm)), script);
    const { stdout, stderr, code } = await runHostNode([fileName(esm)], { cwd: directory, env: ENV });
    return { stdout: normalize(stdout, directory), stderr: normalize(stderr, directory), code };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const sandbox = lazyNodeKernel({ moduleOverlay: { root: NODE_MODULES }, cpuTimeLimitMs: 20_000 });

export const disposeSandbox = (): Promise<void> => sandbox.dispose();

export async function runInSandbox(script: string, esm: boolean): Promise<RunResult> {
  const kernel = await sandbox.get();
  const target = `${SANDBOX_DIR}/${fileName(esm)}`;
  await kernel.filesystem.writeFile(target, script);
  try {
    const result = await kernel.exec(`node ${fileName(esm)}`, { cwd: SANDBOX_DIR, env: ENV, stdin: "" });
    return { stdout: normalize(result.stdout), stderr: normalize(result.stderr), code: result.exitCode };
  } finally {
    await kernel.filesystem.rm(target, { force: true }).catch(() => {});
  }
}

/** Runs the script on both sides; expects the same stdout, stderr and exit code, and a clean run. */
export async function expectPackageParity(script: string, esm: boolean): Promise<RunResult> {
  const [host, sandbox] = await Promise.all([runInHost(script, esm), runInSandbox(script, esm)]);
  expect(sandbox).toEqual(host);
  expect(host.code).toBe(0);
  return host;
}
