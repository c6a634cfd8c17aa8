/** Parity with host Node: structuredClone, atob/btoa, DOMException, Event/EventTarget, AbortController. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "../fs/harness.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

const PRELUDE = `
const t = (label, f) => {
  try { console.log(label, f()); }
  catch (e) { console.log(label, "!!", e.name, e.code, e.message, e instanceof Error, e.constructor.name, Object.keys(e)); }
};
`;

describe("globals", () => {
  it("are installed like Node's (enumerable functions, non-enumerable classes)", async () => {
    const host = await sandbox.expectParity(`
const names = ["URL", "URLSearchParams", "structuredClone", "atob", "btoa", "AbortController", "AbortSignal", "EventTarget", "Event", "DOMException"];
for (const name of names) {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  console.log(name, typeof d.value, d.writable, d.enumerable, d.configurable, d.value.name);
}
`);
    expect(host.stdout).toContain("structuredClone function true true true structuredClone");
    expect(host.stdout).toContain("URL function true false true URL");
  });
});

describe("structuredClone", () => {
  it("copies values, containers, buffers, errors and cycles", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
const e = new RangeError("bad", { cause: { n: 1 } }); e.extra = 5;
const c = structuredClone(e); console.log(c instanceof RangeError, c.message, c.cause, c.extra, c.stack === e.stack, Object.getOwnPropertyNames(c));
class MyErr extends TypeError { constructor(m) { super(m); this.name = "MyErr"; } }
const c2 = structuredClone(new MyErr("x")); console.log(c2.constructor.name, c2.name, Object.getOwnPropertyNames(c2));
const e3 = new Error("y"); e3.name = "SyntaxError"; console.log(structuredClone(e3).constructor.name);
class P { constructor() { this.a = 1; } get g() { return 2; } } console.log(structuredClone(new P()));
const arr = [1, , 3]; arr.x = "y"; const ca = structuredClone(arr); console.log(ca, ca.length, 1 in ca);
const ab = new ArrayBuffer(8); const u = new Uint8Array(ab, 2, 4); u[0] = 7;
const r = structuredClone({ u, d: new DataView(ab), ab, f: new Float64Array([1.5]), b: new BigInt64Array([5n]) });
console.log(r.u.buffer === r.ab, r.d.buffer === r.ab, r.u.byteOffset, r.u, r.f, r.b, r.ab !== ab);
console.log(structuredClone(new Number(3)), structuredClone(Object(1n)), structuredClone(new String("s")), structuredClone(new Boolean(false)));
const re = /a/gi; re.lastIndex = 3; const cre = structuredClone(re); console.log(cre, cre.lastIndex, cre !== re);
const o = { list: [] }; o.self = o; o.list.push(o); const co = structuredClone(o); console.log(co.self === co, co.list[0] === co, co !== o);
const key = { k: 1 }; const mm = structuredClone(new Map([[key, new Set([key])]])); console.log(mm, [...mm.keys()][0] === [...[...mm.values()][0]][0]);
console.log(structuredClone({ get x() { return 5; }, [Symbol("s")]: 1, y: undefined, n: null }));
console.log(structuredClone(Buffer.from("hi")), structuredClone(new Date(0)), structuredClone(-0), structuredClone(10n), structuredClone("s"), structuredClone(null));
const tr = new ArrayBuffer(4); const moved = structuredClone(tr, { transfer: [tr] }); console.log(tr.byteLength, moved.byteLength);
console.log(Object.getPrototypeOf(structuredClone(Object.create(null))) === Object.prototype);
`);
    expect(host.stdout).toContain("true true true");
  });

  it("throws DataCloneError for functions, symbols and exotic objects", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
t("arrow", () => structuredClone(() => 1));
t("named", () => structuredClone(function foo() {}));
t("symbol", () => structuredClone(Symbol("x")));
t("nested symbol", () => structuredClone({ a: Symbol("x") }));
t("weakmap", () => structuredClone(new WeakMap()));
t("promise", () => structuredClone(Promise.resolve()));
t("no argument", () => structuredClone());
t("bad options", () => structuredClone(1, 2));
try { structuredClone(() => 1); } catch (e) { console.log(e.code, e.name, e instanceof DOMException, e.code === DOMException.DATA_CLONE_ERR); }
`);
    expect(host.stdout).toContain("arrow !! DataCloneError 25 () => 1 could not be cloned. true DOMException []");
  });
});

describe("atob and btoa", () => {
  it("encode and decode with Node's errors", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
t("btoa", () => btoa("hello"));
t("btoa latin1", () => btoa("\\xff\\xfe\\x00"));
t("btoa unicode", () => btoa("✓"));
t("btoa none", () => btoa());
t("btoa null", () => btoa(null));
for (const input of ["aGVsbG8=", "aGVsbG8", " aGVs\\nbG8= ", "@@", "abc", "a", "YWJj=", "YQ==", "YQ=", "YQ===", "Y=Q=", "", null, undefined, 123, "//79"]) {
  t("atob " + JSON.stringify(input), () => JSON.stringify(atob(input)));
}
t("atob none", () => atob());
`);
    expect(host.stdout).toContain('atob "aGVsbG8=" "hello"');
    expect(host.stdout).toContain("InvalidCharacterError 5 Invalid character");
  });
});

describe("DOMException", () => {
  it("has names, messages, legacy codes and is an Error", async () => {
    const host = await sandbox.expectParity(`
const x = new DOMException("m", "AbortError");
console.log(x.name, x.message, x.code, String(x), Object.keys(x), Object.prototype.toString.call(x), x instanceof Error, x.stack.split("\\n")[0]);
console.log(new DOMException().name, JSON.stringify(new DOMException().message), new DOMException("q").code, new DOMException("q", { name: "DataCloneError", cause: 1 }).cause);
console.log(DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR, x.TIMEOUT_ERR, new DOMException("z", "Custom").code, new DOMException("z", "TimeoutError").code);
console.log(Object.getOwnPropertyNames(DOMException.prototype).slice(0, 5));
console.log(x);
`);
    expect(host.stdout).toContain("AbortError m 20 AbortError: m");
  });
});

describe("Event and EventTarget", () => {
  it("dispatch to listeners with options and handleEvent objects", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
t("event none", () => new Event());
t("dispatch non event", () => new EventTarget().dispatchEvent({}));
t("listener number", () => new EventTarget().addEventListener("x", 5));
t("add none", () => new EventTarget().addEventListener("x"));
t("bad signal", () => new EventTarget().addEventListener("x", () => {}, { signal: 5 }));
const ev = new Event("x", { cancelable: true, bubbles: true });
console.log(ev.type, ev.bubbles, ev.cancelable, ev.composed, ev.defaultPrevented, ev.eventPhase, ev.target, ev.currentTarget, ev.isTrusted, ev.returnValue, ev.cancelBubble, typeof ev.timeStamp, Event.AT_TARGET, ev.NONE);
console.log(Object.keys(ev), Object.prototype.toString.call(ev), Object.keys(Event.prototype), Object.keys(Event));
const target = new EventTarget();
const order = [];
function a(e) { order.push(["a", this === target, e.target === target, e.currentTarget === target, e.eventPhase, e.composedPath().length]); }
const obj = { handleEvent(e) { order.push(["obj", this === obj]); } };
target.addEventListener("x", a);
target.addEventListener("x", a);
target.addEventListener("x", a, true);
target.addEventListener("x", obj);
target.addEventListener("x", () => order.push("once"), { once: true });
target.addEventListener("x", (e) => { order.push("prevent"); e.preventDefault(); });
target.addEventListener("x", () => order.push("passive"), { passive: true });
console.log(target.dispatchEvent(ev), ev.defaultPrevented, ev.returnValue, ev.eventPhase, ev.currentTarget, ev.target === target, ev.composedPath());
console.log(order);
order.length = 0;
target.removeEventListener("x", a);
console.log(target.dispatchEvent(new Event("x")), order);
order.length = 0;
const passive = new EventTarget();
const pe = new Event("p", { cancelable: true });
passive.addEventListener("p", (e) => e.preventDefault(), { passive: true });
console.log("passive prevent", passive.dispatchEvent(pe), pe.defaultPrevented);
const stop = new EventTarget();
stop.addEventListener("s", (e) => { order.push(1); e.stopImmediatePropagation(); });
stop.addEventListener("s", () => order.push(2));
stop.dispatchEvent(new Event("s")); console.log("stopImmediate", order);
const rec = new EventTarget(); const re = new Event("r");
rec.addEventListener("r", () => { try { rec.dispatchEvent(re); } catch (e) { console.log("recursion", e.code, e.message); } });
rec.dispatchEvent(re);
class MyEvent extends Event { constructor() { super("my"); this.detail = 1; } }
const my = new EventTarget(); my.addEventListener("my", (e) => console.log("subclass", e instanceof MyEvent, e.detail)); my.dispatchEvent(new MyEvent());
console.log(new EventTarget(), Object.keys(EventTarget.prototype));
`);
    expect(host.stdout).toContain("[ 'obj', true ]");
    expect(host.stdout).toContain("recursion ERR_EVENT_RECURSION");
  });

  it("reports a throwing listener as an uncaught exception after the others ran", async () => {
    const host = await sandbox.expectParity(`
const boom = new EventTarget();
boom.addEventListener("b", () => { throw new Error("listener boom"); });
boom.addEventListener("b", () => console.log("second listener still runs"));
process.on("uncaughtException", (e) => console.log("uncaught", e.message));
console.log("dispatched", boom.dispatchEvent(new Event("b")));
`);
    expect(host.stdout).toBe("second listener still runs\ndispatched true\nuncaught listener boom\n");
  });
});

describe("AbortController and AbortSignal", () => {
  it("abort with reasons, events, onabort, throwIfAborted, abort(), any()", async () => {
    const host = await sandbox.expectParity(`${PRELUDE}
t("illegal", () => new AbortSignal());
t("timeout string", () => AbortSignal.timeout("x"));
t("timeout negative", () => AbortSignal.timeout(-1));
const ac = new AbortController();
const sigTarget = new EventTarget();
sigTarget.addEventListener("y", () => console.log("y listener"), { signal: ac.signal });
sigTarget.dispatchEvent(new Event("y"));
ac.signal.onabort = function (e) { console.log("onabort", e.type, e.isTrusted, e.constructor.name, this === ac.signal); };
ac.signal.addEventListener("abort", (e) => console.log("abort listener", e.target === ac.signal, ac.signal.aborted, ac.signal.reason.name));
console.log(ac.signal.aborted, ac.signal.reason, ac, typeof ac.signal.onabort);
ac.abort(); ac.abort("again");
sigTarget.dispatchEvent(new Event("y"));
console.log(ac.signal.aborted, ac.signal.reason instanceof DOMException, ac.signal.reason.message, ac.signal.reason.code, ac);
try { ac.signal.throwIfAborted(); } catch (e) { console.log("thrown", e === ac.signal.reason); }
const ac2 = new AbortController(); ac2.abort(new Error("custom")); console.log(ac2.signal.reason.message);
const s = AbortSignal.abort("r"); console.log(s, s.reason, s.aborted, AbortSignal.abort().reason.name);
const late = new EventTarget(); late.addEventListener("z", () => console.log("never"), { signal: s }); late.dispatchEvent(new Event("z"));
const any = AbortSignal.any([new AbortController().signal, ac2.signal]); console.log("any", any.aborted, any.reason.message);
const c3 = new AbortController(); const any2 = AbortSignal.any([c3.signal]); any2.onabort = () => console.log("any2 aborted", any2.reason); c3.abort("why");
console.log(Object.keys(AbortSignal.prototype), Object.keys(AbortController.prototype), Object.prototype.toString.call(ac.signal));
`);
    expect(host.stdout).toContain("onabort abort true Event true");
  });

  it("AbortSignal.timeout aborts with a TimeoutError and does not keep the process alive", async () => {
    const host = await sandbox.expectParity(`
const timed = AbortSignal.timeout(10);
timed.addEventListener("abort", () => console.log("timeout", timed.reason.name, timed.reason.message, timed.reason.code));
setTimeout(() => console.log("after", timed.aborted), 100);
const forever = AbortSignal.timeout(1e9);
process.on("exit", () => console.log("exit", forever.aborted));
`);
    expect(host.stdout).toBe("timeout TimeoutError The operation was aborted due to timeout 23\nafter true\nexit false\n");
  });
});
