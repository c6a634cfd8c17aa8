const yaml = require("js-yaml");
console.log(JSON.stringify(yaml.load("greeting: hi\nitems:\n  - 1\n  - two\nnested: { a: [1, 2] }\n")));
console.log(yaml.dump({ a: 1, b: ["x", { c: null }], s: "line1\nline2" }));
try { yaml.load("a: b: c"); } catch (e) { console.log(e.name, e.reason); }
