/** Parity with host Node: the `util` builtin (types, parseArgs, styleText, promisify, deprecate...). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: util", () => {
  it("util.types and util/types", async () => {
    await expectParity(`
const util = require("util");
const types = require("node:util/types");
const t = util.types;
console.log(types === t || Object.keys(types).length > 10);
console.log(t.isPromise(Promise.resolve()), t.isPromise({ then() {} }), t.isDate(new Date()), t.isDate({}), t.isRegExp(/a/), t.isRegExp("a"));
console.log(t.isMap(new Map()), t.isSet(new Set()), t.isWeakMap(new WeakMap()), t.isWeakSet(new WeakSet()), t.isMap(new Set()));
console.log(t.isTypedArray(new Float64Array(1)), t.isTypedArray([]), t.isUint8Array(Buffer.alloc(1)), t.isUint8Array(new Int8Array(1)), t.isArrayBuffer(new ArrayBuffer(1)), t.isAnyArrayBuffer(new ArrayBuffer(1)), t.isArrayBufferView(new DataView(new ArrayBuffer(1))), t.isDataView(new DataView(new ArrayBuffer(1))));
console.log(t.isAsyncFunction(async () => {}), t.isAsyncFunction(() => {}), t.isGeneratorFunction(function* () {}), t.isGeneratorFunction(function () {}), t.isGeneratorObject((function* () {})()));
console.log(t.isNativeError(new TypeError("x")), t.isNativeError({ name: "Error", message: "x" }), t.isBoxedPrimitive(Object(1)), t.isBoxedPrimitive(1), t.isNumberObject(Object(1)), t.isStringObject(Object("s")), t.isSymbolObject(Object(Symbol())), t.isBigIntObject(Object(1n)));
console.log(t.isMapIterator(new Map().keys()), t.isSetIterator(new Set().values()), t.isArgumentsObject((function () { return arguments; })()), t.isProxy({}));
`);
  });

  it("format, inspect, isDeepStrictEqual, inherits, stripVTControlCharacters, toUSVString", async () => {
    await expectParity(`
const util = require("node:util");
console.log(util.format("%s %d %i %f %j %o %O %%", "s", 42.5, 42.5, "1.5", { a: 1 }, [1], { b: 2 }));
console.log(util.formatWithOptions({ colors: false }, "%s", { x: 1 }));
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), util.inspect("str"), util.inspect(new Map([[1, 2]])));
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ["1"]), util.isDeepStrictEqual(0, -0), util.isDeepStrictEqual(NaN, NaN));
console.log(util.isDeepStrictEqual(new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }])), util.isDeepStrictEqual(new Map([[{ k: 1 }, "v"]]), new Map([[{ k: 1 }, "v"]])), util.isDeepStrictEqual(new Date(1), new Date(2)));
console.log(util.isDeepStrictEqual(Object.create(null), {}), util.isDeepStrictEqual(/a/g, /a/g), util.isDeepStrictEqual(/a/g, /a/i), util.isDeepStrictEqual(Buffer.from("ab"), Buffer.from("ab")), util.isDeepStrictEqual(new Uint8Array([1]), Buffer.from([1])));
const cyclic1 = { name: "x" }; cyclic1.self = cyclic1; const cyclic2 = { name: "x" }; cyclic2.self = cyclic2;
console.log(util.isDeepStrictEqual(cyclic1, cyclic2), util.isDeepStrictEqual(new Error("a"), new Error("a")), util.isDeepStrictEqual(new Error("a"), new TypeError("a")));
function Base() {} Base.prototype.hello = function () { return "hi"; };
function Child() { Base.call(this); }
util.inherits(Child, Base);
console.log(new Child().hello(), Child.super_ === Base, new Child() instanceof Base);
console.log(util.stripVTControlCharacters("\\u001b[31mred\\u001b[39m plain"), JSON.stringify(util.toUSVString("a\\ud800b")));
console.log(util.TextEncoder === TextEncoder, util.TextDecoder === TextDecoder, typeof util.debuglog("nothing"), util.debuglog("nothing").enabled);
util.debuglog("nothing")("not printed");
`);
  });

  it("promisify (with custom), callbackify", async () => {
    await expectParity(`
const util = require("util");
const add = (a, b, cb) => setTimeout(() => cb(null, a + b), 1);
const fail = (cb) => cb(new Error("boom"));
function custom() {}
custom[util.promisify.custom] = () => Promise.resolve("custom!");
(async () => {
  console.log(await util.promisify(add)(1, 2));
  await util.promisify(fail)().catch((e) => console.log("rejected", e.message));
  console.log(await util.promisify(custom)(), util.promisify(custom) === custom[util.promisify.custom], util.promisify.custom === Symbol.for("nodejs.util.promisify.custom"));
  const p = util.promisify(add); console.log(util.promisify(p) === p);
  console.log(await util.promisify(setTimeout)(2, "slept"), await util.promisify(setImmediate)("immediate"));
  try { util.promisify(1); } catch (e) { console.log(e.code, e.message); }
  const cb = util.callbackify(async (x) => x * 2);
  console.log(cb.name, cb.length);
  cb(21, (err, value) => console.log("callbackified", err, value));
  util.callbackify(() => Promise.reject(null))((err) => console.log(err.code, err.message, err.reason));
  util.callbackify(async () => { throw new Error("no"); })((err) => console.log("err", err.message));
})();
`);
  });

  it("deprecate warns once through process.emitWarning", async () => {
    await expectParity(`
const util = require("util");
process.on("warning", (w) => console.log("warning:", w.name, w.code, w.message));
process.emitWarning = ((original) => function (...args) { console.log("emitWarning", args[0], args[1]); return original.apply(this, args); })(process.emitWarning);
const fn = util.deprecate((x) => x + 1, "fn() is old", "DEP_TEST");
console.log(fn(1), fn(2));
const other = util.deprecate(() => "o", "other() is old", "DEP_TEST");
console.log(other());
const third = util.deprecate(() => "t", "third() is old");
console.log(third(), third());
console.error = () => {};
`);
  });

  it("parseArgs", async () => {
    await expectParity(`
const { parseArgs } = require("node:util");
const options = { verbose: { type: "boolean", short: "v" }, out: { type: "string", short: "o" }, tag: { type: "string", multiple: true }, level: { type: "string", default: "info" }, flag: { type: "boolean", multiple: true, short: "f" } };
console.log(parseArgs({ args: ["-v", "-o", "file", "--tag=a", "--tag", "b", "pos", "-ff"], options, allowPositionals: true }));
console.log(parseArgs({ args: ["-vofile.txt", "--", "--not-an-option", "-x"], options, allowPositionals: true, tokens: true }));
console.log(parseArgs({ args: ["--unknown", "-abc", "--out"], strict: false, options }));
console.log(parseArgs({ args: ["--no-verbose"], options, allowNegative: true }));
console.log(parseArgs({ args: [], options: { list: { type: "string", multiple: true, default: ["x"] } } }));
const cases = [
  { args: ["--nope"], options },
  { args: ["--nope"], options, allowPositionals: true },
  { args: ["-x"] },
  { args: ["--out"], options },
  { args: ["--verbose=yes"], options },
  { args: ["-v=1"], options },
  { args: ["--out", "-v"], options },
  { args: ["-o", "-v"], options },
  { args: ["positional"] },
  { args: [], options: { bad: { type: "number" } } },
  { args: [], options: { bad: { type: "string", short: "xy" } } },
  { args: [], options: { bad: { type: "string", default: 1 } } },
];
for (const config of cases) {
  try { console.log(parseArgs(config)); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message)); }
}
`, { args: ["--ignored"] });
  });

  it("styleText", async () => {
    await expectParity(`
const { styleText } = require("util");
console.log(JSON.stringify(styleText("red", "plain when not a TTY")));
console.log(JSON.stringify(styleText(["bold", "underline"], "x", { validateStream: false })));
console.log(JSON.stringify(styleText("green", "y", { validateStream: false })), JSON.stringify(styleText("none", "z", { validateStream: false })));
for (const args of [["nope", "x"], ["red", 1], [["red", "nope"], "x"]]) {
  try { styleText(...args); } catch (e) { console.log(e.name, e.code, e.message.slice(0, 60), e.message.slice(-20)); }
}
`);
  });

  it("exports what Node 22 exports", async () => {
    await expectParity(`
const util = require("util");
const missing = ["MIMEType", "MIMEParams", "parseEnv", "getSystemErrorMap", "getSystemErrorMessage", "getSystemErrorName", "isBuffer", "log", "_extend",
  "aborted", "transferableAbortSignal", "transferableAbortController", "_errnoException", "_exceptionWithHostPort", "setTraceSigInt"].filter((name) => typeof util[name] !== "function");
console.log(missing, typeof util.types.isFloat16Array, util.types.isFloat16Array(new Float32Array(1)), util.types.isFloat16Array([]));
`);
  });

  it("MIMEType and MIMEParams", async () => {
    await expectParity(`
const { MIMEType, MIMEParams } = require("util");
const m = new MIMEType('Text/HTML ; Charset="ut\\\\"f-8" ; a=; b ; c="" ; d=x y ; CHARSET=dup; e="q"junk; f=\\'v\\'');
console.log(String(m), m.type, m.subtype, m.essence, m.params.get("charset"), m.params.has("a"), m.params.get("nope"));
console.log([...m.params], [...m.params.keys()], [...m.params.values()], JSON.stringify({ m }), m instanceof MIMEType, m.params instanceof MIMEParams);
console.log(m, [m.params], Object.keys(m));
m.type = "Image"; m.subtype = "PNG"; m.params.set("Q", "x y"); m.params.delete("c");
console.log(String(m), m.essence, \`\${m.params}\`);
console.log(String(new MIMEType("\\t application/json;charset=UTF-8 \\n")), String(new MIMEType({ toString: () => "x/y;z=1" })));
const p = new MIMEParams(); p.set("b", ""); p.set("a", "é");
console.log(String(p), p.toJSON(), [...p.entries()]);
for (const input of ["", "text", "text/", "/html", "te xt/html", "text/ht ml", " a ", "a/b/c", "é/b", undefined]) {
  try { new MIMEType(input); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message)); }
}
for (const [name, value] of [["", "x"], ["a b", "x"], ["a", "\\n"], ["é", "x"]]) {
  try { p.set(name, value); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message)); }
}
for (const [key, value] of [["type", ""], ["type", "a b"], ["subtype", "a;b"]]) {
  try { m[key] = value; } catch (e) { console.log(e.code, e.message); }
}
`);
  });

  it("parseEnv", async () => {
    await expectParity(`
const { parseEnv } = require("util");
const text = [
  "# a comment", "PLAIN=value", "SPACED =  spaced value  # trailing comment", "export EXPORTED=yes", "SINGLE='it''s'", 'DOUBLE="line\\\\nbreak"',
  "BACKTICK=\`a 'b' \\"c\\"\`", 'MULTI="first', 'second"', "EMPTY=", "NOVALUE", "HASH=a#b", 'QUOTED_HASH="a#b"', "UNCLOSED='oops", "=nokey", "Z=last",
].join("\\r\\n");
console.log(parseEnv(text));
console.log(parseEnv(""), parseEnv("A=1\\nA=2"), parseEnv("  # only\\n"), parseEnv("export A"), parseEnv("B=2\\nA=1\\n1=x"));
try { parseEnv(1); } catch (e) { console.log(e.name, e.code, e.message); }
`);
  });

  it("system errors: getSystemErrorName, getSystemErrorMessage, getSystemErrorMap, _errnoException", async () => {
    await expectParity(`
const util = require("util");
console.log(util.getSystemErrorName(-2), util.getSystemErrorMessage(-2), util.getSystemErrorName(-13), util.getSystemErrorMessage(-4095));
console.log(util.getSystemErrorName(-99999), util.getSystemErrorMessage(-99999));
const map = util.getSystemErrorMap();
console.log(map instanceof Map, map.size, map.get(-98), [...map.keys()].slice(0, 5), map === util.getSystemErrorMap());
for (const bad of [2, 0, -1.5, "x", NaN, -Infinity, 2 ** 60]) {
  try { util.getSystemErrorName(bad); } catch (e) { console.log(e.name, e.code, e.message); }
  try { util.getSystemErrorMessage(bad); } catch (e) { console.log(e.code); }
}
const errno = util._errnoException(-2, "open", "/x");
console.log(errno.message, errno.errno, errno.code, errno.syscall, Object.keys(errno), errno instanceof Error);
console.log(util._errnoException(-13, "read").message);
const hostPort = util._exceptionWithHostPort(-111, "connect", "1.2.3.4", 80);
console.log(hostPort.message, Object.keys(hostPort), hostPort.port, hostPort.address);
console.log(util._exceptionWithHostPort(-98, "listen", "::", 0).message, util._exceptionWithHostPort(-98, "bind", "1.1.1.1", 5, "extra").message);
`);
  });

  it("deprecated helpers: isBuffer, _extend, log", async () => {
    await expectParity(`
const util = require("util");
process.on("warning", (w) => console.log("warning:", w.name, w.code, w.message));
console.error = () => {};
console.log(util.isBuffer(Buffer.alloc(1)), util.isBuffer(new Uint8Array(1)), util.isBuffer("x"), util.isBuffer(null));
const target = { a: 1 };
console.log(util._extend(target, { b: 2, a: 3 }) === target, target, util._extend({ k: 1 }, null), util._extend({ k: 1 }, "str"));
const lines = [];
const log = console.log;
console.log = (...args) => lines.push(util.format(...args));
util.log("hello %s", "world", { n: 1 });
console.log = log;
console.log(lines.length, /^\\d{1,2} [A-Z][a-z]{2} \\d{2}:\\d{2}:\\d{2} - hello world { n: 1 }$/.test(lines[0]));
`);
  });

  it("aborted, transferableAbortSignal, transferableAbortController", async () => {
    await expectParity(`
const util = require("util");
(async () => {
  const controller = new AbortController();
  const waiting = util.aborted(controller.signal, {}).then(() => console.log("aborted resolved", controller.signal.aborted));
  controller.abort();
  await waiting;
  await util.aborted(AbortSignal.abort(), {}).then(() => console.log("already aborted resolves"));
  await util.aborted({}, {}).catch((e) => console.log(e.name, e.code, e.message));
  await util.aborted(new AbortController().signal).catch((e) => console.log(e.name, e.code, e.message));
  const signal = AbortSignal.abort("why");
  console.log(util.transferableAbortSignal(signal) === signal, util.transferableAbortController() instanceof AbortController);
  try { util.transferableAbortSignal({}); } catch (e) { console.log(e.name, e.code, e.message); }
})();
`);
  });

  it("diff", async () => {
    await expectParity(`
const { diff } = require("util");
console.log(JSON.stringify(diff("abc", "abd")), JSON.stringify(diff(["a", "b", "c"], ["a", "x", "c", "d"])), JSON.stringify(diff("same", "same")), JSON.stringify(diff(["x"], "x")));
console.log(JSON.stringify(diff("kitten", "sitting")), JSON.stringify(diff("", "abc")), JSON.stringify(diff(["line 1", "line 2"], [])), JSON.stringify(diff(null, null)));
for (const args of [[1, "a"], ["a", 1], [["a", 1], ["a"]], ["a"], [{}, "a"]]) {
  try { diff(...args); } catch (e) { console.log(e.name, e.code, e.message); }
}
`);
  });

  it("getCallSites: the caller's frames (scriptId differs: V8 numbers scripts per process)", async () => {
    await expectParity(`
const util = require("util");
const show = (sites) => sites.map((s) => [s.functionName, s.scriptName, s.lineNumber, s.columnNumber, s.column, typeof s.scriptId, Object.keys(s).join(), Object.getPrototypeOf(s)]);
function outer() { return inner(); }
function inner() { return util.getCallSites(3); }
console.log(show(outer()));
class K { method() { return util.getCallSites(1); } }
console.log(show(new K().method()), show((() => util.getCallSites(1))()), show(util.getCallSites({ sourceMap: false }).slice(0, 1)));
process.on("warning", (w) => console.log("warning:", w.name, w.message));
console.error = () => {};
console.log(util.getCallSite(1).length);
for (const bad of ["x", 0, 201, NaN, { sourceMap: 1 }]) { try { util.getCallSites(bad); console.log("ok"); } catch (e) { console.log(e.name, e.code, e.message); } }
`);
  });
});

