/** Parity with host Node: argument validation errors of the stdlib builtins (name, code, message). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: stdlib argument errors", () => {
  it("crypto, zlib, util, assert, os, querystring", async () => {
    await expectParity(`
const crypto = require("crypto"), zlib = require("zlib"), util = require("util"), assert = require("assert");
const t = (label, f) => { try { const r = f(); console.log(label, "ok", typeof r); } catch (e) { console.log(label, e.name, e.code, JSON.stringify(e.message)); } };
t("hash num", () => crypto.createHash("sha256").update(123));
t("hash alg num", () => crypto.createHash(1));
t("rb str", () => crypto.randomBytes("1"));
t("rb neg", () => crypto.randomBytes(-1));
t("rb big", () => crypto.randomBytes(2 ** 31));
t("ri", () => crypto.randomInt(5, 5));
t("ri float", () => crypto.randomInt(1.5));
t("ri range", () => crypto.randomInt(0, 2 ** 49));
t("hmac nokey", () => crypto.createHmac("sha256"));
t("tse", () => crypto.timingSafeEqual("a", "b"));
t("uuid", () => crypto.randomUUID(1));
t("gzip num", () => zlib.gzipSync(123));
t("gzip cb", () => zlib.gzip("x"));
t("promisify", () => util.promisify(null));
t("callbackify", () => util.callbackify(1));
t("cb last", () => util.callbackify(async () => {})(1));
t("inherits", () => util.inherits(function () {}, null));
t("inherits2", () => util.inherits(function () {}, {}));
t("deprecate", () => util.deprecate(1, "x"));
t("strip", () => util.stripVTControlCharacters(1));
t("match", () => assert.match(1, /a/));
t("match re", () => assert.match("a", "a"));
t("throws fn", () => assert.throws(1));
t("throws str same", () => assert.throws(() => { throw new Error("x"); }, "x"));
t("equal args", () => assert.equal(1));
t("ae", () => new assert.AssertionError(1));
t("parseArgs args", () => util.parseArgs({ args: "x" }));
t("parseArgs strict", () => util.parseArgs({ strict: 1 }));
t("rfs", () => crypto.randomFillSync(Buffer.alloc(4), 5));
t("grv", () => crypto.getRandomValues(new Uint8Array(65537)));
t("os prio", () => require("os").setPriority(0));
t("qs", () => require("querystring").escape("\\ud800"));
t("tp opts", () => require("timers/promises").setTimeout(1, 1, 5).catch((e) => console.log("tp", e.name, e.code, e.message)));
`);
  });
});
