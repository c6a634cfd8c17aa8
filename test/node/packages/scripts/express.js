// An express app driven with requests made by hand (no network): routing, params, query, JSON, 404.
const http = require("http");
const express = require("express");
const app = express();
app.use(express.json());
app.get("/hello/:name", (req, res) => res.json({ hi: req.params.name, q: req.query }));
app.post("/echo", (req, res) => res.status(201).send(req.body));
function call(method, url, body) {
  return new Promise((resolve) => {
    const req = new http.IncomingMessage(null);
    req.method = method; req.url = url; req.headers = body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {};
    const res = new http.ServerResponse(req);
    const chunks = [];
    res.write = (c) => { chunks.push(Buffer.from(c)); return true; };
    res.end = (c) => { if (c) chunks.push(Buffer.from(c)); resolve([res.statusCode, res.getHeader("content-type"), Buffer.concat(chunks).toString()]); return res; };
    app(req, res);
    if (body) req.push(body);
    req.push(null);
  });
}
(async () => {
  console.log(await call("GET", "/hello/world?x=1"));
  console.log(await call("POST", "/echo", JSON.stringify({ a: 1 })));
  console.log(await call("GET", "/missing"));
})();
