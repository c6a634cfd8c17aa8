#!/usr/bin/env node
/**
 * require() of a package of about 50 files (`yaml`: ~60 CommonJS files are loaded), timed inside
 * the code that requires it: in a fresh sandbox session (module cache empty; files read through
 * the read-only node_modules overlay) and in a fresh host `node` process, in the same run.
 * "First" is the first run of each (cold caches); "repeated" is the p50 of later runs.
 *
 *   node bench/require.mjs [--runs N]
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { NodeRuntime, createNodeDriver, createNodeRuntimeDriverFactory, createV8Runtime } from "../dist/index.js";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;
const script = "const t = performance.now(); const yaml = require('yaml'); const ms = performance.now() - t; if (yaml.parse('a: 1').a !== 1) throw new Error('yaml is broken'); console.log(ms);";
const p50 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

const host = [];
for (let i = 0; i < runs; i++) host.push(Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim()));

const v8 = createV8Runtime();
const runtime = new NodeRuntime({
  systemDriver: createNodeDriver(),
  runtimeDriverFactory: createNodeRuntimeDriverFactory({ v8Runtime: v8 }),
  timingMitigation: "off",
});
const sandbox = [];
for (let i = 0; i < runs; i++) {
  let printed = "";
  const result = await runtime.exec(script, { onStdio: (event) => (printed += event.message) });
  if (result.code !== 0) throw new Error(`sandbox run failed: ${result.errorMessage}`);
  sandbox.push(Number(printed));
}
runtime.dispose();
v8.dispose();

console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores\n`);
console.log("| require('yaml') (ms) | first | repeated p50 |");
console.log("| --- | ---: | ---: |");
console.log(`| sandbox (fresh session each run) | ${fmt(sandbox[0])} | ${fmt(p50(sandbox.slice(1)))} |`);
console.log(`| host Node (fresh process each run) | ${fmt(host[0])} | ${fmt(p50(host.slice(1)))} |`);
console.log(`\nsandbox / host, repeated: ${(p50(sandbox.slice(1)) / p50(host.slice(1))).toFixed(1)}x`);
