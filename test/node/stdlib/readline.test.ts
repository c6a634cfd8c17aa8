/** Parity with host Node: the `readline` and `readline/promises` builtins over stdin. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: readline", () => {
  it("line and close events", async () => {
    await expectParity(`
const readline = require("readline");
const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => console.log("line", JSON.stringify(line)));
rl.on("close", () => console.log("close"));
`, { stdin: "first\nsecond\r\nthird\n\nlast without newline" });
  });

  it("for await over lines", async () => {
    await expectParity(`
const readline = require("node:readline");
(async () => {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) console.log(++n, line);
  console.log("done", n);
})();
`, { stdin: "a\nb\nc\n" });
  });

  it("question with a callback, prompt", async () => {
    await expectParity(`
const readline = require("readline");
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: "$ " });
rl.question("name? ", (name) => {
  console.log("hello", name);
  rl.setPrompt("cmd> "); console.log(rl.getPrompt());
  rl.prompt();
  rl.once("line", (line) => { console.log("command", line); rl.close(); });
});
rl.on("close", () => console.log("closed"));
`, { stdin: "Ada\nlist\nignored\n" });
  });

  it("readline/promises question", async () => {
    await expectParity(`
const readline = require("readline/promises");
(async () => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const a = await rl.question("first? ");
  const b = await rl.question("second? ");
  console.log(JSON.stringify([a, b]));
  rl.close();
  try { await rl.question("again?"); } catch (e) { console.log(e.code); }
  console.log(require("readline").promises === readline);
})();
`, { stdin: "one\ntwo\n" });
  });

  it("cursor helpers write ANSI sequences", async () => {
    await expectParity(`
const readline = require("readline");
const out = { data: "", write(s) { this.data += s; return true; } };
readline.cursorTo(out, 3); readline.cursorTo(out, 1, 2); readline.moveCursor(out, -2, 1); readline.clearLine(out, 0); readline.clearLine(out, -1); readline.clearScreenDown(out);
console.log(JSON.stringify(out.data), readline.cursorTo(undefined, 1));
`);
  });
});
