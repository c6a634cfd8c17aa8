/**
 * Parity with the host's TypeScript: each program of the corpus is checked (and compiled) by the
 * sandboxed tools and by the TypeScript API in this process, from the same files; diagnostics
 * (code, category, file, line, column, message) and emitted JavaScript must be equal. The host
 * side works on a real temporary folder; its prefix is removed from paths before comparing, and
 * the TypeScript lib folder (/app/node_modules/typescript/lib in the sandbox) is named <lib>.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createInMemoryFileSystem, createNodeDriver, createNodeRuntimeDriverFactory, createTypeScriptTools, type TypeScriptDiagnostic } from "secure-exec";

interface Case {
  name: string;
  /** "source": the entry file is given as sourceText (the others are on disk); "project": tsconfig.json. */
  kind: "source" | "project";
  files: Record<string, string>;
  /** For "source": which of the files is the snippet. */
  entry?: string;
  compilerOptions?: Record<string, unknown>;
  compile?: boolean;
}

const LIB = { lib: ["es2022"] };

const cases: Case[] = [
  { name: "ok", kind: "source", entry: "a.ts", files: { "a.ts": "export const x: number = 1;\n" }, compilerOptions: { strict: true }, compile: true },
  { name: "assignability", kind: "source", entry: "a.ts", files: { "a.ts": "const x: number = 'text';\nexport {};\n" }, compilerOptions: LIB },
  { name: "missing-name", kind: "source", entry: "a.ts", files: { "a.ts": "export function greet(name: string) {\n  return 'hello ' + missingValue;\n}\n" } },
  { name: "no-implicit-any", kind: "source", entry: "a.ts", files: { "a.ts": "export function f(a, b) {\n  return a + b;\n}\n" }, compilerOptions: { ...LIB, noImplicitAny: true } },
  { name: "implicit-any-allowed", kind: "source", entry: "a.ts", files: { "a.ts": "export function f(a, b) {\n  return a + b;\n}\n" }, compilerOptions: { ...LIB, strict: false, noImplicitAny: false }, compile: true },
  { name: "strict-null", kind: "source", entry: "a.ts", files: { "a.ts": "export function len(s: string | undefined) {\n  return s.length;\n}\n" }, compilerOptions: { ...LIB, strict: true } },
  {
    name: "message-chain",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "type Fn = (x: string) => void;\nexport const f: Fn = (x: number) => {};\nexport const o: { a: { b: number } } = { a: { b: 'no' } };\n" },
    compilerOptions: { ...LIB, strict: true },
  },
  { name: "syntax-error", kind: "source", entry: "a.ts", files: { "a.ts": "const = 5;\nlet y = ;\n" }, compilerOptions: LIB, compile: true },
  {
    name: "imports-from-disk",
    kind: "source",
    entry: "main.ts",
    files: { "main.ts": "import { add } from './util';\nexport const r: string = add(1, 2);\nadd('1', 2);\n", "util.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\n" },
    compilerOptions: { ...LIB, module: "commonjs", strict: true },
    compile: true,
  },
  { name: "missing-module", kind: "source", entry: "a.ts", files: { "a.ts": "import { x } from './nope';\nexport default x;\n" }, compilerOptions: { ...LIB, module: "esnext", moduleResolution: "bundler" } },
  {
    name: "target-es5",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "export class Point {\n  constructor(public x = 0, public y = 0) {}\n  norm = () => `${this.x},${this.y}`;\n}\nexport const [first, ...rest] = [1, 2, 3];\n" },
    compilerOptions: { target: "es5", module: "commonjs", ignoreDeprecations: "6.0" },
    compile: true,
  },
  { name: "target-es5-deprecated", kind: "source", entry: "a.ts", files: { "a.ts": "export const x = 1;\n" }, compilerOptions: { target: "es5" } },
  {
    name: "target-es2022",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "export class Counter {\n  #count = 0;\n  static created = 0;\n  static { Counter.created++; }\n  increment(): number { return ++this.#count; }\n}\n" },
    compilerOptions: { target: "es2022", module: "esnext", strict: true },
    compile: true,
  },
  {
    name: "module-commonjs",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "import * as path from './path';\nexport default function join(a: string) { return path.sep + a; }\nexport { sep } from './path';\n", "path.ts": "export const sep = '/';\n" },
    compilerOptions: { ...LIB, module: "commonjs", esModuleInterop: true },
    compile: true,
  },
  {
    name: "module-esnext",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "import type { T } from './types';\nimport { v } from './types';\nexport const t: T = { v };\nexport async function later() { return await Promise.resolve(v); }\n", "types.ts": "export interface T { v: number }\nexport const v = 1;\n" },
    compilerOptions: { ...LIB, module: "esnext", moduleResolution: "bundler", target: "es2017" },
    compile: true,
  },
  {
    name: "enums-namespaces",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "export enum Color { Red, Green = 'g', Blue = 4 }\nexport namespace NS { export const k = Color.Blue; }\nconst enum E { A = 1 }\nexport const e = E.A;\n" },
    compilerOptions: { ...LIB, module: "commonjs" },
    compile: true,
  },
  {
    name: "decorators",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "function log(target: any, key: string) {}\nexport class A {\n  @log method() {}\n}\n" },
    compilerOptions: { ...LIB, experimentalDecorators: true, module: "commonjs" },
    compile: true,
  },
  { name: "source-map", kind: "source", entry: "a.ts", files: { "a.ts": "export const f = (n: number): number => n * 2;\n" }, compilerOptions: { ...LIB, sourceMap: true, module: "esnext" }, compile: true },
  {
    name: "declaration",
    kind: "source",
    entry: "a.ts",
    files: { "a.ts": "export function pair<T>(a: T, b: T): [T, T] { return [a, b]; }\nexport interface Box { value: unknown }\n" },
    compilerOptions: { ...LIB, declaration: true, module: "esnext" },
    compile: true,
  },
  {
    name: "jsx",
    kind: "source",
    entry: "a.tsx",
    files: {
      "a.tsx": "declare namespace JSX { interface IntrinsicElements { div: { id?: string } } }\ndeclare const React: { createElement(...args: unknown[]): unknown };\nexport const ok = <div id=\"x\">hi</div>;\nexport const bad = <div id={1}>no</div>;\nexport const unknownTag = <span />;\n",
    },
    compilerOptions: { ...LIB, jsx: "react", strict: true, module: "esnext" },
    compile: true,
  },
  { name: "ts-expect-error", kind: "source", entry: "a.ts", files: { "a.ts": "// @ts-expect-error\nexport const fine: number = 1;\n// @ts-expect-error\nexport const bad: number = 'x';\n" }, compilerOptions: LIB },
  { name: "unknown-option", kind: "source", entry: "a.ts", files: { "a.ts": "export {};\n" }, compilerOptions: { ...LIB, notAnOption: true, target: "es1999" } },
  {
    name: "project-nodenext-errors",
    kind: "project",
    files: {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "nodenext", target: "es2022", strict: true, rootDir: "src", outDir: "dist", lib: ["es2022"] }, include: ["src/**/*.ts"] }),
      "package.json": JSON.stringify({ type: "module" }),
      "src/index.ts": "import { helper } from './helper';\nexport const n: number = helper();\n",
      "src/helper.ts": "export function helper(): string {\n  return 'x';\n}\n",
    },
  },
  {
    name: "project-nodenext-ok",
    kind: "project",
    files: {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "nodenext", target: "es2022", strict: true, rootDir: "src", outDir: "dist", sourceMap: true, declaration: true, lib: ["es2022"] }, include: ["src/**/*.ts"] }),
      "package.json": JSON.stringify({ type: "module" }),
      "src/index.ts": "import { helper } from './lib/helper.js';\nexport const n: string = helper();\nexport const meta = import.meta.url;\n",
      "src/lib/helper.ts": "export function helper(): string {\n  return 'x';\n}\n",
      "src/legacy.cts": "export = { legacy: true };\n",
    },
    compile: true,
  },
  {
    name: "project-commonjs-several-errors",
    kind: "project",
    files: {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", target: "es2020", noImplicitAny: true, noUnusedLocals: true, outDir: "out", rootDir: "." } }),
      "a.ts": "import { b } from './b';\nconst unused = 1;\nexport function f(x) { return b + x; }\n",
      "b.ts": "export const b: number = 'two';\n",
    },
    compile: true,
  },
  {
    name: "project-bad-config",
    kind: "project",
    files: { "tsconfig.json": '{ "compilerOptions": { "target": "es2022", "strict": "yes", "wat": 1 }, "include": ["src"] }\n', "src/a.ts": "export const a = 1;\n" },
  },
  {
    // JSDoc: the service parses it only where it can matter to type errors (as tsc); the host side here parses all of it.
    name: "project-checkjs-jsdoc",
    kind: "project",
    files: {
      "tsconfig.json": JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true, strict: true, declaration: true, outDir: "out", lib: ["es2022"] }, include: ["src"] }),
      "src/math.js": "/**\n * @param {number} a\n * @param {number} b\n * @returns {number}\n */\nexport function add(a, b) {\n  return a + b;\n}\n/** @type {string} */\nexport const label = 42;\n/** @typedef {{ id: number, name?: string }} Item */\n/** @param {Item} item */\nexport const show = (item) => item.name.toUpperCase();\n",
      "src/use.ts": "import { add, show } from './math.js';\n/** @deprecated use add */\nexport function plus(a: number, b: number) { return add(a, b); }\nexport const n: string = plus(1, 2);\nshow({ id: 'x' });\n",
    },
    compile: true,
  },
  { name: "project-no-files", kind: "project", files: { "tsconfig.json": JSON.stringify({ include: ["src/**/*.ts"] }) } },
  { name: "project-missing-config", kind: "project", files: { "readme.md": "no config here\n" } },
];

