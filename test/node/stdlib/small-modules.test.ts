/** Parity with host Node: string_decoder, querystring, os, timers/promises, perf_hooks and diagnostics_channel. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: small builtins", () => {
  it("string_decoder", async () => {
    await expectParity(`
const { StringDecoder } = require("node:string_decoder");
const euro = Buffer.from("€ and 😀");
const utf8 = new StringDecoder("utf8");
const parts = [];
for (let i = 0; i < euro.length; i++) parts.push(utf8.write(euro.subarray(i, i + 1)));
console.log(JSON.stringify(parts), JSON.stringify(utf8.end()));
const partial = new StringDecoder();
console.log(JSON.stringify(partial.write(Buffer.from([0xe2, 0x82]))), JSON.stringify(partial.end()));
const hex = new StringDecoder("hex"); console.log(hex.write(Buffer.from("hi")), hex.end());
const b64 = new StringDecoder("base64"); console.log(b64.write(Buffer.from("abcd")), b64.end());
const u16 = new StringDecoder("utf16le"); console.log(u16.write(Buffer.from("hé", "utf16le").subarray(0, 3)), u16.end(Buffer.from([0])));
try { new StringDecoder("nope"); } catch (e) { console.log(e.name, e.message); }
`);
  });

  it("querystring", async () => {
    await expectParity(`
const qs = require("querystring");
console.log(qs.parse("a=1&b=2&a=3&c=%E2%82%AC&d=x+y&e&&f=%zz&=empty"));
console.log(qs.parse("a:1;b:2", ";", ":"), qs.parse("a=1&b=2&c=3", null, null, { maxKeys: 2 }), qs.parse(""), qs.parse(undefined));
console.log(qs.stringify({ a: [1, 2], b: "x y", c: true, d: null, e: "€", f: 1n, g: NaN, h: {} }));
console.log(qs.stringify({ a: 1, b: 2 }, ";", ":"), qs.stringify("str"), qs.encode({ x: "~!*()'" }), qs.decode === qs.parse);
console.log(qs.escape("a b&c/d"), qs.unescape("%41%zz+b"), qs.unescapeBuffer("%41%42").toString());
`);
  });

  it("os", async () => {
    await expectParity(`
const os = require("node:os");
console.log(JSON.stringify(os.EOL), os.platform(), os.type(), os.tmpdir(), os.homedir(), os.endianness(), os.devNull);
console.log(typeof os.release(), typeof os.hostname(), typeof os.arch(), typeof os.uptime(), Array.isArray(os.loadavg()));
console.log(os.cpus().length >= 1, typeof os.cpus()[0].model, typeof os.cpus()[0].times.user, os.totalmem() > 0, os.freemem() > 0, os.freemem() <= os.totalmem(), os.availableParallelism() >= 1);
console.log(os.constants.signals.SIGTERM, os.constants.signals.SIGKILL, os.constants.signals.SIGINT, os.constants.errno.ENOENT, os.constants.priority.PRIORITY_LOW);
const user = os.userInfo();
console.log(Object.keys(user).sort(), user.homedir, typeof user.uid);
console.log(typeof os.networkInterfaces(), os.getPriority());
`);
  });

  it("timers/promises", async () => {
    await expectParity(`
const timers = require("timers/promises");
const { setTimeout: sleep } = require("node:timers/promises");
(async () => {
  console.log(await sleep(5, "timeout value"));
  console.log(await timers.setImmediate("immediate value"));
  let n = 0;
  for await (const value of timers.setInterval(2, "tick")) { console.log(value, ++n); if (n === 3) break; }
  const controller = new AbortController();
  const pending = sleep(10_000, "never", { signal: controller.signal });
  controller.abort();
  await pending.catch((e) => console.log(e.name, e.code, e.message));
  await sleep(1, null, { signal: AbortSignal.abort("why") }).catch((e) => console.log(e.name, e.code, e.cause));
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 5);
  try { for await (const _ of timers.setInterval(1, null, { signal: ac.signal })) {} } catch (e) { console.log("interval", e.name); }
  await sleep(1, null, "bad").catch((e) => console.log(e.code));
  await timers.scheduler.wait(1); console.log("waited");
  console.log("order:"); setTimeout(() => console.log("timer 0"), 0); await timers.setImmediate(); console.log("after immediate");
})();
`);
  });

  it("perf_hooks", async () => {
    await expectParity(`
const { performance } = require("perf_hooks");
console.log(performance === globalThis.performance, typeof performance.now(), performance.now() >= 0, typeof performance.timeOrigin);
`);
  });

  it("diagnostics_channel: channels and tracing channels, events in Node's order", async () => {
    await expectParity(`
const dc = require("node:diagnostics_channel");
const ch = dc.channel("app:event");
console.log(ch.hasSubscribers, dc.hasSubscribers("app:event"));
const seen = (message, name) => console.log("got", name, JSON.stringify(message));
dc.subscribe("app:event", seen);
ch.publish({ n: 1 });
console.log(ch.hasSubscribers, dc.unsubscribe("app:event", seen), dc.unsubscribe("app:event", seen));
const tc = dc.tracingChannel("work");
const log = (event) => (ctx) => console.log(event, "result" in ctx ? ctx.result : "-", ctx.error ? ctx.error.message : "-");
tc.subscribe({ start: log("start"), end: log("end"), asyncStart: log("asyncStart"), asyncEnd: log("asyncEnd"), error: log("error") });
console.log("sync", tc.traceSync((a, b) => a + b, {}, null, 2, 3));
try { tc.traceSync(() => { throw new Error("sync boom"); }); } catch (e) { console.log("caught", e.message); }
(async () => {
  const p = tc.tracePromise(async (x) => x * 2, {}, null, 21);
  console.log("returned a promise");
  console.log("awaited", await p);
  await tc.tracePromise(async () => { throw new Error("async boom"); }).catch((e) => console.log("rejected", e.message));
  try { tc.tracePromise(() => { throw new Error("thrown before any promise"); }); } catch (e) { console.log("thrown", e.message); }
})();
`);
  });
});
