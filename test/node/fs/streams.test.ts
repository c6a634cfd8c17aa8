/** fs.createReadStream / createWriteStream, compared with host Node. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("fs streams", () => {
  it("read with encoding, ranges and small chunks; write; pipe; pipeline", async () => {
    await expectParity(`
      const fs = require("fs");
      const { pipeline } = require("stream/promises");
      fs.writeFileSync("streamed.txt", "0123456789".repeat(10));
      const chunks = [];
      fs.createReadStream("streamed.txt", { encoding: "utf8", highWaterMark: 32 })
        .on("open", (fd) => console.log("open", typeof fd))
        .on("data", (chunk) => chunks.push(chunk.length))
        .on("end", () => console.log("chunks", chunks.join(",")))
        .on("close", async () => {
          const part = [];
          for await (const chunk of fs.createReadStream("streamed.txt", { start: 5, end: 14 })) part.push(chunk.toString());
          console.log("range", part.join(""));
          const out = fs.createWriteStream("copy.txt");
          out.write("head:");
          await pipeline(fs.createReadStream("streamed.txt", { start: 0, end: 9 }), out);
          console.log("copied", fs.readFileSync("copy.txt", "utf8"), out.bytesWritten);
          fs.createReadStream("nope.txt").on("error", (error) => console.log(error.code, error.syscall));
        });
    `);
  });
});
