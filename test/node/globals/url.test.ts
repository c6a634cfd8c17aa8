/** Parity with host Node: URL, URLSearchParams and the `url` module. */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "../fs/harness.js";

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

describe("URL", () => {
  it("parses like Node: special schemes, hosts, ports, paths, bases", async () => {
    const host = await sandbox.expectParity(`
const cases = [
  ["http://EXAMPLE.com:80/a/../b/./c?x=1 2#f g"],
  ["https://user:pa ss@例え.テスト:443/path"],
  ["HTTP://münchen.de/ä?ö#ü"],
  ["ws://x:81"], ["wss://x:443/"], ["ftp://x:21/a"],
  ["file:///C:/a/../../b"], ["file://localhost/etc/passwd"], ["file://host/share"], ["file:c:\\\\x\\\\y"],
  ["/rel/path?q", "http://base.com/dir/file"], ["../up", "http://base.com/a/b/c"], ["?only", "http://b.com/p?x#y"],
  ["#h", "http://b.com/p?x#y"], ["//other.com/x", "https://base.com/"], ["x", "file:///a/b"], ["", "http://b.com/p?x#y"],
  ["mailto:someone@example.com"], ["javascript:alert(1)"], ["data:text/plain,hello world"], ["urn:isbn:123"],
  ["blob:https://a.com/uuid"], ["sc://host:99/p"], ["sc:/p"], ["sc:p"], ["non-spec:/.//p"],
  ["http://[::1]:8080/"], ["http://[2001:db8:0:0:0:0:2:1]/"], ["http://[::ffff:192.168.0.1]/"], ["http://[1:0:0:2::3:0]/"],
  ["http://0x7f.1/"], ["http://127.1/"], ["http://4294967295/"], ["http://4294967296/"], ["http://1.2.3.4.5/"], ["http://0300.0250.1.1/"],
  ["http://a b/"], ["http://a%20b/"], ["http://%41.com/"], ["http://exa[mple.com/"], ["http:///x"], ["http:"], ["//x"], ["x"],
  ["http://x/%zz%2e/..%2E/a"], ["http://x/a%2e%2E/b"], ["http://x:65536/"], ["http://x:0080/"], ["http://x:/"],
  ["  http://trim.com/  \\t\\n"], ["h\\ttt\\np://x/\\ty"], ["http://x/ü?ü#ü"], ["http://x/'\\"<>\`{}|^"], ["http://x/?'\\"<>\`{}|^"],
  ["sc://x/?'\\"<>"], ["http://x/#'\\"<>\`{}|^ "], ["http://user@/"], ["http://@x/"], ["http://a:b@c:d@x/"], ["http://x\\\\y\\\\z"],
  ["https://xn--mnchen-3ya.de/"], ["http://xn--zz/"], ["http://EXAMPLE.COM./"], ["http://ex%41mple.com/"],
];
for (const [input, base] of cases) {
  try {
    const u = base === undefined ? new URL(input) : new URL(input, base);
    console.log(JSON.stringify([input, base]), "=>", u.href, "|", u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash);
  } catch (e) {
    console.log(JSON.stringify([input, base]), "!!", e.name, e.code, e.message, e.input, e.base, Object.keys(e));
  }
}
console.log(URL.canParse("http://x"), URL.canParse("nope"), URL.canParse("a", "http://b/"), URL.parse("nope"), URL.parse("/p", "http://h").href);
try { new URL(); } catch (e) { console.log(e.code, e.message); }
`);
    expect(host.stdout).toContain('=> http://example.com/b/c?x=1%202#f%20g');
    expect(host.stdout).toContain("https://user:pa%20ss@xn--r8jz45g.xn--zckzah/path");
    expect(host.stdout).toContain("!! TypeError ERR_INVALID_URL Invalid URL");
  });

  it("updates through its setters and keeps searchParams linked", async () => {
    const host = await sandbox.expectParity(`
const u = new URL("https://user:pw@x.com:8080/p/a/t/h?query=string&a=1#hash");
const steps = [
  () => (u.protocol = "http"), () => (u.protocol = "foo"), () => { u.username = "us er"; u.password = "p@ss"; },
  () => (u.host = "new.host:99"), () => (u.hostname = "other"), () => (u.port = "80"), () => (u.port = "123abc"),
  () => (u.port = ""), () => (u.port = "99999"), () => (u.pathname = "/a b/c?d"), () => (u.search = "?x=ü y"),
  () => (u.hash = "frag ment"), () => { u.search = ""; u.hash = ""; }, () => (u.href = "http://reset.com/"),
  () => u.searchParams.append("a", "1 2"), () => u.searchParams.append("b", "é&="), () => u.searchParams.delete("a"),
  () => u.searchParams.delete("b"), () => (u.search = "c=3&d=4"), () => u.searchParams.sort(),
];
for (const step of steps) { step(); console.log(u.href, [...u.searchParams]); }
try { u.href = "bad"; } catch (e) { console.log(e.code, e.message, u.href); }
const f = new URL("file:///tmp/x"); f.host = "h"; console.log(f.href); f.port = "1"; f.username = "u"; console.log(f.href);
const m = new URL("mailto:x@y.com"); m.pathname = "z"; m.host = "h"; console.log(m.href);
const opaque = new URL("sc:opaque path  ?q#h"); opaque.hash = ""; opaque.search = ""; console.log(JSON.stringify(opaque.href));
console.log(JSON.stringify({ u: new URL("http://j.com/") }), String(new URL("http://s.com")), \`\${new URL("http://t.com/x")}\`);
console.log(new URL("http://x.com/?a=1&b=2&a=3"));
console.log(Object.keys(URL.prototype), Object.prototype.toString.call(new URL("http://a")));
`);
    expect(host.stdout).toContain("http://us%20er:p%40ss@x.com:8080/");
  });
});

