// The "import" condition picks the ES build, "require" the CommonJS one.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const short = (p) => p.replace(/.*node_modules\//, "");
console.log(short(import.meta.resolve("markdown-it")), short(require.resolve("markdown-it")));
console.log(short(import.meta.resolve("date-fns")), short(require.resolve("date-fns")));
console.log(short(import.meta.resolve("decimal.js")), short(require.resolve("decimal.js")));
const esm = await import("decimal.js");
const cjs = require("decimal.js");
console.log(esm.default === cjs, new esm.default(1).plus(1).toString(), new cjs(2).plus(2).toString());
try { await import("date-fns/nope"); } catch (e) { console.log(e.code); }
