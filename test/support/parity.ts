/**
 * Parity harness: runs one script under the host's Node (the same binary that runs the tests) and
 * inside the sandbox (`node main.js` in a kernel with the Node runtime mounted), and compares what
 * each printed and how each exited.
 *
 * Normalization, applied to both sides and nothing more:
 * - the host's temporary directory (where `main.js` ran) reads `/root`, the sandbox's cwd;
 * - stack frames inside Node itself are removed: lines `    at ... (node:internal/...)`,
 *   `    at node:internal/...` and frames of Node's builtin modules (`(node:events:519:28)`). The
 *   sandbox has no such frames. What util.inspect printed at the end of such a line stays (moved
 *   to the line before): the ` {` that opens an error's own properties, the `,` between errors in
 *   an array. A `... N lines matching cause stack trace ...` line that directly follows an
 *   internal frame (a run of shared frames that began inside Node) goes with the frames.
 * Everything else must match.
 *
 * One kernel serves a whole test file (vitest runs each file in its own module graph): call
 * `afterAll(disposeSandbox)` in files that use it.
 */
import { runHostNode, lazyNodeKernel } from "./node-process.js";
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";

export interface ParityOptions {
  /** Arguments after the script name. */
  args?: string[];
  stdin?: string;
  /** More files beside the script, by path relative to its directory. */
  files?: Record<string, string>;
  /** Run the script as `main.mjs` (an ES module). */
  esm?: boolean;
  /** The script's file name, e.g. `main.ts`. @default "main.js" (or "main.mjs" with `esm`) */
  file?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** The whole environment of both sides: nothing of the host's (NODE_OPTIONS, FORCE_COLOR, ...) leaks in. */
const ENV: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root" };
const SANDBOX_DIR = "/root";
const INTERNAL_FRAME = /^\s+at (?:.* \()?node:[\w/.-]+:\d+:\d+\)?(.*)$/;
const CAUSE_SUMMARY = /^\s+\.\.\. \d+ lines matching cause stack trace \.\.\.$/;

const scriptName = (options: ParityOptions) => options.file ?? (options.esm ? "main.mjs" : "main.js");

export async function runInHost(script: string, options: ParityOptions = {}): Promise<RunResult> {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), "secure-exec-parity-")));
  try {
    for (const [path, text] of Object.entries({ ...options.files, [scriptName(options)]: script })) {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), text);
    }
    const { stdout, stderr, code } = await runHostNode([scriptName(options), ...(options.args ?? [])], { cwd: directory, env: ENV, stdin: options.stdin });
    return { stdout: normalize(stdout, directory), stderr: normalize(stderr, directory), code };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const sandbox = lazyNodeKernel();

/** Disposes the kernel this test file's sandbox runs shared. */
export const disposeSandbox = (): Promise<void> => sandbox.dispose();

export async function runInSandbox(script: string, options: ParityOptions = {}): Promise<RunResult> {
  const kernel = await sandbox.get();
  const written = Object.entries({ ...options.files, [scriptName(options)]: script });
  for (const [path, text] of written) {
    const target = `${SANDBOX_DIR}/${path}`;
    const parent = target.slice(0, target.lastIndexOf("/"));
    if (parent !== SANDBOX_DIR) await kernel.filesystem.mkdir(parent, { recursive: true });
    await kernel.filesystem.writeFile(target, text);
  }
  try {
    const command = ["node", scriptName(options), ...(options.args ?? [])].map(quote).join(" ");
    const result = await kernel.exec(command, { cwd: SANDBOX_DIR, env: ENV, stdin: options.stdin ?? "" });
    return { stdout: normalize(result.stdout), stderr: normalize(result.stderr), code: result.exitCode };
  } finally {
    // The next script of the file starts from the same directory without this one's files.
    for (const [path] of written) await kernel.filesystem.rm(`${SANDBOX_DIR}/${path}`, { force: true }).catch(() => {});
  }
}

/** Runs the script on both sides and expects the same stdout, stderr and exit code. */
export async function expectParity(script: string, options: ParityOptions = {}): Promise<RunResult> {
  const [host, sandbox] = await Promise.all([runInHost(script, options), runInSandbox(script, options)]);
  expect(sandbox).toEqual(host);
  return host;
}

function normalize(text: string, hostDirectory?: string): string {
  const local = hostDirectory === undefined ? text : text.split(hostDirectory).join(SANDBOX_DIR);
  const kept: string[] = [];
  let afterInternal = false;
  for (const line of local.split("\n")) {
    const internal = INTERNAL_FRAME.exec(line);
    if (internal) {
      if (internal[1] && kept.length > 0) kept[kept.length - 1] += internal[1];
      afterInternal = true;
      continue;
    }
    if (!(afterInternal && CAUSE_SUMMARY.test(line))) kept.push(line);
    afterInternal = false;
  }
  return kept.join("\n");
}

function quote(word: string): string {
  return /^[\w./=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
