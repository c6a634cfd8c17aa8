/** `node file.ts`: types are stripped as Node 22 does (amaro, strip-only), compared with host Node. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../support/parity.js";

afterAll(disposeSandbox);

describe("TypeScript by type stripping", () => {
  it("runs a .ts entry that requires a .ts file", async () => {
    await expectParity(
      `
      const fs = require("fs");
      fs.writeFileSync("helper.ts", "export function twice(n: number): number { return n * 2; }\\nmodule.exports = { twice: (n: number) => n * 2 };");
      const { twice } = require("./helper.ts");
      interface Point { x: number; y: number }
      const p: Point = { x: 1, y: 2 };
      console.log(twice(p.x + p.y) as number);
    `.replace("export function twice(n: number): number { return n * 2; }\\n", ""),
      { file: "main.ts" },
    );
  });

  it("runs .mts as an ES module and refuses enums like Node", async () => {
    await expectParity(
      `
      import { writeFileSync } from "node:fs";
      type Name = string;
      const who: Name = "typed";
      writeFileSync("bad.ts", "enum E { A }\\nconsole.log(E.A);");
      console.log(who);
      try { await import("./bad.ts"); } catch (error) { console.log(error.code); }
    `,
      { file: "main.mts" },
    );
  });
});
