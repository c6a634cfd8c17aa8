/**
 * The compiler service that runs inside the sandbox, as one long-lived `node` process: it loads
 * `typescript` from the module overlay once, then reads newline-delimited JSON requests from stdin
 * and answers each with one JSON line on stdout (JSON escapes line breaks, so a line is a whole
 * message). The compiler host reads the sandbox's `fs` (project files from the system driver's
 * filesystem, lib files from `/app/node_modules/typescript/lib`) and keeps parsed SourceFiles
 * across requests: one is reused only for the same path, the same text and the same options that
 * affect parsing and binding (TypeScript's own `sourceFileAffectingCompilerOptions`, the key its
 * DocumentRegistry uses).
 *
 * Kept as CommonJS source text. It must not contain the characters `import` + `(` anywhere (the
 * sandbox rewrites dynamic imports in sources that do), nor backticks or `${` (it is a template).
 */
export const SERVICE_CORE = String.raw`"use strict";
const ts = require("typescript");
const fs = require("fs");
const path = require("path");

const CATEGORIES = ["warning", "error", "suggestion", "message"];
const LIB_FOLDER = path.dirname(require.resolve("typescript/lib/lib.d.ts"));
/**
 * Parsed files kept across requests. Lib files: parse key -> (path -> { text, sourceFile }), the
 * most recently used LIB_KEYS keys (a full lib set with DOM is tens of MB parsed). Other files:
 * path + parse key -> { text, sourceFile }, up to PROJECT_CACHE_CHARS characters of text.
 */
const LIB_KEYS = 3;
const PROJECT_CACHE_CHARS = 16 * 1024 * 1024;
/**
 * The caches live on the global object: a compiler service may start from a V8 snapshot in which
 * this program already ran once (typescript loaded, the default lib files parsed and bound; see
 * drivers/node/host/typescript-snapshot.ts), and then it carries on with them.
 */
const state = globalThis.__secureExecTypeScriptService || { libCache: new Map(), projectCache: new Map(), cachedProjectChars: 0, libText: new Map() };
if (!globalThis.__secureExecTypeScriptService) Object.defineProperty(globalThis, "__secureExecTypeScriptService", { value: state, configurable: true });
const libCache = state.libCache;
const projectCache = state.projectCache;
/** Lib files are read-only (the overlay): their text is read once. */
const libText = state.libText;

function toDiagnostic(d) {
  const out = {
    code: d.code,
    category: CATEGORIES[d.category] || "error",
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  };
  if (d.file) {
    out.filePath = d.file.fileName;
    if (typeof d.start === "number") {
      const lc = ts.getLineAndCharacterOfPosition(d.file, d.start);
      out.line = lc.line + 1;
      out.column = lc.character + 1;
    }
  }
  return out;
}

function finish(result, diagnostics) {
  result.diagnostics = diagnostics.map(toDiagnostic);
  result.success = !result.diagnostics.some((d) => d.category === "error");
  return result;
}

function convertOptions(json, basePath) {
  return ts.convertCompilerOptionsFromJson(json || {}, basePath);
}

function parseKey(options, languageVersionOrOptions) {
  const v = languageVersionOrOptions;
  const settings = typeof v === "object" && v !== null ? [v.languageVersion, v.impliedNodeFormat, v.jsDocParsingMode] : [v];
  return ts.getKeyForCompilerOptions(options, ts.sourceFileAffectingCompilerOptions) + "|" + settings.join(",");
}

function isLibFile(fileName) {
  return fileName.startsWith(LIB_FOLDER + "/");
}

/** TypeScript's compiler host over the sandbox's fs, with the SourceFile cache and one in-memory file when given. */
function createHost(options, cwd, virtualFile) {
  const host = ts.createCompilerHost(options, true);
  // As tsc parses (since TypeScript 5.3): JSDoc only where it can matter to type errors (JS
  // files), not the documentation that fills the lib files (a third of the parse time).
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  host.getCurrentDirectory = () => cwd;
  const readFile = host.readFile;
  const fileExists = host.fileExists;
  host.readFile = (fileName) => {
    if (virtualFile && fileName === virtualFile.filePath) return virtualFile.sourceText;
    if (isLibFile(fileName)) {
      if (!libText.has(fileName)) libText.set(fileName, readFile.call(host, fileName));
      return libText.get(fileName);
    }
    return readFile.call(host, fileName);
  };
  host.fileExists = (fileName) => (virtualFile && fileName === virtualFile.filePath) || (isLibFile(fileName) && libText.get(fileName) !== undefined) || fileExists.call(host, fileName);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    let text;
    try {
      text = host.readFile(fileName);
    } catch (e) {
      if (onError) onError(e.message);
      text = "";
    }
    if (text === undefined) return undefined;
    if (virtualFile && fileName === virtualFile.filePath) return ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
    const key = parseKey(options, languageVersionOrOptions);
    if (isLibFile(fileName)) {
      let files = libCache.get(key);
      if (files) libCache.delete(key);
      else files = new Map();
      libCache.set(key, files);
      while (libCache.size > LIB_KEYS) libCache.delete(libCache.keys().next().value);
      const hit = files.get(fileName);
      if (hit && hit.text === text) return hit.sourceFile;
      // No parent pointers up front (as tsc): binding sets them, and lib files are large.
      const sourceFile = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
      files.set(fileName, { text, sourceFile });
      return sourceFile;
    }
    const projectKey = fileName + "\0" + key;
    const hit = projectCache.get(projectKey);
    if (hit && hit.text === text) return hit.sourceFile;
    const sourceFile = ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
    if (hit) state.cachedProjectChars -= hit.text.length;
    if (state.cachedProjectChars + text.length > PROJECT_CACHE_CHARS) {
      projectCache.clear();
      state.cachedProjectChars = 0;
    }
    if (text.length <= PROJECT_CACHE_CHARS) {
      projectCache.set(projectKey, { text, sourceFile });
      state.cachedProjectChars += text.length;
    }
    return sourceFile;
  };
  return host;
}

function sourceProgram(request) {
  const filePath = path.resolve(request.filePath);
  const cwd = path.dirname(filePath);
  const converted = convertOptions(request.compilerOptions, cwd);
  const host = createHost(converted.options, cwd, { filePath, sourceText: request.sourceText });
  const program = ts.createProgram({ rootNames: [filePath], options: converted.options, host });
  return { program, filePath, optionErrors: converted.errors };
}

/**
 * The diagnostics of one source, as an editor shows them: options, global, syntactic and semantic
 * ones of that file (TypeScript's getPreEmitDiagnostics for the file). The lib files and the
 * declarations it uses are not checked themselves, which is what makes a warm check fast.
 */
function sourceDiagnostics(program, filePath, optionErrors) {
  return optionErrors.concat(ts.getPreEmitDiagnostics(program, program.getSourceFile(filePath)));
}

function typecheckSource(request) {
  const { program, filePath, optionErrors } = sourceProgram(request);
  return finish({}, sourceDiagnostics(program, filePath, optionErrors));
}

function compileSource(request) {
  const { program, filePath, optionErrors } = sourceProgram(request);
  const result = {};
  const diagnostics = sourceDiagnostics(program, filePath, optionErrors);
  const source = program.getSourceFile(filePath);
  const emitted = program.emit(source, (fileName, text) => {
    if (/\.d\.[cm]?tsx?$/.test(fileName)) result.declarationText = text;
    else if (/\.map$/.test(fileName)) result.sourceMapText = text;
    else result.outputText = text;
  });
  return finish(result, diagnostics.concat(emitted.diagnostics));
}

function parseProject(request) {
  const cwd = path.resolve(request.cwd);
  const configFilePath = path.resolve(cwd, request.configFilePath || "tsconfig.json");
  const unrecoverable = [];
  const parseHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: ts.sys.readDirectory,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    getCurrentDirectory: () => cwd,
    onUnRecoverableConfigFileDiagnostic: (d) => unrecoverable.push(d),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFilePath, undefined, parseHost);
  if (!parsed) return { unrecoverable };
  const host = createHost(parsed.options, cwd);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  return { program, host, unrecoverable };
}

function typecheckProject(request) {
  const { program, unrecoverable } = parseProject(request);
  if (!program) return finish({}, unrecoverable);
  return finish({}, ts.getPreEmitDiagnostics(program));
}

function compileProject(request) {
  const { program, host, unrecoverable } = parseProject(request);
  if (!program) return finish({ emittedFiles: [] }, unrecoverable);
  return emitProgram(program, host, ts.getPreEmitDiagnostics(program));
}

/** Emits a program's files into the sandbox's filesystem; answers the diagnostics and the files. */
function emitProgram(program, host, diagnostics) {
  const emittedFiles = [];
  const emitted = program.emit(undefined, (fileName, text, writeByteOrderMark) => {
    fs.mkdirSync(path.dirname(fileName), { recursive: true });
    host.writeFile(fileName, text, writeByteOrderMark);
    emittedFiles.push(fileName);
  });
  return finish({ emittedFiles, emitSkipped: emitted.emitSkipped }, diagnostics.concat(emitted.diagnostics));
}

/**
 * The tsc command with files named: one program of all of them (as given, from cwd), checked as
 * tsc checks it (every file) and emitted unless noEmit.
 */
function compileFiles(request) {
  const cwd = path.resolve(request.cwd);
  // Relative names stay as given (tsc prints them so) and resolve from cwd, as in tsc's process.
  process.chdir(cwd);
  const converted = convertOptions(request.compilerOptions, cwd);
  const options = converted.options;
  const host = createHost(options, cwd);
  const program = ts.createProgram({ rootNames: request.files, options, host });
  return emitProgram(program, host, converted.errors.concat(ts.getPreEmitDiagnostics(program)));
}

const operations = { typecheckSource, compileSource, typecheckProject, compileProject, compileFiles };
`;

