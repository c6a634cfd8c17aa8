/** The package's bin, as `npm start` runs it (built by `npm test` before vitest starts). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

function run(args: string[], input = ""): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the secure-exec command", () => {
  it("is built", () => {
    expect(existsSync(cli)).toBe(true);
  });

  it("runs a command line given as arguments and exits with its status", () => {
    expect(run(['echo "a  b" | cat; exit 3'])).toEqual({ status: 3, stdout: "a  b\n", stderr: "" });
    expect(run(["nosuch"])).toEqual({ status: 127, stdout: "", stderr: "sh: nosuch: command not found\n" });
  });

  it("reads command lines from stdin when it is not a terminal, keeping shell state", () => {
    expect(run([], "cd /tmp\necho hi > f\nls\npwd\nexit 4\necho never\n")).toEqual({ status: 4, stdout: "f\n/tmp\n", stderr: "" });
    expect(run([], "")).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("has the Node runtime mounted", () => {
    expect(run(["node -p 6*7 && echo 'console.log(process.argv.length)' > /tmp/a.js && node /tmp/a.js x y"])).toEqual({ status: 0, stdout: "42\n4\n", stderr: "" });
  });

  it("prints usage for --help", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: secure-exec/);
  });
});
