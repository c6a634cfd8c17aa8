/** Parity with host Node: the `stream` builtin (Node's own implementation, from readable-stream). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: stream", () => {
  it("Readable, Writable, Transform, PassThrough, Duplex", async () => {
    await expectParity(`
const stream = require("stream");
const { Readable, Writable, Transform, PassThrough, Duplex } = stream;
console.log(stream.Stream === stream, typeof stream.pipeline, typeof stream.finished, require("node:stream") === stream);
const upper = new Transform({ transform(chunk, encoding, callback) { callback(null, chunk.toString().toUpperCase()); } });
const collected = [];
const sink = new Writable({ write(chunk, encoding, callback) { collected.push(chunk.toString()); callback(); } });
sink.on("finish", () => console.log("finish", collected));
Readable.from(["a", "b", "c"]).pipe(upper).pipe(new PassThrough()).pipe(sink);
const readable = new Readable({ read() {} });
readable.setEncoding("utf8");
readable.on("data", (d) => console.log("data", d));
readable.on("end", () => console.log("end"));
readable.push("one"); readable.push("two"); readable.push(null);
const objects = new Readable({ objectMode: true, read() { this.push({ n: 1 }); this.push(null); } });
objects.on("data", (o) => console.log("object", o));
const duplex = new Duplex({ read() { this.push("from duplex"); this.push(null); }, write(c, e, cb) { console.log("duplex got", c.toString()); cb(); } });
duplex.on("data", (d) => console.log(d.toString()));
duplex.end("to duplex");
process.nextTick(() => console.log("nextTick"));
Promise.resolve().then(() => console.log("microtask"));
`);
  });

  it("pipeline, finished, stream/promises, async iteration, errors", async () => {
    await expectParity(`
const { Readable, Writable, Transform, pipeline, finished } = require("stream");
const promises = require("stream/promises");
console.log(promises === require("stream").promises, typeof promises.pipeline, typeof promises.finished);
(async () => {
  const out = [];
  await promises.pipeline(Readable.from([1, 2, 3]), new Transform({ objectMode: true, transform(n, e, cb) { cb(null, n * 10); } }), new Writable({ objectMode: true, write(n, e, cb) { out.push(n); cb(); } }));
  console.log("pipeline done", out);
  const chunks = [];
  for await (const chunk of Readable.from(["x", "y"])) chunks.push(chunk);
  console.log("iterated", chunks);
  pipeline(new Readable({ read() { this.destroy(new Error("source failed")); } }), new Writable({ write(c, e, cb) { cb(); } }), (err) => console.log("pipeline callback", err && err.message));
  const w = new Writable({ write(c, e, cb) { cb(new Error("write failed")); } });
  w.on("error", (e) => console.log("error event", e.message));
  finished(w, (err) => console.log("finished", err && err.message));
  w.write("x");
  const r = Readable.from(["z"]);
  r.resume();
  await promises.finished(r);
  console.log("readable finished", r.readableEnded, r.destroyed);
  const arr = await Readable.from([1, 2, 3, 4]).filter((n) => n % 2 === 0).map((n) => n * 2).toArray();
  console.log("operators", arr);
})();
`);
  });
});
