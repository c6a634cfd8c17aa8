/**
 * http, https, http2, net and tls without a network: what needs none matches Node (parity), and
 * what needs one fails with ERR_NOT_SUPPORTED_IN_SANDBOX (sandbox only: the host has a network).
 */
import { afterAll, describe, expect, it } from "vitest";
import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory } from "../../../index.js";
import { disposeSandbox, expectParity, runInSandbox } from "../../support/parity.js";

afterAll(disposeSandbox);

describe("parity: http without a network", () => {
  it("has Node's METHODS, STATUS_CODES, maxHeaderSize and header validation", async () => {
    await expectParity(`
const http = require("http");
console.log(http.METHODS.join(), Object.keys(http.STATUS_CODES).length, http.STATUS_CODES[418], http.maxHeaderSize);
for (const [name, value] of [["ok", "v"], ["a b", "v"], ["", "v"], [5, "v"], ["x", undefined], ["x", "a\\nb"], ["x", "tab\\tok"]]) {
  try { http.validateHeaderName(name); http.validateHeaderValue(name, value); console.log("valid", name); }
  catch (e) { console.log(e.name, e.code, e.message); }
}`);
  });

  it("makes agents with Node's defaults", async () => {
    await expectParity(`
const http = require("http"), https = require("https");
for (const agent of [new http.Agent(), new http.Agent({ keepAlive: true, maxSockets: 5 }), https.globalAgent, http.globalAgent]) {
  console.log(agent.defaultPort, agent.protocol, agent.keepAlive, agent.keepAliveMsecs, agent.maxSockets, agent.maxFreeSockets, agent.maxTotalSockets, agent.scheduling, agent instanceof require("events"));
}
console.log(new http.Agent().getName({ host: "example.com", port: 80 }), new http.Agent().getName({ host: "h", port: 1, localAddress: "l", family: 6 }));
console.log(https.globalAgent instanceof http.Agent, typeof https.request, typeof https.createServer);`);
  });

  it("drives a request handler with an IncomingMessage and a ServerResponse made by hand", async () => {
    await expectParity(`
const http = require("http");
const req = new http.IncomingMessage(null);
req.method = "POST"; req.url = "/x?y=1"; req.headers = { "content-type": "text/plain" };
const res = new http.ServerResponse(req);
console.log(req.httpVersion, req.complete, req.readable, res.statusCode, res.headersSent, res.sendDate, res.finished, res.writableEnded);
res.setHeader("Content-Type", "text/plain");
res.setHeader("X-List", ["a", "b"]);
res.appendHeader("X-List", "c");
console.log(res.getHeader("content-type"), res.getHeader("x-list"), res.hasHeader("X-LIST"), res.getHeaderNames(), res.getRawHeaderNames(), res.getHeaders());
res.removeHeader("x-list");
try { res.setHeader("bad name", 1); } catch (e) { console.log(e.code, e.message); }
try { res.getHeader(1); } catch (e) { console.log(e.code); }
res.writeHead(201, "Made", { "X-Done": "yes" });
console.log(res.statusCode, res.statusMessage, res.headersSent, res.getHeader("x-done"));
try { res.setHeader("late", 1); } catch (e) { console.log(e.code, e.message); }
try { res.writeHead(200); } catch (e) { console.log(e.code, e.message); }
res.end("done");
console.log(res.finished, res.writableEnded);
let body = "";
req.on("data", (chunk) => (body += chunk)).on("end", () => console.log("body", body));
req.push("hello "); req.push("world"); req.push(null);
const server = http.createServer((rq, rs) => console.log("request", rq.url, rs.statusCode));
server.emit("request", req, res);
console.log(server.listening, server.address(), server instanceof http.Server);
try { new http.ServerResponse(req).writeHead(99); } catch (e) { console.log(e.name, e.code, e.message); }`);
  });

  it("tells IP addresses apart as net.isIP does", async () => {
    await expectParity(`
const net = require("net");
for (const s of ["1.2.3.4", "01.2.3.4", "256.1.1.1", "255.255.255.255", "::1", "fe80::1%eth0", "::ffff:1.2.3.4", "1::2::3", "abc", "", "2001:db8::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::", "1.2.3", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4", "12345::", "fe80::%", 5, null]) {
  console.log(JSON.stringify(s), net.isIP(s), net.isIPv4(s), net.isIPv6(s));
}
console.log(net.getDefaultAutoSelectFamily(), net.getDefaultAutoSelectFamilyAttemptTimeout());`);
  });

  it("has http2's constants and default settings, and TLS's defaults", async () => {
    await expectParity(`
const http2 = require("http2"), tls = require("tls");
console.log(Object.keys(http2.constants).length, http2.constants.HTTP2_HEADER_PATH, http2.constants.NGHTTP2_CANCEL, http2.constants.HTTP_STATUS_TEAPOT);
console.log(http2.getDefaultSettings(), typeof http2.sensitiveHeaders);
console.log(tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, tls.DEFAULT_ECDH_CURVE, tls.CLIENT_RENEG_LIMIT, tls.CLIENT_RENEG_WINDOW, tls.DEFAULT_CIPHERS.split(":").length);`);
  });
});

describe("what needs a network fails with a coded error", () => {
  it("refuses listening, requests, connections and TLS", async () => {
    const result = await runInSandbox(`
const http = require("http"), https = require("https"), net = require("net"), tls = require("tls"), http2 = require("http2");
const attempts = {
  listen: () => http.createServer().listen(8080),
  request: () => http.request("http://example.com"),
  get: () => https.get("https://example.com"),
  client: () => new http.ClientRequest("http://example.com"),
  socket: () => new net.Socket(),
  connect: () => net.connect(80, "example.com"),
  netListen: () => net.createServer().listen(0),
  tls: () => tls.connect(443, "example.com"),
  ciphers: () => tls.getCiphers(),
  roots: () => tls.rootCertificates,
  http2: () => http2.connect("https://example.com"),
  agent: () => new http.Agent().createConnection({}),
};
for (const [name, attempt] of Object.entries(attempts)) {
  try { attempt(); console.log(name, "did not throw"); } catch (e) { console.log(name, e.code, e.message); }
}`);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(12);
    for (const line of lines) expect(line).toMatch(/^\w+ ERR_NOT_SUPPORTED_IN_SANDBOX .*(needs the network|no network)/);
    expect(lines[0]).toBe("listen ERR_NOT_SUPPORTED_IN_SANDBOX Listening for connections (http.Server#listen) needs the network, which the sandbox does not have");
    expect(result.code).toBe(0);
  });

  it("makes a request of an HTTP client fail with it (axios from the node_modules overlay)", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    try {
      const lines: string[] = [];
      const result = await runtime.exec(
        `require("axios").get("http://example.com/").then((r) => console.log("got", r.status), (e) => console.log(e.code, e.message));`,
        { onStdio: (event) => lines.push(event.message) },
      );
      expect(result.code).toBe(0);
      expect(lines).toEqual(["ERR_NOT_SUPPORTED_IN_SANDBOX An HTTP request (http.request) needs the network, which the sandbox does not have"]);
    } finally {
      runtime.dispose();
    }
  });
});
