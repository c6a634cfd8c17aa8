// Subpaths through package.json "exports" (conditions, patterns, blocked subpaths).
const { parse } = require("csv-parse/sync");
console.log(JSON.stringify(parse("a,b\n1,2\n")));
const utc = require("dayjs/plugin/utc.js");
console.log(typeof utc);
for (const id of ["uuid/dist-node/index.js", "zod/package.json/nope", "csv-parse/lib/index.js"]) {
  try { require(id); console.log(id, "loaded"); } catch (e) { console.log(id, e.code, e.message); }
}
console.log(require.resolve("markdown-it").replace(/.*node_modules\//, ""), require.resolve("zod").replace(/.*node_modules\//, ""));
