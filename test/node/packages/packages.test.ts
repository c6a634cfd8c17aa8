/**
 * The package matrix: one script per popular npm package, run under the host's Node and in the
 * sandbox (packages from the /app/node_modules overlay), expecting the same output. The scripts
 * are in ./scripts; `.mjs` ones run as ES modules. docs/compatibility.md lists the results,
 * including the packages that do not work yet (KNOWN_FAILURES, skipped here).
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, it } from "vitest";
import { disposeSandbox, expectPackageParity } from "./harness.js";

afterAll(disposeSandbox);

const script = (name: string) => readFileSync(new URL(`./scripts/${name}`, import.meta.url), "utf8");

/** Script, and what it covers. */
const PASSING: Array<[string, string]> = [
  ["lodash.js", "utilities (CommonJS)"],
  ["ms.js", "utilities (CommonJS)"],
  ["uuid.mjs", "utilities, ESM-only, crypto.getRandomValues/randomUUID"],
  ["semver.js", "parsing, CommonJS with circular requires"],
  ["qs.js", "parsing (CommonJS)"],
  ["cookie.mjs", "parsing, ESM-only"],
  ["zod.mjs", "validation, exports map (import)"],
  ["zod-cjs.js", "validation, exports map (require)"],
  ["ajv.js", "validation, generated code (new Function)"],
  ["date-fns.mjs", "dates, exports map (import)"],
  ["date-fns-cjs.js", "dates, exports map (require)"],
  ["dayjs.js", "dates, plugins by subpath"],
  ["yargs-parser.mjs", "CLI arguments, ESM-only"],
  ["minimist.js", "CLI arguments (CommonJS)"],
  ["mustache.js", "templating"],
  ["handlebars.js", "templating, compiler"],
  ["ejs.js", "templating, fs (include, renderFile)"],
  ["marked.mjs", "markdown, ESM-only"],
  ["markdown-it.js", "markdown, exports map (require)"],
  ["markdown-it.mjs", "markdown, exports map (import)"],
  ["yaml.js", "YAML, exports map (node condition)"],
  ["js-yaml.js", "YAML"],
  ["crypto-js.js", "pure-JS crypto"],
  ["noble-hashes.mjs", "pure-JS crypto, ESM-only, subpath exports"],
  ["nanoid.mjs", "ESM-only, crypto.getRandomValues"],
  ["strip-ansi.mjs", "ESM-only"],
  ["he.mjs", "ESM-only, HTML entities"],
  ["immer.mjs", "immutable state, Proxy, Map/Set"],
  ["fast-xml-parser.mjs", "XML, exports map"],
  ["decimal.js", "arbitrary precision (CommonJS)"],
  ["diff.mjs", "text diff, exports map"],
  ["rxjs.js", "reactive streams, timers"],
  ["p-limit.mjs", "promises, timers, ESM-only"],
  ["csv-parse.mjs", "CSV, stream.Transform, subpath exports"],
  ["validator.js", "string validation (CommonJS, many files)"],
  ["dotenv.js", "config files, fs, process.env"],
  ["picocolors.js", "terminal colors (no tty: plain output)"],
  ["mime-types.js", "JSON database (mime-db)"],
  ["iconv-lite.js", "encodings, Buffer"],
  ["minimatch.js", "glob patterns, exports map"],
  ["moment.js", "dates (CommonJS)"],
  ["joi.js", "validation (CommonJS, many files)"],
  ["eventemitter3.mjs", "events, CommonJS imported from ESM"],
  ["async.js", "control flow, timers, setImmediate"],
  ["exports-map.js", "exports maps from require: subpaths, ERR_PACKAGE_PATH_NOT_EXPORTED"],
  ["exports-map.mjs", "exports maps from import: import vs require conditions"],
  ["chalk.mjs", "colours off when not a terminal (tty)"],
  ["debug.js", "namespaced logging (tty)"],
  ["commander.mjs", "CLI parsing, ESM-only (imports child_process)"],
  ["lru-cache.js", "cache (diagnostics_channel)"],
  ["glob.mjs", "filesystem globbing (path-scurry, lru-cache)"],
  ["fs-extra.js", "graceful-fs over fs (constants, opendir)"],
  ["uuid-require.js", "require() of an ES-only package (require(esm))"],
  ["esm-from-cjs.js", "require() and import() of ES-only packages from CommonJS"],
  ["lodash-debounce.js", "debounce and throttle under the frozen clock (time moves between tasks)"],
  ["express.js", "web framework driven by hand-made requests (http and net without a network)"],
  ["axios.js", "HTTP client with a custom adapter (http, https, follow-redirects, form-data)"],
];

/** Scripts that fail in the sandbox today, and why (see docs/compatibility.md). */
const KNOWN_FAILURES: Array<[string, string]> = [
];

describe("npm packages", () => {
  for (const [name, what] of PASSING) {
    it(`${name}: ${what}`, async () => {
      await expectPackageParity(script(name), name.endsWith(".mjs"));
    });
  }
  for (const [name, why] of KNOWN_FAILURES) {
    it.skip(`${name}: ${why}`, async () => {
      await expectPackageParity(script(name), name.endsWith(".mjs"));
    });
  }
});
