/**
 * Parity runs for the fs and web-globals tests: one script, run by the host's Node and inside the
 * sandbox, with the same layout on both sides:
 * - the script is `/scripts/main.js` (host: a temporary directory that reads `/scripts`);
 * - the working directory is `/root`, emptied before each run (host: a fresh temporary directory
 *   that reads `/root`), so scripts use relative paths and see only what they create.
 * Output is compared after that path replacement and after removing stack frames inside Node
 * itself (`at ... (node:fs:...)`), which the sandbox does not have.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { lazyNodeKernel, runHostNode } from "../../support/node-process.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

const ENV: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root" };
const INTERNAL_FRAME = /^\s+at (?:.* \()?node:[\w/.-]+:\d+:\d+\)?(.*)$/;

function normalize(text: string, replacements: Array<[string, string]> = []): string {
  let out = text;
  for (const [from, to] of replacements) out = out.split(from).join(to);
  const kept: string[] = [];
  for (const line of out.split("\n")) {
    const internal = INTERNAL_FRAME.exec(line);
    // What inspect printed after the frame (the " {" opening an error's properties) stays.
    if (internal) {
      if (internal[1] && kept.length > 0) kept[kept.length - 1] += internal[1];
    } else kept.push(line);
  }
  return kept.join("\n");
}

export async function runInHost(script: string): Promise<RunResult> {
  const scripts = realpathSync(mkdtempSync(join(tmpdir(), "se-fs-scripts-")));
  const work = realpathSync(mkdtempSync(join(tmpdir(), "se-fs-work-")));
  try {
    writeFileSync(join(scripts, "main.js"), script);
    const { stdout, stderr, code } = await runHostNode([join(scripts, "main.js")], { cwd: work, env: ENV });
    const replacements: Array<[string, string]> = [
      [work, "/root"],
      [scripts, "/scripts"],
    ];
    return { stdout: normalize(stdout, replacements), stderr: normalize(stderr, replacements), code };
  } finally {
    rmSync(scripts, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** One kernel for a test file: call `dispose` in afterAll. */
export function createSandbox() {
  const { get, dispose } = lazyNodeKernel();

  async function run(script: string): Promise<RunResult> {
    const k = await get();
    await k.filesystem.rm("/root", { recursive: true, force: true });
    await k.filesystem.mkdir("/root", { recursive: true });
    await k.filesystem.mkdir("/scripts", { recursive: true });
    await k.filesystem.writeFile("/scripts/main.js", script);
    const result = await k.exec("node /scripts/main.js", { cwd: "/root", env: ENV });
    return { stdout: normalize(result.stdout), stderr: normalize(result.stderr), code: result.exitCode };
  }

  /** Runs `script` on both sides and expects the same stdout, stderr and exit code. */
  async function expectParity(script: string): Promise<RunResult> {
    const [host, sandbox] = await Promise.all([runInHost(script), run(script)]);
    expect(sandbox).toEqual(host);
    return host;
  }


  return { run, expectParity, dispose, kernel: get };
}
