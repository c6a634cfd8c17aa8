/**
 * child_process: children are kernel processes in the sandbox and host processes under Node; the
 * same script (using commands both have: node, sh, echo, cat, sleep) must print the same.
 */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("child_process", () => {
  it("spawn with stdio pipes, exit and close events", async () => {
    await expectParity(`
      const { spawn } = require("child_process");
      const child = spawn("node", ["-e", "let s = ''; process.stdin.on('data', d => s += d); process.stdin.on('end', () => { console.log(s.toUpperCase()); console.error('done'); process.exitCode = 4; })"]);
      let out = "", err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("exit", (code, signal) => console.log("exit", code, signal));
      child.on("close", (code) => console.log("close", code, JSON.stringify(out), JSON.stringify(err), typeof child.pid));
      child.stdin.write("hello ");
      child.stdin.end("world");
    `);
  });

  it("exec, execFile, execSync, spawnSync and their failures", async () => {
    await expectParity(`
      const cp = require("child_process");
      cp.exec("echo hi && echo there", (error, stdout, stderr) => {
        console.log("exec", error, JSON.stringify(stdout), JSON.stringify(stderr));
        cp.execFile("node", ["-p", "6 * 7"], (error, stdout) => {
          console.log("execFile", error, stdout.trim());
          console.log("execSync", cp.execSync("node -p 1+1", { encoding: "utf8" }).trim());
          const r = cp.spawnSync("cat", [], { input: "fed in", encoding: "utf8" });
          console.log("spawnSync", r.status, r.signal, r.stdout, JSON.stringify(r.stderr));
          try { cp.execSync("exit 3", { stdio: "pipe" }); } catch (e) { console.log("status", e.status, e.message.split("\\n")[0]); }
          cp.exec("exit 5", (error) => console.log("exec failed", error.code, error.cmd));
          const missing = cp.spawnSync("no-such-command-here");
          console.log("spawnSync missing", missing.error.code, missing.error.syscall, missing.status);
          cp.spawn("no-such-command-here").on("error", (e) => console.log("spawn missing", e.code, e.syscall, e.path, JSON.stringify(e.spawnargs)));
        });
      });
    `);
  });

  it("kill delivers a signal", async () => {
    await expectParity(`
      const { spawn } = require("child_process");
      const sleeper = spawn("sleep", ["10"]);
      sleeper.on("exit", (code, signal) => console.log("exit", code, signal, sleeper.killed));
      setTimeout(() => console.log("kill returned", sleeper.kill()), 50);
    `);
  });
});