/** Reads requests on stdin and answers them, one JSON line each (after SERVICE_CORE). */
const SERVICE_LOOP = String.raw`
function answer(line) {
  let result;
  try {
    const request = JSON.parse(line);
    result = operations[request.operation](request);
  } catch (error) {
    const message = error && error.message ? String(error.message) : String(error);
    result = {
      success: false,
      diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler failed: " + message }],
    };
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

// Requests: one JSON document per line. Chunks are kept as bytes until a line is whole, so a
// character split across chunks is decoded once complete.
let chunks = [];
process.stdin.on("data", (chunk) => {
  let start = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, start)) {
    chunks.push(chunk.subarray(start, at));
    const line = Buffer.concat(chunks).toString("utf8");
    chunks = [];
    start = at + 1;
    if (line.trim() !== "") answer(line);
  }
  if (start < chunk.length) chunks.push(chunk.subarray(start));
});
process.stdin.on("end", () => process.exit(0));
// "preloaded": started from a snapshot in which typescript was loaded and the default libs parsed.
process.stdout.write(JSON.stringify({ ready: true, pid: process.pid, preloaded: libCache.size > 0 }) + "\n");
`;

export const SERVICE_PROGRAM = SERVICE_CORE + SERVICE_LOOP;

/**
 * What a V8 snapshot of a compiler service runs once (after SERVICE_CORE): the lib files' text
 * from `__secureExecWarmupLibs` (name -> text), then a type check with the default options, so
 * that typescript is loaded and the default lib files are parsed and bound in the snapshot.
 */
export const SERVICE_WARMUP =
  SERVICE_CORE +
  String.raw`
for (const [name, text] of Object.entries(globalThis.__secureExecWarmupLibs || {})) libText.set(LIB_FOLDER + "/" + name, text);
const warm = typecheckSource({ filePath: "/__secure_exec_warmup__.ts", sourceText: "export const warm: number = 1;\n" });
if (!warm.success) throw new Error("TypeScript warm-up failed: " + JSON.stringify(warm.diagnostics));
`;
