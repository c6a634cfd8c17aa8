#!/usr/bin/env node
// Builds dist/: the package (JavaScript and type declarations) with tsc, then the in-isolate
// runtime (its own tsconfig: no Node types) bundled by rollup into one script for the V8 host.
// Runs on `npm install` (prepare) and before the tests, so dist/ is never stale or missing.
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rollup } from "rollup";
import commonjs from "@rollup/plugin-commonjs";
import { minify } from "terser";
import json from "@rollup/plugin-json";
import nodeResolve from "@rollup/plugin-node-resolve";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

// Build into a fresh folder and swap it in at the end, so that a test run reading dist/ never
// sees it half-built.
const out = join(root, `dist.building-${process.pid}`);

function typescript(project) {
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, project), "--outDir", out], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`build: tsc -p ${project} failed`);
    rmSync(out, { recursive: true, force: true });
    process.exit(result.status ?? 1);
  }
}

rmSync(out, { recursive: true, force: true });
typescript("tsconfig.json");
typescript("drivers/node/isolate/tsconfig.json");

// Libraries whose module code makes many objects (tables, classes) run only when first used, not
// in every isolate: each is bundled on its own to a source string that the runtime evaluates on
// demand (drivers/node/isolate/lazy.ts). Each must be self-contained.
const LAZY_LIBRARIES = {
  tr46: `export * from "tr46"; export { default } from "tr46";`,
  pako: `export * from "pako";`,
  diff: `export { diffArrays } from "diff";`,
  minimatch: `export { minimatch, Minimatch, GLOBSTAR } from "minimatch";`,
  noble: [
    `export { md5, sha1, ripemd160 } from "@noble/hashes/legacy.js";`,
    `export { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from "@noble/hashes/sha2.js";`,
    `export { hmac } from "@noble/hashes/hmac.js";`,
    `export { pbkdf2 } from "@noble/hashes/pbkdf2.js";`,
    `export { scrypt } from "@noble/hashes/scrypt.js";`,
  ].join("\n"),
};
for (const [name, code] of Object.entries(LAZY_LIBRARIES)) {
  const entry = join(out, `lazy-${name}.js`);
  writeFileSync(entry, `${code}\n`);
  const lazy = await rollup({ input: entry, plugins: [nodeResolve({ browser: true, preferBuiltins: false, rootDir: root }), commonjs(), json()], onwarn() {} });
  const { output } = await lazy.generate({ format: "cjs", exports: "named" });
  await lazy.close();
  rmSync(entry);
  const wrapped = `(function () {\nvar module = { exports: {} }, exports = module.exports;\n${output[0].code}\nreturn module.exports;\n})()`;
  const { code: source } = await minify(wrapped, { mangle: false, compress: false, format: { comments: false } });
  mkdirSync(join(out, "drivers/node/isolate/lazy"), { recursive: true });
  writeFileSync(join(out, `drivers/node/isolate/lazy/${name}.js`), `export default ${JSON.stringify(source.trim().replace(/;$/, ""))};\n`);
}

const bundle = await rollup({
  input: join(out, "drivers/node/isolate/index.js"),
  plugins: [
    {
      // cjs-module-lexer's "import" condition is its wasm build; the sandbox takes the JS one.
      name: "pure-js-lexers",
      resolveId: (id) => (id === "cjs-module-lexer/lexer.js" ? join(root, "node_modules/cjs-module-lexer/lexer.js") : null),
    },
    {
      // web-streams-polyfill makes its errors with `new TypeError(message)`: inside it, these names
      // are the runtime's stand-ins that word and code them as Node does
      // (drivers/node/isolate/globals/web-streams-errors.ts).
      name: "web-streams-node-errors",
      transform(code, id) {
        if (!id.includes("/node_modules/web-streams-polyfill/")) return null;
        const errors = JSON.stringify(join(out, "drivers/node/isolate/globals/web-streams-errors.js"));
        return { code: `import { TypeError, RangeError } from ${errors};\n${code}`, map: null };
      },
    },
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    json(),
  ],
  onwarn(warning, warn) {
    if (warning.code === "CIRCULAR_DEPENDENCY" || warning.code === "THIS_IS_UNDEFINED") return;
    if (warning.code === "UNRESOLVED_IMPORT" || warning.code === "MISSING_GLOBAL_NAME") throw new Error(`build: ${warning.message}`);
    warn(warning);
  },
});
const { output: [runtimeChunk] } = await bundle.generate({ format: "iife", sourcemap: false });
await bundle.close();
// Every isolate holds the runtime's source (V8 compiles its functions from it on first call):
// printed without comments or indentation. Nothing is renamed or rewritten (terser with mangling
// and compression off): classes and functions keep the names sandbox code sees.
const printed = await minify(runtimeChunk.code, { mangle: false, compress: false, format: { comments: false } });
writeFileSync(join(out, "drivers/node/isolate-runtime.js"), printed.code);
// The unbundled isolate sources are only rollup's input.
rmSync(join(out, "drivers/node/isolate"), { recursive: true, force: true });

const dist = join(root, "dist");
const old = join(root, `dist.old-${process.pid}`);
try {
  renameSync(dist, old);
} catch {
  // No previous build.
}
renameSync(out, dist);
rmSync(old, { recursive: true, force: true });

// Scripts anywhere in the repo import "secure-exec" by name, including from the workspace
// packages (where self-reference does not reach): link the package into node_modules.
const link = join(root, "node_modules", "secure-exec");
try {
  lstatSync(link);
} catch {
  symlinkSync("..", link, "dir");
}
