import { globSync, glob } from "glob";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
for (const f of ["g/a.js", "g/b.ts", "g/sub/c.js", "g/sub/deep/d.js", "g/.hidden.js"]) { mkdirSync(f.slice(0, f.lastIndexOf("/")), { recursive: true }); writeFileSync(f, ""); }
console.log(globSync("g/**/*.js").sort().join(" "));
console.log((await glob("g/*.{js,ts}", { dot: true })).sort().join(" "));
rmSync("g", { recursive: true });