// Host side: a real temporary folder standing in for the sandbox's "/".
const hostRoot = realpathSync(mkdtempSync(join(tmpdir(), "ts-corpus-")));
const hostLib = dirname(realpathSync(createRequire(import.meta.url).resolve("typescript")));
const SANDBOX_LIB = "/app/node_modules/typescript/lib";
afterAll(() => rmSync(hostRoot, { recursive: true, force: true }));

const CATEGORIES = ["warning", "error", "suggestion", "message"] as const;

function hostDiagnostic(d: ts.Diagnostic): TypeScriptDiagnostic {
  const out: TypeScriptDiagnostic = { code: d.code, category: CATEGORIES[d.category], message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
  if (d.file) {
    out.filePath = d.file.fileName;
    if (d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      out.line = line + 1;
      out.column = character + 1;
    }
  }
  return out;
}

const normalizeText = (text: string) => text.split(hostRoot).join("").split(hostLib).join("<lib>").split(SANDBOX_LIB).join("<lib>");
const normalize = (diagnostics: TypeScriptDiagnostic[]) =>
  diagnostics.map((d) => ({ ...d, message: normalizeText(d.message), ...(d.filePath ? { filePath: normalizeText(d.filePath) } : {}) }));

function hostSourceProgram(entry: string, sourceText: string, json: Record<string, unknown> | undefined) {
  const cwd = dirname(entry);
  const converted = ts.convertCompilerOptionsFromJson(json ?? {}, cwd);
  const host = ts.createCompilerHost(converted.options, true);
  host.getCurrentDirectory = () => cwd;
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, onError, create) => (name === entry ? ts.createSourceFile(name, sourceText, language, true) : getSourceFile.call(host, name, language, onError, create));
  host.fileExists = (name) => name === entry || fileExists.call(host, name);
  host.readFile = (name) => (name === entry ? sourceText : readFile.call(host, name));
  const program = ts.createProgram({ rootNames: [entry], options: converted.options, host });
  // typecheckSource/compileSource report the diagnostics of their source (the file's own, global and options ones).
  return { program, diagnostics: [...converted.errors, ...ts.getPreEmitDiagnostics(program, program.getSourceFile(entry))] };
}

