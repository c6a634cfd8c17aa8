/**
 * Parity with host Node: WHATWG streams (globals and `stream/web`), the text and compression
 * streams, Node's bridges between its streams and web streams, and `stream/consumers`.
 */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

/** Prints what a call threw or rejected with: name, code and message. */
const SHOW = `
const show = async (label, fn) => {
  try {
    const value = await fn();
    console.log(label, "ok", value);
  } catch (e) {
    console.log(label, e instanceof Error ? e.constructor.name : typeof e, e?.name, e?.code, e?.message);
  }
};
`;

describe("parity: web streams", () => {
  it("stream/web exports the globals, in Node's order", async () => {
    await expectParity(`
const web = require("stream/web");
console.log(Object.keys(web));
console.log(Object.keys(web).every((name) => web[name] === globalThis[name]), require("node:stream/web") === web);
console.log(Object.keys(web).map((name) => typeof globalThis[name] + ":" + Object.keys(globalThis).includes(name)).join(" "));
console.log(Object.prototype.toString.call(new ReadableStream()), String(new WritableStream()), ReadableStream.name, ReadableStream.length, typeof ReadableStream.from);
console.log(new ReadableStream().constructor === ReadableStream, new TransformStream().readable instanceof ReadableStream, new ReadableStream().tee()[0] instanceof ReadableStream);
class Mine extends ReadableStream { extra() { return "subclass"; } }
const mine = new Mine({ start(c) { c.enqueue(1); c.close(); } });
console.log(mine instanceof ReadableStream, mine.extra(), typeof mine.getReader);
`);
  });

  it("ES module import of stream/web", async () => {
    await expectParity(
      `
import { ReadableStream, TextEncoderStream } from "node:stream/web";
import * as web from "stream/web";
console.log(ReadableStream === globalThis.ReadableStream, TextEncoderStream === web.TextEncoderStream, Object.keys(web).length);
`,
      { esm: true },
    );
  });

  it("ReadableStream: reading, async iteration, from, tee, cancel", async () => {
    await expectParity(`
(async () => {
  const log = [];
  const stream = new ReadableStream({
    start(controller) { log.push("start " + controller.desiredSize); controller.enqueue("a"); controller.enqueue("b"); },
    pull(controller) { log.push("pull"); controller.enqueue("c"); controller.close(); },
    cancel(reason) { log.push("cancel " + reason); },
  }, { highWaterMark: 2 });
  const reader = stream.getReader();
  console.log(stream.locked, await reader.read(), await reader.read(), await reader.read(), await reader.read());
  await reader.closed;
  console.log("closed", log);
  reader.releaseLock();
  console.log(stream.locked);
  const items = [];
  for await (const item of ReadableStream.from(["x", "y", "z"])) items.push(item);
  console.log(items);
  async function* generate() { yield 1; yield 2; }
  const fromAsync = [];
  for await (const n of ReadableStream.from(generate())) fromAsync.push(n);
  console.log(fromAsync);
  const [left, right] = ReadableStream.from([1, 2, 3]).tee();
  const all = async (s) => { const out = []; for await (const v of s) out.push(v); return out; };
  console.log(await all(left), await all(right));
  const cancelled = [];
  const source = new ReadableStream({ pull(c) { c.enqueue(cancelled.length); }, cancel(reason) { cancelled.push("cancelled: " + reason); } });
  for await (const v of source) { if (v === 0) break; }
  console.log(cancelled, source.locked);
  const kept = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  for await (const v of kept.values({ preventCancel: true })) { console.log("first", v); break; }
  const rest = kept.getReader();
  console.log(await rest.read());
  const failing = new ReadableStream({ start(c) { c.error(new Error("source failed")); } });
  await failing.getReader().read().catch((e) => console.log("read rejected", e.message));
  await failing.cancel().catch((e) => console.log("cancel rejected", e.message));
  const pending = new ReadableStream();
  const r = pending.getReader();
  const waiting = r.read();
  await r.cancel("stop");
  console.log(await waiting);
})();
`);
  });

  it("WritableStream: writer, sink calls, backpressure, abort", async () => {
    await expectParity(`
(async () => {
  const calls = [];
  const sink = new WritableStream({
    start() { calls.push("start"); },
    write(chunk, controller) { calls.push("write " + chunk); return new Promise((r) => setTimeout(r, 1)); },
    close() { calls.push("close"); },
    abort(reason) { calls.push("abort " + reason); },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const writer = sink.getWriter();
  console.log(writer.desiredSize, sink.locked);
  writer.write("a"); writer.write("b");
  console.log("queued", writer.desiredSize);
  await writer.ready;
  await writer.write("c");
  await writer.close();
  await writer.closed;
  console.log(calls);
  const aborted = new WritableStream({ abort(reason) { console.log("sink abort", reason.message); } });
  const w = aborted.getWriter();
  await w.abort(new Error("no more"));
  await w.write("x").catch((e) => console.log("write after abort", e.message));
  await w.closed.catch((e) => console.log("closed after abort", e.message));
  const broken = new WritableStream({ write() { throw new Error("sink failed"); } });
  const bw = broken.getWriter();
  await bw.write(1).catch((e) => console.log("first write", e.message));
  await bw.write(2).catch((e) => console.log("second write", e.message));
  const bytes = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 8 }));
  const byteWriter = bytes.getWriter();
  byteWriter.write(new Uint8Array(5));
  console.log("byte desiredSize", byteWriter.desiredSize);
  let controllerSignal;
  new WritableStream({ start(c) { controllerSignal = c.signal; } });
  console.log(typeof controllerSignal.aborted);
})();
`);
  });

  it("TransformStream, pipeThrough, pipeTo with options and signals", async () => {
    await expectParity(`
(async () => {
  const upper = new TransformStream({
    transform(chunk, controller) { controller.enqueue(String(chunk).toUpperCase()); },
    flush(controller) { controller.enqueue("!"); },
  });
  const out = [];
  await ReadableStream.from(["a", "b"]).pipeThrough(upper).pipeTo(new WritableStream({ write(c) { out.push(c); } }));
  console.log(out);
  const identity = new TransformStream();
  const w = identity.writable.getWriter();
  w.write(1); w.write(2); w.close();
  for await (const v of identity.readable) console.log("identity", v);
  const failing = new TransformStream({ transform() { throw new Error("transform failed"); } });
  const fw = failing.writable.getWriter();
  fw.write("x").catch((e) => console.log("write", e.message));
  await failing.readable.getReader().read().catch((e) => console.log("read", e.message));
  const terminated = new TransformStream({ start(c) { c.terminate(); } });
  await terminated.writable.getWriter().write(1).catch((e) => console.log("terminated", e.name, e.code, e.message));
  const controller = new AbortController();
  const slow = new ReadableStream({ pull(c) { return new Promise((r) => setTimeout(r, 5)); } });
  const piping = slow.pipeTo(new WritableStream(), { signal: controller.signal });
  controller.abort();
  await piping.catch((e) => console.log("aborted pipe", e.name, e.message));
  const reasoned = new AbortController();
  reasoned.abort(new Error("my reason"));
  await new ReadableStream().pipeTo(new WritableStream(), { signal: reasoned.signal }).catch((e) => console.log("reason", e.message));
  const kept = new WritableStream({ close() { console.log("dest closed (should not be)"); } });
  await ReadableStream.from([1]).pipeTo(kept, { preventClose: true });
  console.log("preventClose", kept.locked);
  const dest = new WritableStream();
  await dest.close();
  const source = new ReadableStream({ start(c) { c.enqueue(1); }, cancel(reason) { console.log("source cancelled:", reason.code, reason.message); } });
  await source.pipeTo(dest).catch((e) => console.log("pipe to closed", e.name, e.code, e.message));
})();
`);
  });

  it("byte streams and BYOB readers", async () => {
    await expectParity(`
(async () => {
  let n = 0;
  const bytes = new ReadableStream({
    type: "bytes",
    pull(controller) {
      const request = controller.byobRequest;
      if (n >= 3) { controller.close(); request?.respond(0); return; }
      if (request) { request.view[0] = 65 + n++; request.respond(1); }
      else controller.enqueue(new Uint8Array([97 + n++]));
    },
  });
  const reader = bytes.getReader({ mode: "byob" });
  console.log(reader.constructor.name);
  let result;
  while (!(result = await reader.read(new Uint8Array(4))).done) console.log(result.value);
  console.log(result);
  const auto = new ReadableStream({ type: "bytes", autoAllocateChunkSize: 4, pull(c) { c.byobRequest.view[0] = 7; c.byobRequest.respond(1); c.close(); } });
  console.log(await auto.getReader().read());
  const queued = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5])); c.close(); } });
  const small = queued.getReader({ mode: "byob" });
  console.log(await small.read(new Uint8Array(2)), await small.read(new Uint16Array(1)), await small.read(new Uint8Array(2)), await small.read(new Uint8Array(2)));
  const reader2 = new ReadableStreamBYOBReader(new ReadableStream({ type: "bytes" }));
  console.log(reader2 instanceof ReadableStreamBYOBReader);
})();
`);
  });

  it("state errors carry Node's codes and messages", async () => {
    await expectParity(`${SHOW}
(async () => {
  const locked = new ReadableStream({ start(c) { c.enqueue("a"); } });
  locked.getReader();
  await show("getReader on locked", () => locked.getReader());
  await show("cancel locked", () => locked.cancel());
  await show("pipeTo locked", () => locked.pipeTo(new WritableStream()));
  await show("pipeThrough locked", () => locked.pipeThrough(new TransformStream()));
  await show("tee locked", () => locked.tee());
  await show("iterate locked", async () => { for await (const x of locked) ; });
  await show("reader ctor locked", () => new ReadableStreamDefaultReader(locked));
  await show("enqueue after close", () => new ReadableStream({ start(c) { c.close(); c.enqueue(1); } }));
  await show("close twice", () => new ReadableStream({ start(c) { c.close(); c.close(); } }));
  await show("byte enqueue after close", () => new ReadableStream({ type: "bytes", start(c) { c.close(); c.enqueue(new Uint8Array(1)); } }));
  await show("zero-length chunk", () => new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array(0)); } }));
  await show("zero-length view", () => new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(new Uint8Array(0)));
  const ws = new WritableStream();
  ws.getWriter();
  await show("getWriter on locked", () => ws.getWriter());
  await show("abort locked", () => ws.abort());
  await show("close locked", () => ws.close());
  await show("pipeTo locked writable", () => new ReadableStream().pipeTo(ws));
  const released = new WritableStream().getWriter();
  released.releaseLock();
  await show("write released", () => released.write(1));
  await show("close released", () => released.close());
  await show("closed of released writer", () => released.closed);
  const reader = new ReadableStream().getReader();
  const pendingRead = reader.read();
  const closed = reader.closed;
  reader.releaseLock();
  await show("pending read on release", () => pendingRead);
  await show("closed on release", () => closed);
  await show("read released", () => reader.read());
  const closing = new WritableStream().getWriter();
  await closing.close();
  await show("write after close", () => closing.write(1));
  const twice = new WritableStream().getWriter();
  twice.close();
  await show("writer close twice", () => twice.close());
  const closingStream = new WritableStream();
  const closingWriter = closingStream.getWriter();
  closingWriter.close();
  closingWriter.releaseLock();
  await show("close a closing stream", () => closingStream.close());
  await show("illegal constructor", () => new ReadableStreamDefaultController());
  await show("illegal constructor 2", () => new WritableStreamDefaultController());
  await show("wrong this", () => ReadableStream.prototype.getReader.call({}));
  await show("wrong this getter", () => Object.getOwnPropertyDescriptor(WritableStream.prototype, "locked").get.call({}));
  await show("wrong this async", () => ReadableStreamDefaultReader.prototype.read.call({}));
})();
`);
  });

  it("argument errors carry Node's codes and messages", async () => {
    await expectParity(`${SHOW}
(async () => {
  await show("source number", () => new ReadableStream(5));
  await show("source null", () => new ReadableStream(null));
  await show("source type", () => new ReadableStream({ type: "x" }));
  await show("source pull", () => new ReadableStream({ pull: 5 }));
  await show("strategy number", () => new ReadableStream({}, 5));
  await show("highWaterMark", () => new ReadableStream({}, { highWaterMark: -1 }));
  await show("highWaterMark NaN", () => new ReadableStream({}, { highWaterMark: "x" }));
  await show("size", () => new ReadableStream({}, { size: "x" }));
  await show("size answer", () => new ReadableStream({ start(c) { c.enqueue(1); } }, { size() { return -1; } }));
  await show("byte size", () => new ReadableStream({ type: "bytes" }, { size() { return 1; } }));
  await show("autoAllocateChunkSize", () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }));
  await show("sink", () => new WritableStream("x"));
  await show("sink type", () => new WritableStream({ type: "bytes" }));
  await show("sink write", () => new WritableStream({ write: 1 }));
  await show("writer size answer", () => new WritableStream({}, { size() { return NaN; } }).getWriter().write(1));
  await show("transformer", () => new TransformStream(null));
  await show("readableType", () => new TransformStream({ readableType: "bytes" }));
  await show("writable strategy", () => new TransformStream({}, { highWaterMark: -1 }));
  await show("count init", () => new CountQueuingStrategy());
  await show("count highWaterMark", () => new CountQueuingStrategy({}));
  await show("mode", () => new ReadableStream().getReader({ mode: "x" }));
  await show("byob on default stream", () => new ReadableStream().getReader({ mode: "byob" }));
  await show("options", () => new ReadableStream().getReader(5));
  await show("reader of non-stream", () => new ReadableStreamDefaultReader({}));
  await show("writer of non-stream", () => new WritableStreamDefaultWriter(5));
  await show("pipeTo non-writable", () => new ReadableStream().pipeTo({}));
  await show("pipeTo options", () => new ReadableStream().pipeTo(new WritableStream(), 5));
  await show("pipeTo signal", () => new ReadableStream().pipeTo(new WritableStream(), { signal: 5 }));
  await show("pipeThrough nothing", () => new ReadableStream().pipeThrough());
  await show("pipeThrough no writable", () => new ReadableStream().pipeThrough({ readable: new ReadableStream() }));
  await show("values options", () => new ReadableStream().values(5));
  await show("byob read non-view", () => new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(new ArrayBuffer(2)));
  await show("byte enqueue non-view", () => new ReadableStream({ type: "bytes", start(c) { c.enqueue("x"); } }));
  await show("from non-iterable", () => ReadableStream.from({}));
  await show("from number", () => ReadableStream.from(5));
})();
`);
  });

  it("a state error prints as Node's, stack included", async () => {
    await expectParity(`
const stream = new ReadableStream();
stream.getReader();
function again() { return stream.getReader(); }
try { again(); } catch (error) { console.log(error); console.log(error.name, Object.keys(error), error instanceof TypeError); }
`);
  });

  it("util.inspect of streams, readers, controllers and strategies", async () => {
    await expectParity(`
const util = require("util");
let readableController, byteController, writableController;
const rs = new ReadableStream({ start(c) { readableController = c; } });
console.log(rs);
const reader = rs.getReader();
console.log(rs, reader.constructor.name, readableController);
const bytes = new ReadableStream({ type: "bytes", start(c) { byteController = c; } });
console.log(bytes, bytes.getReader({ mode: "byob" }).constructor.name, byteController);
const ws = new WritableStream({ start(c) { writableController = c; } });
console.log(ws, writableController);
const ts = new TransformStream();
console.log(ts);
console.log(new CountQueuingStrategy({ highWaterMark: 3 }), new ByteLengthQueuingStrategy({ highWaterMark: 4 }));
console.log(new TextEncoderStream(), new TextDecoderStream("utf-8", { fatal: true }));
console.log(new CompressionStream("gzip"), new DecompressionStream("deflate"));
console.log(util.inspect(rs, { depth: 0 }), [rs], { a: { b: { c: rs } } });
console.log(Object.prototype.toString.call(new TextEncoderStream()), Object.prototype.toString.call(new CompressionStream("gzip")));
console.log(Object.getOwnPropertyNames(ReadableStream.prototype), Object.getOwnPropertyNames(WritableStreamDefaultController.prototype));
const closed = new ReadableStream({ start(c) { c.close(); } });
const errored = new ReadableStream({ start(c) { c.error(new Error("x")); } });
errored.getReader().closed.catch(() => {});
console.log(closed, errored);
`);
  });

  it("TextEncoderStream and TextDecoderStream", async () => {
    await expectParity(`
(async () => {
  const collect = async (readable) => { const out = []; for await (const chunk of readable) out.push(chunk); return out; };
  const encoder = new TextEncoderStream();
  const ew = encoder.writable.getWriter();
  ew.write("h\\ud83d"); ew.write("\\ude00€"); ew.write(""); ew.write(42); ew.write("\\ud83d"); ew.close();
  console.log(encoder.encoding, await collect(encoder.readable));
  const decoder = new TextDecoderStream();
  const dw = decoder.writable.getWriter();
  dw.write(new Uint8Array([0xef, 0xbb, 0xbf, 0xe2, 0x82])); dw.write(new Uint8Array([0xac, 0x41]).buffer); dw.write(new Uint8Array([0xe2])); dw.close();
  console.log(decoder.encoding, decoder.fatal, decoder.ignoreBOM, await collect(decoder.readable));
  const piped = await collect(ReadableStream.from(["grüße ", "😀"]).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
  console.log(piped.join(""));
  const fatal = new TextDecoderStream("utf-8", { fatal: true });
  const fw = fatal.writable.getWriter();
  fw.write(new Uint8Array([0xff])).catch((e) => console.log("fatal write", e.name, e.code));
  fw.close().catch(() => {});
  await collect(fatal.readable).catch((e) => console.log("fatal read", e.name, e.code, e.message));
  const bom = new TextDecoderStream("utf-8", { ignoreBOM: true });
  const bw = bom.writable.getWriter(); bw.write(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); bw.close();
  console.log(JSON.stringify((await collect(bom.readable)).join("")));
  try { new TextDecoderStream("nope"); } catch (e) { console.log(e.name, e.code, e.message); }
  try { Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, "readable").get.call({}); } catch (e) { console.log(e.name, e.code, e.message); }
})();
`);
  });

  it("CompressionStream and DecompressionStream (gzip, deflate, deflate-raw)", async () => {
    await expectParity(`
(async () => {
  const zlib = require("zlib");
  const collect = async (readable) => { const out = []; for await (const chunk of readable) out.push(...chunk); return new Uint8Array(out); };
  const input = "compress me, compress me, compress me! ".repeat(10);
  for (const format of ["gzip", "deflate", "deflate-raw"]) {
    const packed = await collect(ReadableStream.from([input]).pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream(format)));
    const unpacked = await collect(ReadableStream.from([packed]).pipeThrough(new DecompressionStream(format)));
    console.log(format, packed.length < input.length, packed.slice(0, 2), new TextDecoder().decode(unpacked) === input);
  }
  const fromNode = zlib.deflateRawSync("made by zlib");
  const text = [];
  for await (const s of ReadableStream.from([fromNode]).pipeThrough(new DecompressionStream("deflate-raw")).pipeThrough(new TextDecoderStream())) text.push(s);
  console.log(text.join(""), zlib.gunzipSync(await collect(ReadableStream.from([new Uint8Array([1, 2, 3])]).pipeThrough(new CompressionStream("gzip")))));
  const bad = new DecompressionStream("gzip");
  const writer = bad.writable.getWriter();
  writer.write(new Uint8Array([1, 2, 3, 4])).catch(() => {});
  const [closeError, readError] = await Promise.all([writer.close().then(() => null, (e) => e), collect(bad.readable).then(() => null, (e) => e)]);
  console.log("close rejected", closeError.name, closeError.code, JSON.stringify(closeError.message), closeError.cause.message);
  console.log("read rejected", readError.name, readError.code, JSON.stringify(readError.message), readError.cause.message, readError.cause.errno, readError === closeError);
  for (const format of ["br", undefined, "GZIP"]) {
    try { new CompressionStream(format); } catch (e) { console.log(e.name, e.code, e.message); }
  }
  try { new DecompressionStream("zstd"); } catch (e) { console.log(e.name, e.code, e.message); }
})();
`);
  });

  it("Readable/Writable/Duplex fromWeb and toWeb", async () => {
    await expectParity(`
const { Readable, Writable, Duplex, PassThrough, pipeline } = require("stream");
(async () => {
  for await (const chunk of Readable.toWeb(Readable.from([Buffer.from("ab"), Buffer.from("c")], { objectMode: false }))) console.log("toWeb bytes", chunk);
  for await (const item of Readable.toWeb(Readable.from(["x", 1, { a: 1 }]))) console.log("toWeb objects", item);
  const fromWeb = Readable.fromWeb(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close(); } }));
  const got = [];
  for await (const chunk of fromWeb) got.push(chunk);
  console.log("fromWeb", Buffer.concat(got), fromWeb.readableObjectMode);
  for await (const s of Readable.fromWeb(ReadableStream.from(["a", "b"]), { encoding: "utf8" })) console.log("fromWeb text", s);
  for await (const o of Readable.fromWeb(ReadableStream.from([{ a: 1 }]), { objectMode: true })) console.log("fromWeb object", o);
  const written = [];
  const nodeWritable = Writable.fromWeb(new WritableStream({ write(chunk) { written.push(chunk); } }));
  nodeWritable.write("hi");
  await new Promise((resolve) => nodeWritable.end(Buffer.from("yo"), resolve));
  console.log("Writable.fromWeb", written);
  const sink = [];
  const webWritable = Writable.toWeb(new Writable({ write(chunk, encoding, callback) { sink.push(chunk); callback(); } }));
  const writer = webWritable.getWriter();
  await writer.write(new Uint8Array([65])); await writer.write("str"); await writer.close();
  console.log("Writable.toWeb", sink);
  const upper = Duplex.fromWeb(new TransformStream({ transform(chunk, c) { c.enqueue(String(chunk).toUpperCase()); } }), { encoding: "utf8", objectMode: true });
  upper.end("abc");
  for await (const s of upper) console.log("Duplex.fromWeb", s);
  const pair = Duplex.toWeb(new PassThrough());
  const pw = pair.writable.getWriter();
  pw.write(new Uint8Array([9])); pw.close();
  const pr = pair.readable.getReader();
  console.log("Duplex.toWeb", await pr.read(), await pr.read());
  for (const [name, fn] of [["Readable.toWeb", () => Readable.toWeb({})], ["Readable.fromWeb", () => Readable.fromWeb({})], ["Writable.toWeb", () => Writable.toWeb(5)], ["Writable.fromWeb", () => Writable.fromWeb({})], ["Duplex.toWeb", () => Duplex.toWeb({})], ["Duplex.fromWeb", () => Duplex.fromWeb({})]]) {
    try { fn(); } catch (e) { console.log(name, e.code, e.message); }
  }
  const failing = Readable.fromWeb(new ReadableStream({ pull(c) { c.error(new Error("web side failed")); } }));
  await new Promise((resolve) => failing.on("error", (e) => { console.log("fromWeb error", e.message); resolve(); }).resume());
  await Readable.toWeb(new Readable({ read() { this.destroy(new Error("node side failed")); } })).getReader().read().catch((e) => console.log("toWeb error", e.message));
  const source = Readable.from(["p", "q"]);
  const web = Readable.toWeb(source);
  await web.cancel(new Error("stop"));
  console.log("cancel destroys", source.destroyed);
})();
`);
  });

  it("stream/consumers", async () => {
    await expectParity(`
const consumers = require("stream/consumers");
const { Readable } = require("stream");
(async () => {
  console.log(Object.keys(consumers), require("node:stream/consumers") === consumers);
  console.log(await consumers.text(Readable.from(["a", Buffer.from("€")])));
  console.log(await consumers.json(Readable.from(['{"a":', "[1,2]}"])));
  console.log(await consumers.buffer(ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])])));
  const ab = await consumers.arrayBuffer(Readable.from([Buffer.from("xyz")]));
  console.log(ab instanceof ArrayBuffer, ab.byteLength);
  const blob = await consumers.blob(Readable.from([Buffer.from("blob"), "!"]));
  console.log(blob, await blob.text());
  async function* gen() { yield "from "; yield "generator"; }
  console.log(await consumers.text(gen()));
  const split = Buffer.from("😀");
  console.log(await consumers.text(Readable.from([split.subarray(0, 2), split.subarray(2)])));
  await consumers.json(Readable.from(["{bad"])).catch((e) => console.log(e.name));
  await consumers.text(new Readable({ read() { this.destroy(new Error("failed source")); } })).catch((e) => console.log(e.message));
})();
`);
  });

  it("pipeline and finished with web streams", async () => {
    await expectParity(`
const { pipeline } = require("stream/promises");
const { Writable } = require("stream");
(async () => {
  const out = [];
  await pipeline(ReadableStream.from(["a", "b"]), new TransformStream({ transform(c, ctl) { ctl.enqueue(c + c); } }), new WritableStream({ write(c) { out.push(c); } }));
  console.log("web pipeline", out);
  const chunks = [];
  await pipeline(ReadableStream.from([new Uint8Array([104, 105])]), new Writable({ write(c, e, cb) { chunks.push(c); cb(); } }));
  console.log("web to node", chunks);
})();
`);
  });
});
