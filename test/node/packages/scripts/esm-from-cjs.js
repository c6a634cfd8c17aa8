// ES-only packages loaded from CommonJS: require() (Node 22.12+) and import() with a computed name.
const { marked } = require("marked");
const stripAnsi = require("strip-ansi");
const he = require("he");
console.log(marked.parse("# Title\n\n*hi*").trim());
console.log(typeof stripAnsi, Object.keys(stripAnsi).sort().join(","), stripAnsi.default("\u001b[31mred\u001b[39m"));
console.log(he.encode("<a & b>"));
const names = ["p-limit", "yargs-parser"];
(async () => {
  for (const name of names) {
    const ns = await import(name);
    console.log(name, Object.keys(ns).sort().join(","));
  }
  const { default: pLimit } = await import(names[0]);
  const limit = pLimit(1);
  console.log(await Promise.all([1, 2, 3].map((n) => limit(async () => n * 2))));
  console.log((await import("he")) === (await import("he")), require("he") === require("he"));
})();
