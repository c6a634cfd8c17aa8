/** Parity with host Node: the `console` builtin's `Console` class, `context` and `createTask`. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

/** Two Writables that collect what a Console writes to them. */
const SINKS = `
const { Writable } = require("stream");
const out = [], err = [];
const stdout = new Writable({ write(chunk, encoding, callback) { out.push(String(chunk)); callback(); } });
const stderr = new Writable({ write(chunk, encoding, callback) { err.push(String(chunk)); callback(); } });
const show = () => { console.log(JSON.stringify(out.splice(0)), JSON.stringify(err.splice(0).map((text) => text.split("\\n")[0]))); };
`;

describe("parity: console.Console", () => {
  it("writes every method to the given stdout and stderr", async () => {
    await expectParity(`${SINKS}
const { Console } = require("console");
const c = new Console(stdout, stderr);
c.log("hi %s", "there", { a: 1 }); c.info("info"); c.debug("debug"); c.error("bad"); c.warn("warned");
c.group("Group"); c.log("inside"); c.groupCollapsed(); c.log("deeper\\nlines"); c.groupEnd(); c.groupEnd(); c.log("outside");
c.table([{ a: 1, b: "x" }]); c.table("not tabular"); c.dir({ x: { y: { z: { w: 1 } } } }, { depth: 0 }); c.dirxml({ q: 1 }, 2);
c.count(); c.count(); c.count("other"); c.countReset(); c.count();
c.assert(true, "never"); c.assert(false, "nope %d", 1); c.assert(false);
c.trace("traced %s", "here");
c.time("t"); c.timeEnd("t"); c.clear();
out.push(out.pop().replace(/[\\d.]+ms/, "Nms"));
show();
`);
  });

  it("options: stderr defaults to stdout, groupIndentation, inspectOptions, colorMode", async () => {
    await expectParity(`${SINKS}
const { Console } = require("node:console");
const c = new Console({ stdout, groupIndentation: 4, inspectOptions: { depth: 0, breakLength: 20 } });
c.group("g"); c.log({ a: { b: 1 } }); c.error("to stdout", ["a long array item", "another long one"]); c.groupEnd(); c.dir({ a: { b: 1 } });
show();
new Console({ stdout, colorMode: true }).log({ a: 1, s: "str" }, "plain"); show();
new Console({ stdout, colorMode: false }).log({ a: 1 }); show();
new Console({ stdout, inspectOptions: { colors: true } }).dir([1]); show();
new Console({ stdout, groupIndentation: 0 }).group("zero"); show();
`);
  });

  it("construction: without new, bound methods, instanceof, prototype, what it looks like", async () => {
    await expectParity(`${SINKS}
const { Console } = console;
const c = Console(stdout, stderr);
const { log, error } = c; log("bound log"); error("bound error");
Console.prototype.log.call(c, "through the prototype");
show();
console.log(c instanceof Console, console instanceof Console, {} instanceof Console, Console.name, Console.length, require("console").Console === Console);
console.log(Object.keys(c).join(), Object.getOwnPropertyNames(c).length, c.log.name, c.groupCollapsed.name, c.log.length);
console.log(Object.getOwnPropertyNames(Console.prototype).join(), Object.prototype.toString.call(c), c._stdout === stdout, c._stderr === stderr, c._ignoreErrors);
console.log(c);
c.log = (...args) => out.push("replaced: " + args.join(" ")); c.count("via log"); show();
`);
  });

  it("argument errors", async () => {
    await expectParity(`${SINKS}
const { Console } = require("console");
const cases = [[], [{}], [1], [{ write: 1 }], [{ stdout, stderr: 1 }], [stdout, {}], [{ stdout, groupIndentation: 2000 }], [{ stdout, groupIndentation: 1.5 }],
  [{ stdout, groupIndentation: "x" }], [{ stdout, colorMode: "x" }], [{ stdout, inspectOptions: { colors: true }, colorMode: true }], [{ stdout, inspectOptions: 1 }],
  [{ stdout, ignoreErrors: 1 }]];
for (const args of cases) {
  try { new Console(...args); console.log("ok"); } catch (e) { console.log(e.name, e.code, e.message); }
}
`);
  });

  it("write errors are ignored unless ignoreErrors is false", async () => {
    await expectParity(`${SINKS}
const { Console } = require("console");
const failing = new Writable({ write(chunk, encoding, callback) { callback(new Error("async failure")); } });
new Console(failing).log("ignored");
const throwing = new Writable();
throwing.write = () => { throw new Error("sync failure"); };
new Console(throwing).log("ignored too");
try { new Console(throwing, throwing, false).log("thrown"); } catch (e) { console.log("caught", e.message); }
const plain = { write(text) { out.push("plain: " + text); } };
new Console(plain, plain, false).log("without ignoring");
try { new Console(plain).log("ignoring needs a stream"); } catch (e) { console.log(e.name, e.message); }
show();
setTimeout(() => console.log("no uncaught error", failing.listenerCount("error")), 5);
`);
  });

  it("warnings for unknown labels come from process.emitWarning", async () => {
    await expectParity(`${SINKS}
const { Console } = require("console");
process.on("warning", (w) => console.log("warning:", w.name, w.message));
console.error = () => {};
const c = new Console(stdout);
c.timeEnd("nope"); c.timeLog("nope"); c.countReset("zz"); c.time("t"); c.time("t");
show();
`);
  });
});

describe("parity: console.context and console.createTask", () => {
  it("context() is an inspector-only console: its methods print nothing", async () => {
    await expectParity(`
const ctx = console.context("name");
console.log(Object.keys(ctx).join(), typeof ctx.log, console.context.length);
ctx.log("not printed"); ctx.error("not printed"); ctx.count(); ctx.table([1]);
console.count();
`);
  });

  it("createTask runs a function; argument errors", async () => {
    await expectParity(`
const task = console.createTask("work");
console.log(Object.keys(task), task.run(() => 42), console.createTask.length);
for (const run of [() => console.createTask(), () => console.createTask(""), () => task.run(1)]) {
  try { run(); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(Object.keys(console).join(), Object.prototype.toString.call(console));
console.log(Object.getOwnPropertyNames(console).sort().join(), console._stdout === process.stdout, console._stderr === process.stderr, console._ignoreErrors);
`);
  });
});
