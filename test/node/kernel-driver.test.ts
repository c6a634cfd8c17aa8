/** The `node` command in a kernel: entries, argv, env, cwd, stdio and pipes come from the kernel process. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, createNodeRuntime, type Kernel } from "../../index.js";

let kernel: Kernel;
beforeAll(async () => {
  kernel = createKernel();
  await kernel.mount(createNodeRuntime());
  const fs = kernel.filesystem;
  await fs.mkdir("/root/app/lib", { recursive: true });
  await fs.writeFile("/root/app/main.js", "const { greet } = require('./lib/greet'); const data = require('./data.json'); console.log(greet(process.argv[2]), data.n, __filename, __dirname);");
  await fs.writeFile("/root/app/lib/greet.js", "exports.greet = (name) => `hello ${name}`;");
  await fs.writeFile("/root/app/data.json", '{ "n": 7 }');
  await fs.writeFile("/root/app/esm.mjs", "import { greet } from './lib/greet.js'; import def from './lib/greet.js'; import { join } from 'node:path'; console.log(greet('esm'), typeof def.greet, join('a', 'b'), import.meta.url, import.meta.filename);");
  await fs.mkdir("/root/pkg", { recursive: true });
  await fs.writeFile("/root/pkg/package.json", '{ "type": "module" }');
  await fs.writeFile("/root/pkg/index.js", "const value = await Promise.resolve(41); console.log(value + 1);");
});
afterAll(async () => {
  await kernel.dispose();
});

describe("node FILE", () => {
  it("runs CommonJS with relative requires, JSON and argv", async () => {
    expect(await kernel.exec("cd /root/app && node main.js world")).toEqual({
      exitCode: 0,
      stdout: "hello world 7 /root/app/main.js /root/app\n",
      stderr: "",
    });
  });

  it("runs ES modules (.mjs, and .js under type: module with top-level await)", async () => {
    expect((await kernel.exec("node /root/app/esm.mjs")).stdout).toBe("hello esm function a/b file:///root/app/esm.mjs /root/app/esm.mjs\n");
    expect((await kernel.exec("node /root/pkg/index.js")).stdout).toBe("42\n");
  });

  it("reports a missing file as Node does", async () => {
    const result = await kernel.exec("node /root/missing.js");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Cannot find module '/root/missing.js'");
  });
});

describe("node -e, -p, stdin and options", () => {
  it("gives process.argv, env and cwd from the kernel process", async () => {
    const result = await kernel.exec(`cd /tmp && GREETING=hi node -e "console.log(JSON.stringify([process.argv.slice(1), process.env.GREETING, process.cwd()]))" a 'b c'`);
    expect(result.stdout).toBe('[["a","b c"],"hi","/tmp"]\n');
  });

  it("prints with -p and answers --version", async () => {
    expect((await kernel.exec("node -p '[1, 2].map(n => n * 2)'")).stdout).toBe("[ 2, 4 ]\n");
    expect((await kernel.exec("node --version")).stdout).toBe(`${process.version}\n`);
    expect(await kernel.exec("node --inspect x.js")).toEqual({ exitCode: 9, stdout: "", stderr: "node: bad option: --inspect\n" });
  });

  it("reads the script from stdin when no file is given", async () => {
    expect((await kernel.exec("echo 'console.log(6 * 7)' | node")).stdout).toBe("42\n");
    expect((await kernel.exec("node -", { stdin: "console.log(__filename)" })).stdout).toBe("[stdin]\n");
  });

  it("runs ESM given with --input-type=module", async () => {
    expect((await kernel.exec(`node --input-type=module -e "import { sep } from 'path'; console.log(sep)"`)).stdout).toBe("/\n");
  });
});

describe("stdio through the kernel", () => {
  it("pipes node into node and into basic commands", async () => {
    const result = await kernel.exec(
      `node -e "for (let i = 1; i <= 3; i++) console.log(i)" | node -e "let s = ''; process.stdin.on('data', d => s += d); process.stdin.on('end', () => console.log(s.trim().split('\\n').map(Number).reduce((a, b) => a + b)))" | cat`,
    );
    expect(result).toEqual({ exitCode: 0, stdout: "6\n", stderr: "" });
  });

  it("streams stdin line by line with for await", async () => {
    const script = "let n = 0; for await (const chunk of process.stdin) n += String(chunk).length; console.log(n);";
    await kernel.filesystem.writeFile("/root/count.mjs", script);
    expect((await kernel.exec("printf 'abc\\ndef\\n' | node /root/count.mjs")).stdout).toBe("8\n");
  });

  it("redirects output and sets the exit status", async () => {
    const result = await kernel.exec(`node -e "console.log('out'); console.error('err'); process.exitCode = 3" > /tmp/o 2> /tmp/e; echo $?; cat /tmp/o /tmp/e`);
    expect(result.stdout).toBe("3\nout\nerr\n");
  });

  it("a killed node process exits 128+n", async () => {
    const child = kernel.spawn(["node", "-e", "setInterval(() => {}, 1000)"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGTERM");
    expect(await child.wait()).toEqual({ exitCode: 143, signal: "SIGTERM" });
  });
});
