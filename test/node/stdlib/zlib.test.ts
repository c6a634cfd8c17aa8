/** Parity with host Node: the `zlib` builtin (deflate, inflate and gzip in sync, callback, promise and stream forms). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: zlib", () => {
  it("sync, callback and promisified forms", async () => {
    await expectParity(`
const zlib = require("node:zlib");
const { promisify } = require("util");
const text = "hello zlib ".repeat(50);
console.log(zlib.deflateSync(text).toString("base64"));
console.log(zlib.deflateRawSync(text, { level: 1 }).toString("base64"));
console.log(zlib.inflateSync(zlib.deflateSync(text)).toString() === text, zlib.inflateRawSync(zlib.deflateRawSync(text)).toString() === text);
const gz = zlib.gzipSync(text);
console.log(gz[0], gz[1], zlib.gunzipSync(gz).toString() === text, zlib.unzipSync(gz).toString() === text, zlib.unzipSync(zlib.deflateSync("d")).toString());
console.log(zlib.gunzipSync(Buffer.concat([zlib.gzipSync("one "), zlib.gzipSync("two")])).toString());
console.log(zlib.deflateSync(new Uint8Array([1, 2, 3])).length, zlib.crc32("hello"), zlib.crc32("world", zlib.crc32("hello ")), zlib.constants.Z_BEST_COMPRESSION);
for (const bad of [() => zlib.inflateSync(Buffer.from("not compressed")), () => zlib.gunzipSync(gz.subarray(0, 20))]) {
  try { bad(); } catch (e) { console.log(e.code, e.errno, e.message); }
}
// One after another: Node runs these on its thread pool, so together they finish in any order.
zlib.gzip(text, (err, out) => zlib.gunzip(out, (err2, back) => {
  console.log("callback", err, err2, back.toString() === text);
  zlib.inflate(Buffer.from("bad"), (err) => {
    console.log("callback error", err.code);
    promisify(zlib.deflate)("promised").then((out) => promisify(zlib.inflate)(out)).then((back) => console.log(back.toString()));
  });
}));
`);
  });

  it("streams", async () => {
    await expectParity(`
const zlib = require("zlib");
const { pipeline, Readable, Writable } = require("stream");
const text = "stream me ".repeat(1000);
const out = [];
pipeline(Readable.from([Buffer.from(text.slice(0, 3000)), Buffer.from(text.slice(3000))]), zlib.createGzip(), zlib.createGunzip(), new Writable({ write(c, e, cb) { out.push(c); cb(); } }), (err) => {
  console.log("pipeline", err, Buffer.concat(out).toString() === text);
  const chunks = [];
  const deflate = zlib.createDeflate();
  deflate.on("data", (c) => chunks.push(c));
  deflate.on("end", () => {
    console.log("deflate stream", zlib.inflateSync(Buffer.concat(chunks)).toString());
    const broken = zlib.createInflate();
    broken.on("error", (e) => console.log("stream error", e.code));
    broken.end(Buffer.from("garbage"));
  });
  deflate.end("via stream");
});
`);
  });

  it("streams give out what each write produced, on a later turn", async () => {
    await expectParity(`
const zlib = require("zlib");
// One stream after another: Node compresses on its thread pool, so two at once end in either order.
function compress(create, next) {
  const z = create();
  const sizes = [];
  z.on("data", (c) => sizes.push(c.length));
  z.on("end", () => { console.log("sizes", sizes); next(); });
  z.write("a".repeat(100)); console.log("after write");
  z.end("b"); console.log("after end");
  process.nextTick(() => console.log("tick"));
}
compress(zlib.createGzip, () => compress(zlib.createDeflateRaw, () => {
  const inflate = zlib.createInflate();
  const parts = [];
  inflate.on("data", (c) => parts.push(c.toString()));
  inflate.on("end", () => console.log("inflated", parts.join("").length));
  const deflated = zlib.deflateSync("x".repeat(50000));
  inflate.write(deflated.subarray(0, 10));
  inflate.end(deflated.subarray(10));
}));
`);
  });
});
