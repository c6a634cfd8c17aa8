/** Parity with host Node: the order of ticks, microtasks, timers and immediates. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: timer and microtask ordering", () => {
  it("nextTick before promise microtasks before timers, synchronous code first", async () => {
    await expectParity(`
const log = (s) => console.log(s);
setTimeout(() => log("timeout"), 0);
Promise.resolve().then(() => log("promise"));
queueMicrotask(() => log("microtask"));
process.nextTick(() => log("nextTick"));
log("sync");
`);
  });

  it("nested nextTicks run before promises", async () => {
    await expectParity(`
process.nextTick(() => {
  console.log("tick 1");
  process.nextTick(() => {
    console.log("tick 1.1");
    process.nextTick(() => console.log("tick 1.1.1"));
  });
  Promise.resolve().then(() => console.log("promise from tick 1"));
});
process.nextTick(() => console.log("tick 2"));
Promise.resolve().then(() => {
  console.log("promise 1");
  process.nextTick(() => console.log("tick from promise 1"));
  Promise.resolve().then(() => console.log("promise 1.1"));
});
Promise.resolve().then(() => console.log("promise 2"));
`);
  });

  it("promise chains interleave", async () => {
    await expectParity(`
Promise.resolve().then(() => console.log("a1")).then(() => console.log("a2")).then(() => console.log("a3"));
Promise.resolve().then(() => console.log("b1")).then(() => console.log("b2")).then(() => console.log("b3"));
new Promise((resolve) => { console.log("executor"); resolve(); }).then(() => console.log("c1"));
Promise.resolve(Promise.resolve("thenable")).then((v) => console.log(v));
Promise.resolve({ then(r) { console.log("then called"); r("custom thenable"); } }).then((v) => console.log(v));
`);
  });

  it("async/await ordering", async () => {
    await expectParity(`
async function a() {
  console.log("a start");
  await b();
  console.log("a after await");
}
async function b() {
  console.log("b");
}
a().then(() => console.log("a done"));
Promise.resolve().then(() => console.log("p1")).then(() => console.log("p2"));
(async () => {
  for (let i = 0; i < 3; i++) { await null; console.log("loop", i); }
})();
console.log("sync end");
`);
  });

  // At the top level the order of setTimeout 0 and setImmediate depends on how long Node took to
  // start; inside a timer callback it does not: the check phase comes first.
  it("setImmediate runs before setTimeout 0 when both are set in a timer callback", async () => {
    await expectParity(`
setTimeout(() => {
  setTimeout(() => console.log("timeout"), 0);
  setImmediate(() => console.log("immediate"));
  process.nextTick(() => console.log("tick"));
}, 0);
`);
  });

  it("immediates queued during the check phase wait for the next iteration", async () => {
    await expectParity(`
setImmediate(() => {
  console.log("i1");
  setImmediate(() => console.log("i3 (next loop)"));
  Promise.resolve().then(() => console.log("promise after i1"));
  process.nextTick(() => console.log("tick after i1"));
});
setImmediate(() => console.log("i2"));
`);
  });

  it("microtasks run between timers that expire together", async () => {
    await expectParity(`
setTimeout(() => { console.log("t1"); Promise.resolve().then(() => console.log("p1")); process.nextTick(() => console.log("n1")); }, 5);
setTimeout(() => { console.log("t2"); Promise.resolve().then(() => console.log("p2")); }, 5);
`);
  });

  it("timers fire by delay, then by creation order", async () => {
    await expectParity(`
setTimeout(() => console.log("30"), 30);
setTimeout(() => console.log("10"), 10);
setTimeout(() => console.log("20"), 20);
setTimeout(() => console.log("10 again"), 10);
setTimeout(() => console.log("1"), 1);
setTimeout(() => console.log("0 is 1"), 0);
setTimeout(() => console.log("negative is 1"), -5);
setTimeout(() => console.log("NaN is 1"), NaN);
setTimeout((a, b) => console.log("args", a, b), 15, "x", 2);
`);
  });

  it("setInterval with clearInterval after N runs", async () => {
    await expectParity(`
let n = 0;
const id = setInterval(() => {
  n++;
  console.log("interval", n);
  if (n === 3) { clearInterval(id); setTimeout(() => console.log("after interval"), 5); }
}, 2);
`);
  });

  it("clearTimeout, clear by primitive id, and clearing inside another callback", async () => {
    await expectParity(`
const a = setTimeout(() => console.log("a (cleared)"), 5);
clearTimeout(a);
const b = setTimeout(() => console.log("b (cleared by id)"), 5);
clearTimeout(+b);
const c = setTimeout(() => console.log("c (cleared by earlier timer)"), 20);
setTimeout(() => { console.log("d clears c"); clearTimeout(c); }, 10);
const e = setImmediate(() => console.log("e (cleared immediate)"));
clearImmediate(e);
clearTimeout(undefined); clearTimeout(null); clearTimeout({});
setTimeout(() => console.log("f runs"), 30);
console.log(typeof a, typeof +b, a.hasRef());
`);
  });

  it("unref'd timers do not keep the loop alive; ref'd ones do", async () => {
    await expectParity(`
setTimeout(() => console.log("unref'd: never"), 2000).unref();
let runs = 0;
// A ref'd timer keeps the loop alive until the unref'd interval ran twice and clears it.
const keeper = setTimeout(() => console.log("keeper: never"), 10000);
const interval = setInterval(() => {
  console.log("unref'd interval", ++runs);
  if (runs === 2) clearTimeout(keeper);
}, 1);
interval.unref();
console.log(interval.hasRef(), keeper.hasRef());
`);
    await expectParity(`
const back = setTimeout(() => console.log("re-ref'd: runs"), 5);
back.unref();
back.ref();
console.log(back.hasRef());
`);
    await expectParity(`setImmediate(() => console.log("unref'd immediate: never")).unref();\nconsole.log("main");\n`);
    await expectParity(`const i = setImmediate(() => console.log("re-ref'd immediate")); i.unref(); i.ref();\n`);
  });

  it("an unref'd timer runs while a ref'd one keeps the loop alive", async () => {
    await expectParity(`
setTimeout(() => console.log("unref'd at 5"), 5).unref();
setTimeout(() => console.log("ref'd at 30"), 30);
`);
  });

  it("timeout.refresh() restarts the countdown", async () => {
    await expectParity(`
// Wide gaps: a host that pauses at start must not run these in another order.
const t = setTimeout(() => console.log("refreshed timer"), 200);
setTimeout(() => { t.refresh(); console.log("refresh"); }, 100);
setTimeout(() => console.log("at 250"), 250);
`);
  });

  it("timer callbacks get the Timeout as this and setImmediate passes arguments", async () => {
    await expectParity(`
const t = setTimeout(function () { console.log(this === t); setImmediate(() => console.log("after")); }, 1);
setImmediate((a, b) => console.log("immediate args", a, b), 1, "two");
process.nextTick((a, b) => console.log("tick args", a, b), "x", "y");
`);
  });

  it("invalid callbacks throw ERR_INVALID_ARG_TYPE", async () => {
    await expectParity(`
for (const fn of [setTimeout, setInterval, setImmediate, process.nextTick, queueMicrotask]) {
  try { fn("not a function"); } catch (e) { console.log(e.name, e.code, e.message); }
}
`);
  });
});
