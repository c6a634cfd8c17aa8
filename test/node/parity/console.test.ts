/** Parity with host Node: what console methods print (util.format / util.inspect). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

/**
 * Warnings carry the process id (the sandbox's is the kernel's). Node prints them through
 * `console.error`, so scripts that print warnings replace it with one that masks the id.
 */
const PID_MASKED = `console.error = (...args) => process.stderr.write(require("util").format(...args).replace(/^\\(node:\\d+\\)/, "(node:PID)") + "\\n");\n`;

describe("parity: console formatting", () => {
  it("strings, numbers, -0, NaN, bigint, symbols, undefined and null", async () => {
    await expectParity(`
console.log("plain", 'quo"te', "multi\\nline");
console.log(1, -0, 0, NaN, Infinity, -Infinity, 1.5e300, 0.1 + 0.2);
console.log(10n, -5n, Symbol("s"), Symbol(), Symbol.iterator);
console.log(undefined, null, true, false);
console.log([-0, "s", 1n, Symbol("x"), undefined, null]);
console.log({ s: "str'ing", n: -0, b: 2n });
console.log();
console.log("");
`);
  });

  it("nested objects and arrays beyond depth 2", async () => {
    await expectParity(`
console.log({ a: { b: { c: { d: { e: 1 } } } } });
console.log([[[[[1]]]], [[["x"]]]]);
console.log({ arr: [{ x: [{ y: [1] }] }] });
console.log({ "key with space": 1, valid_id: 2, 3: "num", "a-b": 4 });
console.log({ f() {}, g: () => 1, h: function named() {}, k: class K {}, l: async () => {} });
`);
  });

  it("Map, Set, WeakMap, Date, RegExp, null-prototype objects, sparse arrays", async () => {
    await expectParity(`
console.log(new Map([["a", 1], [{ k: 1 }, [2]]]), new Set([1, "two", [3]]));
console.log(new Map(), new Set(), new WeakMap(), new WeakSet());
console.log(new Date(0), [new Date(86400000)], { d: new Date(0) }, new Date(NaN));
console.log(/ab+c/gi, [/x/], { r: /y/m });
const bare = Object.create(null); bare.a = 1;
console.log(bare, Object.create(null));
console.log(Object.assign(Object.create({ inherited: 1 }), { own: 2 }));
console.log([1, , 3], new Array(5), [undefined, , null]);
`);
  });

  it("class instances", async () => {
    await expectParity(`
class Point { constructor() { this.x = 1; this.y = 2; } }
class Empty {}
class Child extends Point { constructor() { super(); this.z = [3]; } }
console.log(new Point(), [new Point()], new Empty(), new Child());
console.log({ nested: { deeper: new Point() } }, class Named {}, class extends Point {});
`);
  });

  it("errors as values", async () => {
    await expectParity(`
const e = new Error("boom");
console.log(e.message, String(e), e.name);
console.log(new TypeError("bad").toString());
class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
console.log(String(new MyError("mine")));
console.log(Object.keys(Object.assign(new Error("x"), { code: "E_X" })));
`);
  });

  it("errors printed with their stacks", async () => {
    await expectParity(`
console.log(new Error("boom"));
console.log({ nested: new RangeError("range") });
const withCode = new Error("coded"); withCode.code = "E_CODE"; withCode.extra = { a: 1 };
console.error(withCode);
class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
console.log(new MyError("mine"));
const noStack = new Error("no stack"); noStack.stack = undefined;
console.log(noStack);
console.log(new Error("outer", { cause: new Error("inner") }));
`);
  });

  it("circular references", async () => {
    await expectParity(`
const a = { name: "a" }; a.self = a; a.list = [a, { back: a }];
console.log(a);
const arr = [1]; arr.push(arr);
console.log(arr);
const m = new Map(); m.set("m", m);
console.log(m);
`);
  });

  it("long arrays, strings and objects are cut as Node cuts them", async () => {
    await expectParity(`
console.log(Array.from({ length: 150 }, (_, i) => i));
console.log(Array.from({ length: 30 }, (_, i) => "item" + i));
console.log(["x".repeat(200)]);
console.log("y".repeat(12000).length, ["z".repeat(10010)].toString().length);
const big = {}; for (let i = 0; i < 40; i++) big["key" + i] = i;
console.log(big);
console.log(new Set(Array.from({ length: 120 }, (_, i) => i)));
`);
  });

  it("typed arrays, ArrayBuffer, DataView and Buffer", async () => {
    await expectParity(`
console.log(new Uint8Array([1, 2, 3]), new Float64Array([0.5, -0]), new BigInt64Array([1n]));
console.log(new Uint8Array(200));
console.log(new ArrayBuffer(4), new DataView(new ArrayBuffer(2)));
console.log(Buffer.from("hello"), [Buffer.alloc(3)], Buffer.alloc(60, 1));
`);
  });

  it("getters, setters, symbols as keys, non-enumerable properties", async () => {
    await expectParity(`
const o = { get g() { return 1; }, set s(v) {}, get gs() { return 2; }, set gs(v) {} };
Object.defineProperty(o, "hidden", { value: 1, enumerable: false });
console.log(o);
console.log(Object.freeze({ frozen: true }));
console.log([function () {}, function named() {}, () => {}, async function* gen() {}]);
console.log(new Promise(() => {}));
`);
  });

  // Known limitation: util.inspect in the sandbox is node-inspect-extracted, which follows a newer
  // Node than 22 in this: it prints symbol keys without the brackets Node 22 puts around them.
  it.fails("symbol keys print in brackets", async () => {
    await expectParity(`console.log({ [Symbol("k")]: "sym", a: 1 });\nconsole.dir({ [Symbol.for("x")]: 1 });\n`);
  });

  // Known limitation: a promise's state is internal to V8 and the isolate has no way to read it
  // (Node asks V8 through a native binding): every promise prints as pending.
  it.fails("settled promises print their value", async () => {
    await expectParity(`const r = Promise.reject(new Error("r")); r.catch(() => {});\nconsole.log(Promise.resolve(4), Promise.resolve({ a: 1 }));\n`);
  });

  it("format specifiers %s %d %i %f %j %o %O %c %%", async () => {
    await expectParity(`
console.log("%s|%s|%s|%s", "str", 42, { a: 1 }, [1, 2]);
console.log("%s %s %s", 1n, Symbol("q"), -0);
console.log("%d %d %d %d %d", 42.9, "7", "x", 3n, -0);
console.log("%i %i %i", 42.9, "-7.5", 3n);
console.log("%f %f %f", "1.5", 2, "abc");
console.log("%j %j", { a: [1, "b"] }, "s");
const c = {}; c.c = c; console.log("%j", c);
console.log("%o", { a: { b: { c: { d: 1 } } }, f() {} });
console.log("%O", { a: { b: { c: { d: 1 } } } });
console.log("%c styled %c", "color: red", "font-weight: bold");
console.log("100%% sure %", 1);
console.log("%s missing %d");
console.log("extra", "%s", "args", 1, { x: 1 });
console.log("%x unknown", 5);
console.log(5, "%s", "not a format");
`);
  });

  it("console.error, warn, info, debug, dir", async () => {
    await expectParity(`
console.error("to stderr", { a: 1 });
console.warn("warned %d", 3);
console.info("info");
console.debug("debug");
console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir("string");
console.dir({ inspect() { return "not called"; }, x: 1 });
`);
  });

  it("custom inspect", async () => {
    await expectParity(`
const util = require("util");
console.log({ [util.inspect.custom]() { return "CUSTOM"; } });
console.log({ [Symbol.for("nodejs.util.inspect.custom")](depth, options) { return { depth, replaced: true }; } });
console.log(util.inspect({ a: [1, { b: 2 }] }, { compact: false, depth: 0 }));
console.log(util.format("%s=%d", "n", 5), util.inspect("str"));
`);
  });

  it("console.assert, count, countReset, group", async () => {
    await expectParity(`${PID_MASKED}
console.assert(true, "never");
console.assert(false, "failed %s", "here");
console.assert(false);
console.assert(0, { obj: 1 });
console.count(); console.count(); console.count("x"); console.countReset(); console.count();
console.countReset("nope");
console.group("Group A");
console.log("inside");
console.group();
console.warn("deeper\\nmultiline");
console.groupEnd();
console.groupCollapsed("collapsed");
console.log({ a: 1, b: { c: 2 } });
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log("outside");
`);
  });

  it("console.table", async () => {
    await expectParity(`
console.table([{ a: 1, b: "x" }, { a: 2, c: true }]);
console.table({ r1: { c: 1 }, r2: { c: 2 } });
console.table([[1, 2], [3, 4]]);
console.table([{ a: 1, b: 2 }], ["a"]);
console.table("not tabular");
console.table([]);
console.table(new Map([["k", 1]]));
`);
  });

  it("console.time labels without durations, and missing labels", async () => {
    await expectParity(`${PID_MASKED}
console.timeEnd("missing");
console.timeLog("missing");
console.time("t");
console.time("t");
`);
  });

  it("process.emitWarning and the 'warning' event", async () => {
    await expectParity(`${PID_MASKED}
process.on("warning", (w) => console.log("event:", w.name, w.message, w.code));
process.emitWarning("plain");
process.emitWarning("typed", "CustomWarning", "C001");
process.emitWarning("with detail", { type: "OptWarning", code: "O1", detail: "more text" });
process.emitWarning(new TypeError("an error"));
process.emitWarning("old api", "DeprecationWarning", "DEP0999");
try { process.emitWarning(5); } catch (e) { console.log(e.code, e.message); }
console.log("sync first", process.listenerCount("warning"));
`);
  });

  it("console output goes through process.stdout.write and console.trace", async () => {
    await expectParity(`
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (text) => write("[" + text.trimEnd() + "]\\n");
console.log("captured", { a: 1 });
console.info("info too");
console.table([{ a: 1 }]);
process.stdout.write = write;
console.log("restored");
function where() { console.trace("tracing %d", 1); }
where();
`);
  });

  it("process.stdout.write and writes of Buffers", async () => {
    await expectParity(`
process.stdout.write("no newline");
process.stdout.write(Buffer.from(" bytes\\n"));
process.stderr.write("err\\n");
process.stdout.write("cb\\n", () => console.log("written"));
`);
  });
});
