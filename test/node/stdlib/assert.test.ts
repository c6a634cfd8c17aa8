/** Parity with host Node: the `assert` and `assert/strict` builtins. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

const REPORT = `
function report(label, fn) {
  try { fn(); console.log(label, "passed"); }
  catch (e) { console.log(label, e.name, e.code, e.operator, e.generatedMessage, e instanceof assert.AssertionError, JSON.stringify(e.message)); }
}
`;

describe("parity: assert", () => {
  it("passing assertions", async () => {
    await expectParity(`
const assert = require("assert");
assert(true); assert.ok(1); assert.equal(1, "1"); assert.notEqual(1, 2); assert.strictEqual(NaN, NaN); assert.notStrictEqual(1, "1");
assert.deepEqual({ a: 1 }, { a: "1" }); assert.deepStrictEqual({ a: [1, { b: new Map([[1, new Set([2])]]) }] }, { a: [1, { b: new Map([[1, new Set([2])]]) }] });
assert.notDeepStrictEqual({ a: 1 }, { a: "1" }); assert.notDeepEqual({ a: 1 }, { a: 2 });
assert.throws(() => { throw new TypeError("bad"); }, TypeError);
assert.throws(() => { throw new TypeError("bad"); }, /bad/);
assert.throws(() => { throw new TypeError("bad"); }, { name: "TypeError", message: "bad" });
assert.throws(() => { throw new TypeError("bad"); }, (e) => e instanceof TypeError);
assert.doesNotThrow(() => {}); assert.match("abc", /b/); assert.doesNotMatch("abc", /x/); assert.ifError(null); assert.ifError(undefined);
const strict = require("assert/strict");
console.log(strict === assert.strict, require("node:assert") === assert, typeof strict.equal);
strict.deepEqual([1], [1]);
(async () => {
  await assert.rejects(Promise.reject(new Error("r")), /r/);
  await assert.rejects(async () => { throw new RangeError("x"); }, RangeError);
  await assert.doesNotReject(Promise.resolve(1));
  console.log("all passed");
})();
`);
  });

  it("failures: AssertionError fields and messages", async () => {
    await expectParity(`
const assert = require("assert");
${REPORT}
report("strictEqual", () => assert.strictEqual(1, 2));
report("strictEqual str", () => assert.strictEqual("a", "b"));
report("strictEqual msg", () => assert.strictEqual(1, 2, "custom message"));
report("equal", () => assert.equal(1, 2));
report("notEqual", () => assert.notEqual(1, 1));
report("notStrictEqual", () => assert.notStrictEqual(1, 1));
report("deepStrictEqual", () => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] }));
report("deepStrictEqual prim", () => assert.deepStrictEqual(1, 2));
report("deepStrictEqual types", () => assert.deepStrictEqual([1, 2, 3], [1, 2, "3"]));
report("deepEqual", () => assert.deepEqual({ a: 1 }, { a: 2 }));
report("notDeepStrictEqual", () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
report("ok", () => assert.ok(0, "zero is falsy"));
report("ok no args", () => assert.ok());
report("throws missing", () => assert.throws(() => {}));
report("throws missing msg", () => assert.throws(() => {}, TypeError, "wanted a TypeError"));
report("throws wrong class", () => assert.throws(() => { throw new Error("plain"); }, TypeError));
report("throws regexp", () => assert.throws(() => { throw new Error("hello"); }, /bye/));
report("throws object", () => assert.throws(() => { throw new Error("hello"); }, { message: "bye" }));
report("throws validate", () => assert.throws(() => { throw new Error("v"); }, () => false));
report("doesNotThrow", () => assert.doesNotThrow(() => { throw new Error("boom"); }));
report("doesNotThrow msg", () => assert.doesNotThrow(() => { throw new Error("boom"); }, "should not"));
report("match", () => assert.match("abc", /x/));
report("doesNotMatch", () => assert.doesNotMatch("abc", /b/));
report("fail", () => assert.fail());
report("fail msg", () => assert.fail("failed on purpose"));
report("ifError", () => assert.ifError(new Error("e")));
report("ifError value", () => assert.ifError("str"));
report("message error", () => assert.strictEqual(1, 2, new RangeError("own error")));
report("strict equal", () => require("assert/strict").equal(1, "1"));
report("strict deepEqual", () => require("assert/strict").deepEqual({ a: 1 }, { a: "1" }));
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
console.log(e.name, e.code, e.actual, e.expected, e.operator, String(e));
console.log(e.stack.split("\\n")[0]);
(async () => {
  await assert.rejects(Promise.resolve(1)).catch((e) => console.log(e.code, e.message));
  await assert.doesNotReject(Promise.reject(new Error("r"))).catch((e) => console.log(e.code, e.message));
  await assert.rejects(Promise.reject(new Error("r")), TypeError).catch((e) => console.log(e.code, JSON.stringify(e.message)));
})();
`);
  });

  it("a falsy assert.ok quotes its call from the source", async () => {
    await expectParity(`
const assert = require("assert");
const { strict } = assert;
${REPORT}
const x = 5;
report("assert", () => assert(false));
report("ok", () => assert.ok(typeof x === "string"));
report("strict", () => strict(x > 10 && "paren (inside) string"));
report("multi-line", () => assert.ok(
    x < 0 ||
    x > 100,
  ));
function nested() { assert(null); }
report("nested", nested);
report("comment", () => assert(0 /* c ) */));
report("two lines", () => assert(false ||
  0));
