/** Parity with host Node: how uncaught errors and unhandled rejections are reported, and the exit code. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: thrown errors", () => {
  it("an uncaught Error at top level", async () => {
    await expectParity(`console.log("before");\nthrow new Error("boom");\nconsole.log("after");\n`);
  });

  it("an uncaught TypeError from the engine", async () => {
    await expectParity(`const o = undefined;\nfunction read() {\n  return o.property;\n}\nread();\n`);
  });

  it("a custom error class", async () => {
    await expectParity(`
class ValidationError extends Error {
  constructor(message) { super(message); this.name = "ValidationError"; }
}
function validate() { throw new ValidationError("invalid input"); }
validate();
`);
  });

  it("an error with extra properties such as code", async () => {
    await expectParity(`
const error = Object.assign(new Error("not found"), { code: "ENOENT_LIKE", details: { path: "/x", attempts: [1, 2] } }); throw error;
`);
  });

  // Known limitation: V8 does not let the isolate see where an exception was thrown (Node reads it
  // from V8's message object). The sandbox points at where the error was made, and at the
  // \`throw\` on that line when there is one; an error made on one line and thrown on another, or a
  // value that is not an error (which has no stack at all), gets no or a different source line.
  it.fails("an error made on one line and thrown on another", async () => {
    await expectParity(`const error = new Error("not found");\nerror.code = "E";\nthrow error;\n`);
  });

  it.fails("throwing a string", async () => {
    await expectParity(`throw "just a string";`);
  });

  it.fails("throwing a number", async () => {
    await expectParity(`throw 42;`);
  });

  it.fails("throwing an object", async () => {
    await expectParity(`throw { message: "plain object", code: 7 };`);
  });

  it.fails("throwing null and undefined", async () => {
    await expectParity(`throw null;`);
    await expectParity(`throw undefined;`);
  });

  it("a thrown value that is not an error, caught by an uncaughtException listener", async () => {
    await expectParity(`
process.on("uncaughtException", (value, origin) => console.log("caught", value, origin));
setTimeout(() => { throw "a string"; });
setTimeout(() => { throw { an: "object" }; }, 2);
throw 42;
`);
  });

  it("an error thrown in an indented line and in a one-liner", async () => {
    await expectParity(`function f() {\n    if (true) {\n        throw new RangeError("deep");\n    }\n}\nf();\n`);
    await expectParity(`[1].forEach(() => { null.x; });`);
  });

  it("an error thrown inside setTimeout", async () => {
    await expectParity(`
console.log("start");
setTimeout(() => {
  throw new Error("from a timer");
}, 1);
setTimeout(() => console.log("never"), 50);
`);
  });

  it("an error thrown by a named function inside setTimeout, setImmediate and nextTick", async () => {
    await expectParity(`setTimeout(function onTimer() { throw new Error("named timer"); });`);
    await expectParity(`setImmediate(() => { throw new Error("immediate"); });`);
    await expectParity(`process.nextTick(() => { throw new Error("tick"); });`);
    await expectParity(`setInterval(function tick() { throw new Error("interval"); }, 5);`);
  });

  it("an error thrown inside a promise then", async () => {
    await expectParity(`
Promise.resolve(1).then((value) => {
  console.log("then", value);
  throw new Error("from then");
});
`);
  });

  it("an async function that throws", async () => {
    await expectParity(`
async function load() {
  await null;
  throw new TypeError("async failure");
}
load();
setTimeout(() => console.log("not reached"), 20);
`);
  });

  it("an unhandled rejection with an Error", async () => {
    await expectParity(`Promise.reject(new Error("rejected"));\nconsole.log("sync code still runs");\n`);
  });

  it("unhandled rejections with primitive reasons", async () => {
    await expectParity(`Promise.reject("a string reason");`);
    await expectParity(`Promise.reject(42);`);
    await expectParity(`Promise.reject(-0);`);
    await expectParity(`Promise.reject(undefined);`);
    await expectParity(`Promise.reject(null);`);
    await expectParity(`Promise.reject(5n);`);
    await expectParity(`async function f() { throw "from async"; }\nf();\n`);
  });

  // Known limitation: isolated-vm hands the host an unhandled rejection's reason only when it is
  // an Error or a primitive it can copy; an object or a symbol reaches the sandbox as
  // isolated-vm's own error.
  it.fails("an unhandled rejection with a symbol reason", async () => {
    await expectParity(`Promise.reject(Symbol("s"));`);
  });

  it.fails("unhandled rejections with object reasons", async () => {
    await expectParity(`Promise.reject({ code: 1, why: "object" });`);
    await expectParity(`Promise.reject([1, 2]);`);
    await expectParity(`Promise.reject(new Map());`);
  });

  it("an error-like rejection reason with an own stack", async () => {
    await expectParity(`const e = new Error("with stack");\nPromise.reject(e);\n`);
  });

  it("a rejection handled later in the same tick is not reported", async () => {
    await expectParity(`
const p = Promise.reject(new Error("late"));
queueMicrotask(() => p.catch((e) => console.log("caught", e.message)));
`);
  });

  it("errors with a cause", async () => {
    await expectParity(`
function lowLevel() { return new Error("disk full"); }
throw new Error("save failed", { cause: lowLevel() });
`);
    await expectParity(`throw new Error("wrapped", { cause: "a string cause" });`);
    await expectParity(`throw new Error("wrapped", { cause: { code: 5 } });`);
  });

  it("an AggregateError", async () => {
    await expectParity(`throw new AggregateError([new Error("a"), new TypeError("b")], "several");`);
  });

  it("an error whose name and message were changed, an empty message, a thrown error with a code", async () => {
    await expectParity(`const e = new Error("original"); e.name = "Renamed"; e.message = "changed"; throw e;`);
    await expectParity(`throw new Error();`);
    await expectParity(`// a comment line first\nthrow Object.assign(new TypeError("coded"), { code: "ERR_X" });\n`);
  });

  // Known limitation (the throw site again): with its stack replaced, an error no longer says where
  // it was made either, so the sandbox prints no source line.
  it.fails("a thrown error with a custom stack", async () => {
    await expectParity(`const e = new Error("x"); e.stack = "custom stack text"; throw e;`);
  });

  // Known limitation: V8 gives the isolate no position for a syntax error in code it compiles,
  // so the sandbox prints neither the source line nor (Node's frames being internal) the bare
  // stack header Node prints.
  it.fails("a SyntaxError in the main script", async () => {
    await expectParity(`console.log("never printed");\nconst a = ;\n`);
  });

  // Known limitation: for JSON.parse errors Node shows the JSON text itself as the source
  // (\`<anonymous_script>:1\`), which V8 keeps in its message object, out of the isolate's reach.
  it.fails("a SyntaxError from JSON.parse", async () => {
    await expectParity(`JSON.parse("{bad json");`);
  });

  it("a SyntaxError from JSON.parse that is caught", async () => {
    await expectParity(`try { JSON.parse("{bad json"); } catch (e) { console.log(e.name, e.message); }`);
  });

  it("a stack overflow is a RangeError", async () => {
    await expectParity(`
function recurse() { return recurse() + 1; }
try { recurse(); } catch (e) { console.log(e instanceof RangeError, e.message); }
`);
  });

  it("an error thrown from a required module", async () => {
    await expectParity(`require("./lib.js").fail();`, { files: { "lib.js": `exports.fail = function fail() {\n  throw new Error("in lib");\n};\n` } });
  });

  it("an uncaught error in an ES module", async () => {
    await expectParity(`console.log("esm");\nthrow new Error("esm boom");\n`, { esm: true });
    await expectParity(`await null;\nfunction inner() {\n  throw new TypeError("after await");\n}\ninner();\n`, { esm: true });
  });

  it("errors in nested functions and class methods", async () => {
    await expectParity(`
class Service {
  run() { return this.step(); }
  step() { throw new Error("in method"); }
  static create() { return new Service(); }
}
const handler = { handle() { Service.create().run(); } };
[1].map(function mapper() { handler.handle(); });
`);
  });

  it("an error from a constructor and from a getter", async () => {
    await expectParity(`class Thing { constructor() { throw new RangeError("in constructor"); } }\nnew Thing();\n`);
    await expectParity(`const o = { get broken() { throw new Error("in getter"); } };\no.broken;\n`);
  });
});
