/** Parity with host Node: the `timers` builtin (its `promises`, and the deprecated enroll/active API). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: timers", () => {
  it("exports: the global timer functions and timers/promises", async () => {
    await expectParity(`
const timers = require("timers");
console.log(Object.keys(timers).join());
console.log(timers.setTimeout === setTimeout, timers.clearInterval === clearInterval, timers.setImmediate === setImmediate);
console.log(timers.promises === require("timers/promises"), timers.promises === require("node:timers/promises"), typeof timers.promises.setTimeout);
timers.promises.setTimeout(1, "through timers.promises").then(console.log);
`);
  });

  it("enroll, active, _unrefActive, unenroll (deprecated)", async () => {
    await expectParity(`
const timers = require("timers");
process.on("warning", (w) => console.log("warning:", w.name, w.code || "", JSON.stringify(w.message)));
console.error = () => {};
const item = { _onTimeout() { console.log("fired", this === item, this._idleTimeout); } };
// Far apart, so that a slow host cannot swap the unref'd 1 ms timer and this one.
timers.enroll(item, 40);
timers.active(item);
const cancelled = { _onTimeout() { console.log("never"); } };
timers.enroll(cancelled, 5); timers.active(cancelled); timers.unenroll(cancelled);
console.log(cancelled._idleTimeout);
const unrefed = { _onTimeout() { console.log("unref'd one fired while the loop was alive"); } };
timers.enroll(unrefed, 1); timers._unrefActive(unrefed);
const lonely = { _onTimeout() { console.log("never: nothing keeps the loop alive for it"); } };
timers.enroll(lonely, 200); timers._unrefActive(lonely);
setTimeout(() => {}, 60);
for (const msecs of ["x", -1, 2 ** 31, NaN, Infinity]) {
  const target = {};
  try { timers.enroll(target, msecs); console.log("ok", target._idleTimeout); } catch (e) { console.log(e.name, e.code, e.message); }
}
try { timers.active(null); } catch (e) { console.log(e.name, e.message); }
timers.active({}); timers.unenroll({}); console.log("plain objects: no-ops");
`);
  });
});