report("no message value", () => assert.equal(x, 6));
`);
  });

  it("deep equality corner cases, strict and loose", async () => {
    await expectParity(`
const assert = require("assert");
const { isDeepStrictEqual } = require("util");
const loose = (a, b) => { try { assert.deepEqual(a, b); return true; } catch { return false; } };
const sym = Symbol("s");
const withExtra = [1, 2]; withExtra.extra = true;
const cases = [
  [1, "1"], [null, undefined], [NaN, NaN], [0, -0], [[1, , 3], [1, undefined, 3]], [[1, 2], withExtra], [{}, []], [Object.create(null), {}],
  [{ [sym]: 1 }, { [sym]: 2 }], [{ [sym]: 1 }, {}], [new Number(1), new Number(1)], [new Number(1), new Number(2)], [new String("a"), "a"],
  [new Date(0), new Date(0)], [new Date(0), new Date(1)], [/a/g, /a/g], [/a/, /a/i], [new Set([1, 2]), new Set([2, 1])], [new Set(["1"]), new Set([1])],
  [new Map([["a", 1]]), new Map([["a", "1"]])], [new Map([[{}, 1]]), new Map([[{}, 1]])], [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
  [new Uint8Array([1]), new Int8Array([1])], [new Float64Array([0]), new Float64Array([-0])], [new ArrayBuffer(2), new ArrayBuffer(2)], [Buffer.from("a"), new Uint8Array([97])],
  [new Error("x"), new Error("x")], [new Error("x"), new Error("y")], [new TypeError("x"), new Error("x")], [() => {}, () => {}], [[{ a: [1, { b: 2 }] }], [{ a: [1, { b: "2" }] }]],
  [{ a: undefined }, {}], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [new WeakMap(), new WeakMap()], [Promise.resolve(), Promise.resolve()], [[NaN], [NaN]], [Object(1n), Object(1n)],
];
for (const [a, b] of cases) console.log(isDeepStrictEqual(a, b), loose(a, b));
const a1 = { n: 1 }; a1.self = a1; const b1 = { n: 1 }; b1.self = { n: 1, self: b1 };
console.log(isDeepStrictEqual(a1, b1), loose(a1, b1));
class A { constructor() { this.x = 1; } } class B { constructor() { this.x = 1; } }
console.log(isDeepStrictEqual(new A(), new B()), loose(new A(), new B()));
`);
  });

  it("an uncaught assertion failure exits with code 1", async () => {
    await expectParity(`
const assert = require("assert");
try { assert.strictEqual(1, 2); } catch (e) { console.log(Object.keys(e)); }
process.exitCode = 0;
process.on("exit", (code) => console.log("exit", code));
setTimeout(() => { try { assert.deepStrictEqual([1], [2]); } catch (e) { console.log(e.message); process.exitCode = 1; } });
`);
  });
});