function hostProject(cwd: string) {
  const unrecoverable: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(join(cwd, "tsconfig.json"), undefined, {
    ...ts.sys,
    getCurrentDirectory: () => cwd,
    onUnRecoverableConfigFileDiagnostic: (d) => unrecoverable.push(d),
  });
  if (!parsed) return { diagnostics: unrecoverable };
  const host = ts.createCompilerHost(parsed.options, true);
  host.getCurrentDirectory = () => cwd;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, host, configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
  return { program, diagnostics: [...ts.getPreEmitDiagnostics(program)] };
}

const filesystem = createInMemoryFileSystem();
const tools = createTypeScriptTools({ systemDriver: createNodeDriver({ filesystem }), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
afterAll(() => tools.dispose());
/** The diagnostic codes of each case, as both sides gave them. */
const seen = new Map<string, number[]>();

describe("TypeScript corpus: sandbox equals host", () => {
  it("has at least 20 programs", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const testCase of cases) {
    it(testCase.name, { timeout: 120_000 }, async () => {
      const base = `/cases/${testCase.name}`;
      const hostBase = `${hostRoot}${base}`;
      for (const [relative, text] of Object.entries(testCase.files)) {
        mkdirSync(dirname(join(hostBase, relative)), { recursive: true });
        await filesystem.mkdir(dirname(`${base}/${relative}`), { recursive: true });
        if (testCase.kind === "source" && relative === testCase.entry) continue; // given as text only
        writeFileSync(join(hostBase, relative), text);
        await filesystem.writeFile(`${base}/${relative}`, text);
      }

      if (testCase.kind === "source") {
        const entry = testCase.entry!;
        const sourceText = testCase.files[entry]!;
        const host = hostSourceProgram(join(hostBase, entry), sourceText, testCase.compilerOptions);
        const expected = normalize(host.diagnostics.map(hostDiagnostic));
        const request = { filePath: `${base}/${entry}`, sourceText, ...(testCase.compilerOptions ? { compilerOptions: testCase.compilerOptions } : {}) };
        const checked = await tools.typecheckSource(request);
        expect(normalize(checked.diagnostics)).toEqual(expected);
        expect(checked.success).toBe(!expected.some((d) => d.category === "error"));
        seen.set(testCase.name, checked.diagnostics.map((d) => d.code));
        if (testCase.compile) {
          const outputs: Record<string, string> = {};
          const emitted = host.program.emit(host.program.getSourceFile(join(hostBase, entry)), (name, text) => {
            outputs[/\.d\.[cm]?tsx?$/.test(name) ? "declarationText" : name.endsWith(".map") ? "sourceMapText" : "outputText"] = text;
          });
          const compiled = await tools.compileSource(request);
          expect(normalize(compiled.diagnostics)).toEqual([...expected, ...normalize(emitted.diagnostics.map(hostDiagnostic))]);
          expect(compiled.outputText).toBeTypeOf("string");
          expect({ outputText: compiled.outputText, sourceMapText: compiled.sourceMapText, declarationText: compiled.declarationText }).toEqual({
            outputText: outputs.outputText,
            sourceMapText: outputs.sourceMapText,
            declarationText: outputs.declarationText,
          });
        }
        return;
      }

      const host = hostProject(hostBase);
      const expected = normalize(host.diagnostics.map(hostDiagnostic));
      const checked = await tools.typecheckProject({ cwd: base });
      expect(normalize(checked.diagnostics)).toEqual(expected);
      expect(checked.success).toBe(!expected.some((d) => d.category === "error"));
      seen.set(testCase.name, checked.diagnostics.map((d) => d.code));
      if (testCase.compile && host.program) {
        const written: Record<string, string> = {};
        const emitted = host.program.emit(undefined, (name, text) => {
          written[normalizeText(name)] = text;
        });
        const compiled = await tools.compileProject({ cwd: base });
        expect(normalize(compiled.diagnostics)).toEqual([...expected, ...normalize(emitted.diagnostics.map(hostDiagnostic))]);
        expect([...compiled.emittedFiles].sort()).toEqual(Object.keys(written).sort());
        expect(compiled.emittedFiles.length).toBeGreaterThan(0);
        for (const file of compiled.emittedFiles) {
          expect(new TextDecoder().decode(await filesystem.readFile(file)), file).toBe(written[file]);
        }
      }
    });
  }

  it("the corpus exercises what it means to (the codes both sides agreed on)", () => {
    if (seen.size !== cases.length) return; // a case failed above
    const withErrors = cases.filter((c) => seen.get(c.name)!.length > 0).map((c) => c.name);
    expect(withErrors.length).toBeGreaterThanOrEqual(14);
    expect(seen.get("ok")).toEqual([]);
    expect(seen.get("assignability")).toEqual([2322]);
    expect(seen.get("no-implicit-any")).toEqual([7006, 7006]);
    expect(seen.get("target-es5-deprecated")).toEqual([5107]);
    expect(seen.get("project-nodenext-errors")).toContain(2835);
    expect(seen.get("project-missing-config")).toEqual([5083]);
  });

  it("the host side really ran on disk", () => {
    expect(readFileSync(join(hostRoot, "cases/imports-from-disk/util.ts"), "utf8")).toContain("add");
  });
});
