/** Parity with host Node: the `url` builtin's legacy API (parse, format, resolve, resolveObject, Url) and its helpers. */
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectParity } from "../../support/parity.js";

afterAll(disposeSandbox);

/** URLs of many shapes: every part, odd hosts and ports, backslashes, spaces, non-ASCII, other protocols. */
const URLS = `[
  "http://user:pw@host.com:8080/p/a/t/h?query=string#hash", "HTTPS://User:Pass@Example.COM:443/Path?Q#F", "http://[::1]:80/x", "http://1.2.3.4:5/",
  "//foo/bar", "/just/a/path?x=1&y=2&x=3#h", "relative/path", "?q=1", "#frag", "", "  http://trim.com/  ", "http://a.com\\\\b\\\\c", "http:\\\\\\\\a.com\\\\b?c\\\\d",
  "javascript:alert(1)", "mailto:a@b.c", "tel:+1-555", "urn:isbn:123", "data:text/plain,hi", "foo://bar/baz", "foo:bar", "file:///etc/passwd", "file:/x", "file:x",
  "http://ex.com/ä?ö#ü", "http://💩.la/", "http://ü.com/ü", "http://a.com:65536/", "http://a.com:/x", "http://A.COM:0080/", "http://a b.com/x", "http://a%20b.com/x",
  "https://a.com/path with space", "http://a.com/\\"quotes\\"<>\`{}|^", "http://a.com/\\t\\n\\rtab", "http://a.com\\t/x", "http://a!b.com/", "http://a_b.com/",
  "http://@a.com/", "http://user@/x", "http://a.com:8080@evil.com/", "http://x:y:z@a.com/", "http://a@b@c/", "git+ssh://git@github.com:user/repo.git",
  "http://" + "a".repeat(70) + ".com/", "http://" + "a.".repeat(130) + "com/", "http://a.com/\\u0000", "\\u00a0http://nbsp.com/", "http://a.com/p?q=1#h?x#y",
  "http://a.com/?a[b]=1&c=%20d+e&f&a[b]=2", "//user@host/p?q", "http:", "http://", "http:///x", "//", "///x", "HTTP://"
]`;

