/**
 * TypeScript tools benchmark: typecheckSource of a one-line snippet, cold (new tools, first call:
 * new kernel, new compiler service loading `typescript`, lib files parsed) and warm (p50 of later
 * calls on the same tools), and compileSource warm, for three option sets; beside the TypeScript
 * API in this process (`import ts from "typescript"`: a new program per call with TypeScript's own
 * compiler host, the first one in the process and then p50). Prints a Markdown table.
 *
 * The V8 host is already running for the cold figures (another runtime of the application started
 * it, as with the shared host) and has built its compiler snapshot; "cold, new V8 host" adds
 * starting one (createV8Runtime), with no snapshot yet and an empty code cache.
 *
 * Run: node scripts/build.mjs && node bench/typescript.mjs [--quick]
 */
import { performance } from "node:perf_hooks";
import ts from "typescript";
import { createNodeDriver, createNodeRuntimeDriverFactory, createTypeScriptTools, createV8Runtime } from "../dist/index.js";
import { fmt, median } from "./lib/stats.mjs";

const QUICK = process.argv.includes("--quick");
const COLD = QUICK ? 1 : 3;
const WARM = QUICK ? 5 : 15;

const CONFIGS = [
  { name: "default lib (TypeScript 6: es2025.full, with DOM)", options: undefined },
  { name: '`lib: ["es2022"]`', options: { lib: ["es2022"] } },
  { name: "default lib, `skipLibCheck: true`", options: { skipLibCheck: true } },
];

const snippet = (i) => `export const value${i}: number = ${i};\nexport function twice(n: number) { return n * 2 + value${i}; }\n`;

async function time(fn) {
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  if (!result.success) throw new Error(`unexpected failure: ${JSON.stringify(result.diagnostics)}`);
  return ms;
}

function newTools(v8Runtime) {
  return createTypeScriptTools({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory(), ...(v8Runtime ? { v8Runtime } : {}) });
}

/** The host's TypeScript API: a new program per call, the snippet served from memory. */
function hostCall(i, json, emit) {
  const filePath = "/bench-virtual/snippet.ts";
  const { options } = ts.convertCompilerOptionsFromJson(json ?? {}, "/bench-virtual");
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, onError) => (name === filePath ? ts.createSourceFile(name, snippet(i), language, true) : getSourceFile.call(host, name, language, onError));
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === filePath || fileExists.call(host, name);
  const program = ts.createProgram({ rootNames: [filePath], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (emit) program.emit(program.getSourceFile(filePath), () => {});
  return { success: diagnostics.length === 0, diagnostics };
}

const rows = [];
let n = 0;
// Start the shared V8 host once, so "cold" is new tools on a running host, as in a running
// application: its first compiler service also has the host build its compiler snapshot in the
// background (a few seconds); wait until new services start from it.
{
  const started = performance.now();
  for (let preloaded = false; !preloaded && performance.now() - started < 120_000; ) {
    const warmup = newTools();
    await warmup.typecheckSource({ filePath: "/root/w.ts", sourceText: "export {};", compilerOptions: { lib: ["es2022"] } });
    preloaded = warmup.servicePreloaded === true;
    warmup.dispose();
    if (!preloaded) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
for (const { name, options } of CONFIGS) {
  const cold = [];
  for (let c = 0; c < COLD; c++) {
    const tools = newTools();
    cold.push(await time(() => tools.typecheckSource({ filePath: "/root/snippet.ts", sourceText: snippet(n++), compilerOptions: options })));
    tools.dispose();
  }
  const v8Runtime = createV8Runtime();
  const fresh = newTools(v8Runtime);
  const coldNewHost = await time(() => fresh.typecheckSource({ filePath: "/root/snippet.ts", sourceText: snippet(n++), compilerOptions: options }));
  fresh.dispose();
  v8Runtime.dispose();

  const tools = newTools();
  await tools.typecheckSource({ filePath: "/root/snippet.ts", sourceText: snippet(n++), compilerOptions: options });
  const warm = [];
  for (let w = 0; w < WARM; w++) warm.push(await time(() => tools.typecheckSource({ filePath: "/root/snippet.ts", sourceText: snippet(n++), compilerOptions: options })));
  const compileOptions = { ...(options ?? {}), module: "commonjs" };
  const compile = [];
  for (let w = 0; w < WARM; w++) compile.push(await time(() => tools.compileSource({ filePath: "/root/snippet.ts", sourceText: snippet(n++), compilerOptions: compileOptions })));
  tools.dispose();

  // The host API: its first program in this process for these options (typescript already loaded), then p50.
  const hostFirst = await time(() => hostCall(n++, options, false));
  const hostWarm = [];
  for (let w = 0; w < WARM; w++) hostWarm.push(await time(() => hostCall(n++, options, false)));
  const hostCompile = [];
  for (let w = 0; w < WARM; w++) hostCompile.push(await time(() => hostCall(n++, compileOptions, true)));

  rows.push({ name, cold: median(cold), coldNewHost, warm: median(warm), compile: median(compile), hostFirst, hostWarm: median(hostWarm), hostCompile: median(hostCompile) });
  console.error(`done: ${name}`);
}

const ms = (value) => `${fmt(value)} ms`;
console.log(`TypeScript ${ts.version}, Node ${process.version}, ${COLD} cold / ${WARM} warm samples; p50 unless said\n`);
console.log("| options | cold: new tools, first typecheckSource | cold, new V8 host | warm typecheckSource | warm compileSource | host API: first program | host API: typecheck | host API: compile |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(`| ${r.name} | ${ms(r.cold)} | ${ms(r.coldNewHost)} | ${ms(r.warm)} | ${ms(r.compile)} | ${ms(r.hostFirst)} | ${ms(r.hostWarm)} | ${ms(r.hostCompile)} |`);
}
