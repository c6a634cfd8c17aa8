/** The `tsc` command in a kernel, compared with the host's tsc (same files, same arguments). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, createTscCommand, type Kernel } from "../../index.js";

const tscBin = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function hostTsc(files: Record<string, string>, args: string[]): { stdout: string; status: number; written: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "secure-exec-tsc-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let stdout = "";
    let status = 0;
    try {
      stdout = execFileSync(process.execPath, [tscBin, ...args], { cwd: dir, encoding: "utf8" });
    } catch (error) {
      const failed = error as { stdout: string; status: number };
      stdout = failed.stdout;
      status = failed.status;
    }
    const written = ["a.js", "b.js", "dist/index.js"].filter((name) => existsSync(join(dir, name)));
    return { stdout, status, written };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let kernel: Kernel;
beforeAll(async () => {
  kernel = createKernel();
  await kernel.mount(createTscCommand());
});
afterAll(async () => {
  await kernel.dispose();
});

async function sandboxTsc(files: Record<string, string>, args: string[]): Promise<{ stdout: string; status: number; written: string[] }> {
  const dir = `/root/t${Math.random().toString(36).slice(2)}`;
  await kernel.filesystem.mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await kernel.filesystem.writeFile(`${dir}/${name}`, text);
  const result = await kernel.exec(`cd ${dir} && tsc ${args.join(" ")}`);
  const written: string[] = [];
  for (const name of ["a.js", "b.js", "dist/index.js"]) if (await kernel.filesystem.exists(`${dir}/${name}`)) written.push(name);
  return { stdout: result.stdout, status: result.exitCode, written };
}

const cases: Array<{ name: string; files: Record<string, string>; args: string[] }> = [
  { name: "a clean file, type-checked only", files: { "a.ts": "export const n: number = 1;\n" }, args: ["--noEmit", "a.ts"] },
  { name: "an error, type-checked only", files: { "a.ts": "const x: string = 1;\nexport {};\n" }, args: ["--noEmit", "a.ts"] },
  { name: "an error, compiled (output still written)", files: { "a.ts": "const x: string = 1;\nexport {};\n" }, args: ["a.ts"] },
  { name: "a strict option from the command line", files: { "a.ts": "export function f(x) { return x; }\n" }, args: ["--noEmit", "--strict", "a.ts"] },
  { name: "a project", files: { "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, outDir: "dist", rootDir: "." }, include: ["index.ts"] }), "index.ts": "export const ok: boolean = 'no';\n" }, args: ["-p", "."] },
  { name: "no tsconfig where -p points", files: { "a.ts": "" }, args: ["-p", "."] },
  { name: "files beside a tsconfig", files: { "tsconfig.json": "{}", "a.ts": "export {};\n" }, args: ["a.ts"] },
  {
    name: "two files as one program (an error across them), type-checked only",
    files: { "a.ts": "export interface Shape { sides: number }\n", "b.ts": "import type { Shape } from './a';\nexport const s: Shape = { sides: 'three' };\n" },
    args: ["--noEmit", "a.ts", "b.ts"],
  },
  {
    name: "two files compiled, one missing",
    files: { "a.ts": "export const a = 1;\n", "b.ts": "import { a } from './a';\nexport const b: number = a + 1;\n" },
    args: ["a.ts", "b.ts", "missing.ts"],
  },
  { name: "a file that imports another, compiled (both emitted)", files: { "a.ts": "export const a = 1;\n", "b.ts": "import { a } from './a';\nexport const b = a;\n" }, args: ["b.ts"] },
];

describe("tsc in a kernel", () => {
  for (const { name, files, args } of cases) {
    it(`prints and exits as the host's tsc: ${name}`, async () => {
      const [host, sandbox] = [hostTsc(files, args), await sandboxTsc(files, args)];
      expect(sandbox).toEqual(host);
    });
  }

  it("answers --version", async () => {
    expect((await kernel.exec("tsc --version")).stdout).toBe(`Version ${JSON.parse(readFileSync(createRequire(import.meta.url).resolve("typescript/package.json"), "utf8")).version}\n`);
  });
});
