/** Parity with host Node: the `crypto` builtin (randomness, hashes, HMAC, web crypto digest). */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: crypto", () => {
  it("hashes and HMACs", async () => {
    await expectParity(`
const crypto = require("node:crypto");
for (const algorithm of ["md5", "sha1", "sha256", "sha512", "sha384", "sha224", "SHA256"]) {
  console.log(algorithm, crypto.createHash(algorithm).update("hello ").update(Buffer.from("world")).digest("hex"));
}
console.log(crypto.createHash("sha256").update("abc").digest("base64"), crypto.createHash("sha256").update("abc").digest("base64url"), crypto.createHash("md5").update("").digest().length);
console.log(crypto.createHash("sha1").update("68656c6c6f", "hex").digest("hex"), crypto.createHash("sha1").update(new Uint8Array([1, 2, 3])).digest("hex"));
const h = crypto.createHash("sha256").update("part"); const copy = h.copy(); copy.update("more");
console.log(h.digest("hex") !== copy.digest("hex"));
try { h.digest(); } catch (e) { console.log(e.code, e.message); }
try { crypto.createHash("nope"); } catch (e) { console.log(e.message); }
console.log(crypto.createHmac("sha256", "key").update("message").digest("hex"));
console.log(crypto.createHmac("sha512", Buffer.from("k".repeat(200))).update("m").digest("base64"));
console.log(crypto.createHmac("md5", "").update("x").digest("hex"), crypto.createHmac("sha1", "k").digest("hex"));
try { crypto.createHmac("nope", "k"); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(crypto.hash("sha1", "abc"), crypto.hash("md5", "abc", "base64"));
console.log(crypto.pbkdf2Sync("password", "salt", 1000, 32, "sha256").toString("hex"));
console.log(crypto.scryptSync("password", "salt", 32).toString("hex"), crypto.scryptSync("pw", Buffer.from("s"), 16, { N: 1024, r: 4, p: 2 }).toString("base64"));
console.log(crypto.timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), crypto.timingSafeEqual(Buffer.from("abc"), Buffer.from("abd")));
try { crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab")); } catch (e) { console.log(e.name, e.code, e.message); }
(async () => {
  for (const name of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
    const digest = await crypto.subtle.digest(name, new TextEncoder().encode("abc"));
    console.log(name, digest instanceof ArrayBuffer, Buffer.from(digest).toString("hex").slice(0, 32));
  }
  console.log(Buffer.from(await crypto.webcrypto.subtle.digest({ name: "sha-256" }, Buffer.from("x"))).toString("hex"));
  await crypto.subtle.digest("MD5", Buffer.from("x")).catch((e) => console.log(e.name, e.message));
  crypto.pbkdf2("password", "salt", 1, 20, "sha1", (err, key) => console.log("pbkdf2", err, key.toString("hex")));
})();
`);
  });

  it("Hash and Hmac are streams", async () => {
    await expectParity(`
const crypto = require("crypto");
const { Readable, pipeline } = require("stream");
const hash = crypto.createHash("sha256");
hash.setEncoding("hex");
hash.on("data", (digest) => console.log("streamed", digest));
hash.write("hello ");
hash.end("world");
pipeline(Readable.from(["a", "b"]), crypto.createHmac("sha1", "key"), async function (source) {
  for await (const digest of source) console.log("hmac", digest.toString("hex"));
}, (err) => console.log("pipeline", err));
`);
  });

  it("randomness", async () => {
    await expectParity(`
const crypto = require("crypto");
const a = crypto.randomBytes(32), b = crypto.randomBytes(32);
console.log(Buffer.isBuffer(a), a.length, a.equals(b), crypto.randomBytes(0).length, crypto.randomBytes(10000).length);
crypto.randomBytes(8, (err, buf) => {
  console.log("callback", err, buf.length);
  crypto.randomInt(10, (err, n) => console.log("randomInt callback", err, n >= 0 && n < 10));
});
const uuid = crypto.randomUUID();
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid), uuid !== crypto.randomUUID());
const ints = Array.from({ length: 200 }, () => crypto.randomInt(3, 7));
console.log(ints.every((n) => Number.isInteger(n) && n >= 3 && n < 7), new Set(ints).size, crypto.randomInt(1) === 0);
for (const bad of [() => crypto.randomInt(5, 5), () => crypto.randomInt(1.5), () => crypto.randomBytes(-1), () => crypto.randomBytes("1")]) {
  try { bad(); } catch (e) { console.log(e.name, e.code); }
}
const values = crypto.getRandomValues(new Uint32Array(4));
console.log(values instanceof Uint32Array, values.length, crypto.webcrypto.getRandomValues(new Uint8Array(8)).length);
try { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { console.log(e.name); }
try { crypto.getRandomValues(new Float32Array(1)); } catch (e) { console.log(e.name); }
const filled = crypto.randomFillSync(Buffer.alloc(16, 0), 8);
console.log(filled.subarray(0, 8).every((x) => x === 0), filled.length);
console.log(typeof globalThis.crypto.getRandomValues, typeof globalThis.crypto.randomUUID());
`);
  });
});