describe("parity: url legacy API", () => {
  it("url.parse: plain, with parseQueryString, with slashesDenoteHost", async () => {
    await expectParity(`
const url = require("url");
process.on("warning", (w) => console.log("warning:", w.code));
console.error = () => {};
for (const input of ${URLS}) {
  for (const args of [[], [true], [false, true]]) {
    try { console.log(JSON.stringify(input), JSON.stringify(args), JSON.stringify(url.parse(input, ...args))); } catch (e) { console.log(JSON.stringify(input), e.name, e.code, e.message, e.input); }
  }
}
`);
  });

  it("url.parse: invalid hosts throw ERR_INVALID_URL; a port that is no number warns DEP0170 once", async () => {
    await expectParity(`
const url = require("url");
process.on("warning", (w) => console.log("warning:", w.name, w.code, w.message));
console.error = () => {};
for (const input of ["http://[::1/x", "http://[fe80::1%25en0]/", "http://xn--/", "http://a.com:abc/x", "http://b.com:xyz/", "http://a.com:8080:90/"]) {
  try { const u = url.parse(input); console.log(u.host, u.pathname, u.href); } catch (e) { console.log(e.name, e.code, e.message, e.input, Object.keys(e)); }
}
for (const bad of [1, null, undefined, {}]) { try { url.parse(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
try { url.parse("http://%zz@a.com/"); } catch (e) { console.log(e.name, e.message); }
`);
  });

  it("Url objects: the class, its prototype, what they print, parse of a Url", async () => {
    await expectParity(`
const url = require("url");
const u = url.parse("http://a.com/x?y#z", true);
console.log(u, u instanceof url.Url, url.parse(u) === u, Object.keys(u).join());
const keys = []; for (const key in u) keys.push(key); console.log(keys.join());
console.log(Object.keys(url.Url.prototype), new url.Url(), Object.getPrototypeOf(u.query), url.parse("/p", true).query);
const fresh = new url.Url(); fresh.parse("mailto:x@y.z"); console.log(fresh.href, fresh.auth, fresh.host);
console.log(Object.keys(url).join());
`);
  });

  it("url.format: strings, Url objects, url-like objects and WHATWG URLs", async () => {
    await expectParity(`
const url = require("url");
console.error = () => {};
for (const input of ${URLS}) {
  try { console.log(JSON.stringify(input), JSON.stringify(url.format(input)), JSON.stringify(url.format(url.parse(input, true)))); } catch (e) { console.log(JSON.stringify(input), e.code, e.message); }
}
const objects = [
  { protocol: "http", host: "a.com", pathname: "x#y?z", search: "q#", hash: "h" },
  { protocol: "https:", hostname: "::1", port: 8080, pathname: "/p" },
  { protocol: "http", hostname: "a.com", query: { a: [1, 2], b: "x y", c: true } },
  { protocol: "mailto", auth: "me", host: "x.org" }, { protocol: "file", pathname: "/etc" }, { protocol: "file:", slashes: true, host: "", pathname: "x" },
  { slashes: true, host: "h", pathname: "p" }, { auth: "user:pa:ss @/?#", host: "h" }, { pathname: "a?b#c", search: "?s", hash: "#h" }, { search: "x" }, {},
  { protocol: "foo", host: "h", pathname: "p" }, { protocol: "ws", hostname: "w" }, { href: "ignored", query: "not an object" },
];
for (const object of objects) console.log(JSON.stringify(object), url.format(object));
const whatwg = new URL("http://u:p@xn--ls8h.la:8/p?q#h");
console.log(url.format(whatwg), url.format(whatwg, { unicode: true, auth: false, search: false, fragment: false }), url.format(new URL("mailto:a@b")));
for (const args of [[1], [null], [whatwg, 1], [whatwg, null]]) { try { url.format(...args); } catch (e) { console.log(e.name, e.code, e.message); } }
`);
  });

  it("url.resolve and url.resolveObject", async () => {
    await expectParity(`
const url = require("url");
const bases = ["http://a.com/b/c/d;p?q", "http://a.com", "http://u:p@a.com:8/x/y/", "file:///x/y", "file:x", "foo:bar", "foo:/bar/baz", "/rel/path", "rel/path", "//h/p",
  "mailto:a@b.com", "mailto:local1@domain1", "", "?q", "http://a.com/?x#y", "javascript:alert(1)", "https://x.com/a/b/../c/./d", "g/h/", "http://[::1]:80/a/b"];
const relatives = ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "..", "../g", "../..", "../../../g", ".", "", "http:g", "http:", "https://x.com/", "mailto:x@y",
  "local2@domain2", "//g:90/h", "g;x?y#s", "../../../../g", "/./g", "g.", "..g", "g/../h", "file:///z", "file:z", "foo:q", "//u@h/p", "?", "#", "HTTP://A.COM/", "a/b/c/../../..", "/..", "///x"];
for (const base of bases) {
  console.log(JSON.stringify(base), relatives.map((relative) => url.resolve(base, relative)).join(" "));
  for (const relative of relatives.slice(0, 12)) console.log(" ", JSON.stringify(url.resolveObject(base, relative)));
}
console.log(url.resolveObject("", "x"), url.resolveObject(url.parse("http://a/b"), url.parse("c", false, true)).href, url.parse("http://a/b/c").resolve("../d"));
`);
  });

  it("urlToHttpOptions, fileURLToPathBuffer, domainToASCII/domainToUnicode", async () => {
    await expectParity(`
const url = require("url");
console.log(url.urlToHttpOptions(new URL("http://u%20s:p@[::1]:80/a?b#c")), url.urlToHttpOptions(new URL("https://a.com")));
const extended = new URL("http://x.org/"); extended.custom = 1; console.log(url.urlToHttpOptions(extended));
for (const bad of ["x", null, 1]) { try { url.urlToHttpOptions(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
console.log(url.fileURLToPathBuffer("file:///a%FFb"), url.fileURLToPathBuffer(new URL("file:///x%20y")));
for (const bad of ["http://x", 1, "file:///a%2fb"]) { try { url.fileURLToPathBuffer(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
console.log(url.domainToASCII("español.com"), url.domainToASCII("xn--iñvalid.com") === "", url.domainToUnicode("xn--espaol-zwa.com"), url.domainToUnicode("xn--ls8h.la"));
`);
  });

  it("queries are decoded as Node's querystring decodes them (bad escapes, non-ASCII)", async () => {
    await expectParity(`
const url = require("url"), qs = require("querystring");
for (const input of ["a=%zzé", "a=%41é%zz", "%41%zzé=%zz", "a=+%zzé", "k=%E2%82%AC%zz💩", "x=%C3"]) console.log(JSON.stringify(url.parse("/?" + input, true).query), JSON.stringify(qs.parse(input)));
console.log(JSON.stringify([qs.unescape("%zzé"), qs.unescape("%zz💩"), [...qs.unescapeBuffer("é%41+", true)]]));
`);
  });
});