describe("URLSearchParams", () => {
  it("parses, edits, iterates and serializes like Node", async () => {
    const host = await sandbox.expectParity(`
console.log(Object.keys(URLSearchParams.prototype));
const p = new URLSearchParams("?a=1&b=2&a=3&c=%20x+y&d&=e&f=&&");
console.log(p.toString(), p.size, p.get("a"), p.getAll("a"), p.get("zz"), p.has("d"), p.has("a", "3"), p.has("a", "9"));
p.set("a", "only"); console.log(p.toString());
p.delete("b"); p.append("z", "last"); p.append("y", "ü é"); console.log(p.toString());
p.delete("a", "nomatch"); console.log(p.toString());
p.sort(); console.log(p.toString(), [...p.keys()], [...p.values()], [...p.entries()].length);
p.forEach(function (v, k, self) { console.log(k, v, self === p, this.tag); }, { tag: "T" });
console.log(new URLSearchParams({ x: 1, y: [2, 3], z: undefined }).toString());
console.log(new URLSearchParams([["k", "v"], ["k", "w"]]).toString(), new URLSearchParams(new Map([["m", "n"]])).toString());
for (const bad of [[["a"]], [1], [["a", "b", "c"]]]) { try { new URLSearchParams(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
try { p.append("x"); } catch (e) { console.log(e.code, e.message); }
try { p.get(); } catch (e) { console.log(e.code, e.message); }
try { p.forEach(5); } catch (e) { console.log(e.code, e.message); }
console.log(new URLSearchParams("a=b&c=d"), new URLSearchParams(), new URLSearchParams("x=" + "y".repeat(80) + "&z=1"));
console.log(new URLSearchParams("q=%zz%41&r=%E2%82"), new URLSearchParams("a=~!*()'-._").toString());
console.log(String(new URLSearchParams("sp=a b&pl=a+b&enc=%2B")), new URLSearchParams("sp=a b").get("sp"));
const it = p.entries(); it.next(); console.log(it, p.keys(), Object.prototype.toString.call(it));
const live = new URLSearchParams("a=1&b=2"); for (const k of live.keys()) { if (k === "a") live.append("c", "3"); console.log("live", k); }
`);
    expect(host.stdout).toContain("URLSearchParams { 'a' => 'b', 'c' => 'd' }");
  });
});

describe("url module", () => {
  it("converts file URLs and paths, formats, and handles domains", async () => {
    const host = await sandbox.expectParity(`
const url = require("url");
console.log(url.URL === URL, url.URLSearchParams === URLSearchParams, require("node:url") === url);
console.log(url.fileURLToPath("file:///a%20b/c"), url.fileURLToPath(new URL("file://localhost/x/%C3%A9")));
console.log(url.pathToFileURL("/x y/#?%").href, url.pathToFileURL("rel/").href, url.pathToFileURL("/tmp/\\n\\t").href);
for (const bad of ["http://x/", 5, "file://host/x", "file:///a%2fb", "not a url"]) {
  try { console.log(url.fileURLToPath(bad)); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(url.format(new URL("http://u:p@x.com/a?b#c"), { auth: false, search: false }), url.format(new URL("http://u:p@x.com/a?b#c"), { fragment: false }));
console.log(url.format({ protocol: "http", host: "x.com", pathname: "/a", query: { a: 1, b: [2, 3] } }), url.format("http://x.com"));
console.log(url.format({ protocol: "https:", hostname: "h.com", port: 8080, pathname: "p", hash: "h", search: "s" }), url.format({ protocol: "file", pathname: "/etc" }));
console.log(url.format(new URL("http://xn--mnchen-3ya.de/"), { unicode: true }), url.domainToASCII("münchen.de"), url.domainToUnicode("xn--mnchen-3ya.de"), JSON.stringify(url.domainToASCII("xn--iñvalid.com")));
try { url.format(5); } catch (e) { console.log(e.code, e.message); }
`);
    expect(host.stdout).toContain("/a b/c /x/é");
    expect(host.stdout).toContain("file:///x%20y/%23%3F%25");
  });
});
