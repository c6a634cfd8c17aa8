/** Parity with host Node: the `buffer` module beyond Buffer itself (Blob, File, and the extras). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

/** Prints what a call returned, threw or rejected with. */
const SHOW = `
const show = async (label, fn) => {
  try {
    console.log(label, "ok", await fn());
  } catch (e) {
    console.log(label, e?.name, e?.code, e?.message);
  }
};
`;

describe("parity: buffer module", () => {
  it("exports, in Node's order, and their values", async () => {
    await expectParity(`
const buffer = require("buffer");
console.log(Object.keys(buffer));
console.log(buffer.kMaxLength, buffer.kStringMaxLength, buffer.constants, buffer.INSPECT_MAX_BYTES);
console.log(buffer.Buffer === Buffer, buffer.Blob === Blob, buffer.File === File, buffer.atob === atob, buffer.btoa === btoa, require("node:buffer") === buffer);
console.log(buffer.atob("aGk="), buffer.btoa("hi"), typeof buffer.SlowBuffer, buffer.SlowBuffer.name, buffer.SlowBuffer.length, buffer.SlowBuffer(3).length, Buffer.isBuffer(buffer.SlowBuffer(2)));
console.log(buffer.transcode.length, buffer.isUtf8.length, buffer.isAscii.length, buffer.resolveObjectURL.length);
`);
  });

  it("isAscii and isUtf8", async () => {
    await expectParity(`${SHOW}
const { isAscii, isUtf8 } = require("buffer");
(async () => {
  console.log(isAscii(Buffer.from("abc")), isAscii(new Uint8Array([0x80])), isAscii(new ArrayBuffer(2)), isAscii(new Uint16Array([0x100])), isAscii(Buffer.alloc(0)));
  const samples = [[0x61], [0xc3, 0xa9], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f], [0xff], [0xe2, 0x82, 0xac, 0x41]];
  console.log(samples.map((bytes) => isUtf8(new Uint8Array(bytes))).join(" "));
  console.log(isUtf8(Buffer.from("grüße 😀")), isUtf8(new Uint8Array(0)), isUtf8(new Float64Array(1)));
  for (const bad of ["abc", 5, {}, null, new DataView(new ArrayBuffer(1))]) {
    await show("isAscii", () => isAscii(bad));
    await show("isUtf8", () => isUtf8(bad));
  }
  const detached = new ArrayBuffer(4);
  structuredClone(detached, { transfer: [detached] });
  await show("detached", () => isUtf8(detached));
})();
`);
  });

  it("transcode between utf8, utf16le, latin1 and ascii", async () => {
    await expectParity(`${SHOW}
const { transcode } = require("buffer");
(async () => {
  const cases = [
    [Buffer.from("héllo €"), "utf8", "latin1"], [Buffer.from("héllo"), "utf8", "ascii"], [Buffer.from("h€😀"), "utf8", "utf16le"],
    [Buffer.from("h€😀"), "utf8", "latin1"], [Buffer.from("hi", "utf16le"), "ucs2", "utf-8"], [Buffer.from([0xff, 0x61]), "utf8", "latin1"],
    [Buffer.from([0xe9]), "latin1", "utf8"], [Buffer.from([0xe9]), "ascii", "utf8"], [Buffer.from([0xe9, 0x41]), "binary", "ucs2"],
    [Buffer.from([0x80, 0x61]), "ascii", "utf16le"], [Buffer.from("a€", "utf16le"), "utf16le", "latin1"], [Buffer.from([0x61, 0, 0x62]), "utf16le", "latin1"],
    [Buffer.from("ab"), "UTF8", "UCS-2"], [Buffer.from("ab"), undefined, "latin1"], [new Uint8Array([97]), "utf8", "utf8"], [Buffer.alloc(0), "utf8", "latin1"],
    [Buffer.from([0xff, 0x61]), "utf8", "utf16le"], [Buffer.from([0x3d, 0xd8]), "utf16le", "utf8"], [Buffer.from([0xed, 0xa0, 0x80]), "utf8", "ucs2"],
    [Buffer.from("ab"), "utf8", "hex"], [Buffer.from("ab"), "base64", "utf8"], [Buffer.from("ab"), "nope", "utf8"],
    ["text", "utf8", "latin1"], [new Uint16Array(2), "utf8", "latin1"],
  ];
  for (const [source, from, to] of cases) await show(from + "->" + to, () => transcode(source, from, to));
  try { transcode(Buffer.from([0xff]), "utf8", "ucs2"); } catch (e) { console.log(e); }
})();
`);
  });

  it("INSPECT_MAX_BYTES changes how buffers print", async () => {
    await expectParity(`${SHOW}
const buffer = require("buffer");
(async () => {
  const bytes = Buffer.from("abcdefghij");
  console.log(Buffer.alloc(60));
  buffer.INSPECT_MAX_BYTES = 4;
  console.log(bytes, buffer.INSPECT_MAX_BYTES);
  buffer.INSPECT_MAX_BYTES = 3.5;
  console.log(bytes);
  buffer.INSPECT_MAX_BYTES = 0;
  console.log(bytes);
  buffer.INSPECT_MAX_BYTES = Infinity;
  console.log(bytes);
  await show("negative", () => { buffer.INSPECT_MAX_BYTES = -1; });
  await show("NaN", () => { buffer.INSPECT_MAX_BYTES = NaN; });
  await show("string", () => { buffer.INSPECT_MAX_BYTES = "5"; });
  console.log(buffer.INSPECT_MAX_BYTES);
})();
`);
  });

  it("Blob: parts, type, slice, text/arrayBuffer/bytes/stream", async () => {
    await expectParity(`
(async () => {
  const blob = new Blob(["héllo ", new Uint8Array([119, 111]), new Uint16Array([0x6c72]), new Blob(["d"]), new ArrayBuffer(1), 42, null], { type: "Text/Plain; Charset=UTF-8" });
  console.log(blob, blob.size, blob.type, Object.prototype.toString.call(blob));
  console.log(JSON.stringify(await blob.text()), await blob.bytes(), await blob.arrayBuffer());
  const slice = blob.slice(1, -3, "A/B");
  console.log(slice, await slice.text(), blob.slice(-2).size, blob.slice(5, 2).size, blob.slice("2", 4.9).size, blob.slice(0, 1).type, blob.slice(0, 1, "\\u00e9").type);
  const chunks = [];
  for await (const chunk of new Blob(["stream ", "me"]).stream()) chunks.push(chunk);
  console.log(chunks, new Blob([]).stream());
  const byob = new Blob(["abcdef"]).stream().getReader({ mode: "byob" });
  console.log(await byob.read(new Uint8Array(4)), await byob.read(new Uint8Array(4)), await byob.read(new Uint8Array(4)));
  console.log(new Blob(["a\\r\\nb\\rc\\n"], { endings: "native" }).size, new Blob(["a\\r\\n"], { endings: "transparent" }).size);
  console.log(new Blob(["\\ud800"]).size, await new Blob([new Uint8Array([0xff, 0x61])]).text(), await new Blob(["\\ufeffbom"]).text());
  const source = new Uint8Array([1, 2]);
  const copy = new Blob([source]);
  source[0] = 9;
  console.log(await copy.bytes(), new Blob(new Set(["a", "b"])).size, new Blob().size, new Blob(undefined, null).type);
  console.log(Object.keys(blob), JSON.stringify(blob), Blob.length, Blob.name, Object.getOwnPropertyNames(Blob.prototype));
  console.log(require("util").inspect({ a: { b: { c: blob } } }), require("util").inspect(blob, { depth: -1 }));
  const clone = structuredClone({ blob, list: [new File(["f"], "f.txt", { type: "x/y", lastModified: 1 })] });
  console.log(clone, await clone.blob.text(), clone.blob instanceof Blob, clone.blob === blob);
})();
`);
  });

  it("Blob: argument errors and wrong receivers", async () => {
    await expectParity(`${SHOW}
(async () => {
  await show("string sources", () => new Blob("abc"));
  await show("number sources", () => new Blob(5));
  await show("null sources", () => new Blob(null));
  await show("object sources", () => new Blob({ length: 1, 0: "a" }));
  await show("symbol part", () => new Blob([Symbol("x")]));
  await show("options", () => new Blob([], 5));
  await show("endings", () => new Blob([], { endings: "x" }));
  await show("without new", () => Blob([]));
  await show("size getter", () => Object.getOwnPropertyDescriptor(Blob.prototype, "size").get.call({}));
  await show("slice", () => Blob.prototype.slice.call({}));
  await show("stream", () => Blob.prototype.stream.call({}));
  await show("text", () => Blob.prototype.text.call({}));
  await show("arrayBuffer", () => Blob.prototype.arrayBuffer.call({}));
})();
`);
  });

  it("File: name, lastModified, inspect, errors", async () => {
    await expectParity(`${SHOW}
(async () => {
  const file = new File(["ab", "c"], "notes.txt", { type: "Text/Plain", lastModified: 1700000000000 });
  console.log(file, file.name, file.lastModified, file.size, file.type, file instanceof Blob, Object.prototype.toString.call(file));
  console.log(await file.text(), file.slice(1), new File([], 5).name, new File([], "a", { lastModified: "12" }).lastModified, new File([], "a", { lastModified: "x" }).lastModified);
  console.log(typeof new File([], "now").lastModified, File.length, Object.getOwnPropertyNames(File.prototype), Object.getPrototypeOf(File) === Blob);
  await show("no arguments", () => new File());
  await show("one argument", () => new File([]));
  await show("name of a Blob", () => Object.getOwnPropertyDescriptor(File.prototype, "name").get.call(new Blob([])));
  await show("bad options", () => new File([], "x", 5));
})();
`);
  });

  it("object URLs: URL.createObjectURL, revokeObjectURL and resolveObjectURL", async () => {
    await expectParity(`${SHOW}
const { resolveObjectURL } = require("buffer");
(async () => {
  const blob = new Blob(["registered"], { type: "text/plain" });
  const url = URL.createObjectURL(blob);
  console.log(/^blob:nodedata:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(url));
  const resolved = resolveObjectURL(url);
  console.log(resolved, resolved === blob, await resolved.text());
  URL.revokeObjectURL(url);
  console.log(resolveObjectURL(url), resolveObjectURL("blob:nodedata:nothing"), resolveObjectURL("https://example.com"), resolveObjectURL(), URL.revokeObjectURL("not a url"));
  await show("createObjectURL of a string", () => URL.createObjectURL("x"));
  await show("revokeObjectURL without url", () => URL.revokeObjectURL());
  console.log(Object.getOwnPropertyDescriptor(URL, "createObjectURL").enumerable, URL.createObjectURL.length, URL.revokeObjectURL.length);
})();
`);
  });
});
