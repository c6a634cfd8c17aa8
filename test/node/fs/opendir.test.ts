/** fs.opendir in its three forms, compared with host Node. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("fs.opendir", () => {
  it("sync, callback, promise and async iteration", async () => {
    await expectParity(`
      const fs = require("fs");
      fs.rmSync("dirtest", { recursive: true, force: true });
      fs.mkdirSync("dirtest/sub", { recursive: true });
      fs.writeFileSync("dirtest/a.txt", "a");
      fs.writeFileSync("dirtest/b.txt", "b");
      const dir = fs.opendirSync("dirtest");
      const names = [];
      for (let entry = dir.readSync(); entry; entry = dir.readSync()) names.push(entry.name + (entry.isDirectory() ? "/" : ""));
      dir.closeSync();
      console.log(names.sort().join(" "), dir.path);
      try { dir.readSync(); } catch (error) { console.log(error.code); }
      fs.opendir("dirtest", (error, handle) => {
        handle.read((error, entry) => {
          console.log("callback read", typeof entry.name);
          handle.close(() => console.log("closed"));
        });
      });
      (async () => {
        const seen = [];
        for await (const entry of await fs.promises.opendir("dirtest")) seen.push(entry.name);
        console.log("iterated", seen.sort().join(","));
        fs.opendir("missing-dir", (error) => console.log(error.code, error.syscall));
      })();
    `);
  });
});
