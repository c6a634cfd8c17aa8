/** The parity harness itself: both sides really run, normalization is narrow, differences fail. */
import { afterAll, describe, expect, it } from "vitest";
import { disposeSandbox, expectParity, runInHost, runInSandbox } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity harness", () => {
  it("runs the script under host Node and in the sandbox, with arguments, stdin and files", async () => {
    const script = `console.log(process.argv.slice(2).join("|"), require("./data.json").n);\nprocess.stdin.on("data", (d) => process.stderr.write(String(d)));\nprocess.exitCode = 3;\n`;
    const options = { args: ["a", "b c"], stdin: "input", files: { "data.json": `{ "n": 7 }` } };
    const expected = { stdout: "a|b c 7\n", stderr: "input", code: 3 };
    expect(await runInHost(script, options)).toEqual(expected);
    expect(await runInSandbox(script, options)).toEqual(expected);
  });

  it("runs in /root on both sides, with no host environment", async () => {
    await expectParity(`console.log(process.cwd(), __filename, Object.keys(process.env).sort());`);
  });

  it("removes Node's internal frames and nothing else", async () => {
    const host = await runInHost(`console.log(new Error("x").stack);`);
    expect(host.stdout).toBe("Error: x\n    at Object.<anonymous> (/root/main.js:1:13)\n");
  });

  it("fails on a real difference", async () => {
    // The sandbox reports its own executable path, not the host's.
    await expect(expectParity(`console.log(process.execPath);`)).rejects.toThrow();
  });
});
