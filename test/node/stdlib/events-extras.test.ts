/** The parts of Node 22's `events` beyond the EventEmitter class, compared with host Node. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("events extras", () => {
  it("errorMonitor, on(), getEventListeners, setMaxListeners, listenerCount", async () => {
    await expectParity(`
      const events = require("events");
      const { EventEmitter, errorMonitor, on, getEventListeners, getMaxListeners, setMaxListeners } = events;
      const emitter = new EventEmitter();
      emitter.on(errorMonitor, (error) => console.log("monitor saw", error.message));
      emitter.on("error", (error) => console.log("handled", error.message));
      emitter.emit("error", new Error("boom"));
      const listener = () => {};
      emitter.on("x", listener);
      console.log(getEventListeners(emitter, "x").length, getEventListeners(emitter, "x")[0] === listener, events.listenerCount(emitter, "x"));
      setMaxListeners(3, emitter);
      console.log(getMaxListeners(emitter), typeof errorMonitor, events.captureRejections);
      (async () => {
        const source = new EventEmitter();
        setTimeout(() => { source.emit("data", 1); source.emit("data", 2, "b"); source.emit("data", 3); }, 1);
        const seen = [];
        for await (const args of on(source, "data")) {
          seen.push(args);
          if (seen.length === 3) break;
        }
        console.log(JSON.stringify(seen), source.listenerCount("data"));
        const failing = new EventEmitter();
        setTimeout(() => failing.emit("error", new Error("stream failed")), 1);
        try { for await (const _ of on(failing, "data")) {} } catch (error) { console.log("caught", error.message); }
      })();
    `);
  });
});
