const YAML = require("yaml");
const doc = YAML.parse("a: 1\nb: [x, y]\nc:\n  d: true\n  e: null\n  f: 2024-01-01\nanchors:\n  base: &b { k: v }\n  ref: *b\n");
console.log(JSON.stringify(doc));
console.log(YAML.stringify({ list: [1, "two", { three: 3 }], s: "multi\nline" }));
const d = YAML.parseDocument("# comment\nkey: value # trailing\n");
d.set("other", [1, 2]);
console.log(String(d));
try { YAML.parse("a: [1, 2"); } catch (e) { console.log(e.name, e.code); }
