/**
 * The program that runs inside the sandbox: it loads `typescript` from the module overlay, reads
 * the request (a JSON string literal put in front of it), runs the compiler with a compiler host
 * over the sandbox's `fs` (project files from the system driver's filesystem, lib files from
 * `/app/node_modules/typescript/lib`) and sets `module.exports` to the result, plain data only.
 *
 * Kept as CommonJS source text. It must not contain the characters `import` + `(` anywhere (the
 * sandbox rewrites dynamic imports in sources that do), nor backticks or `${` (it is a template).
 */
export const COMPILER_PROGRAM = String.raw`"use strict";
const ts = require("typescript");
const fs = require("fs");
const path = require("path");

const CATEGORIES = ["warning", "error", "suggestion", "message"];

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

/** A compiler host over the sandbox's fs, with one in-memory source file when given. */
function createHost(options, cwd, virtualFile) {
  const host = ts.createCompilerHost(options, true);
  host.getCurrentDirectory = () => cwd;
  if (virtualFile) {
    const { filePath, sourceText } = virtualFile;
    const getSourceFile = host.getSourceFile;
    const fileExists = host.fileExists;
    const readFile = host.readFile;
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) =>
      fileName === filePath
        ? ts.createSourceFile(fileName, sourceText, languageVersionOrOptions, true)
        : getSourceFile.call(host, fileName, languageVersionOrOptions, onError, shouldCreate);
    host.fileExists = (fileName) => fileName === filePath || fileExists.call(host, fileName);
    host.readFile = (fileName) => (fileName === filePath ? sourceText : readFile.call(host, fileName));
  }
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

function typecheckSource(request) {
  const { program, optionErrors } = sourceProgram(request);
  return finish({}, optionErrors.concat(ts.getPreEmitDiagnostics(program)));
}

function compileSource(request) {
  const { program, filePath, optionErrors } = sourceProgram(request);
  const result = {};
  const diagnostics = optionErrors.concat(ts.getPreEmitDiagnostics(program));
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
  const emittedFiles = [];
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const emitted = program.emit(undefined, (fileName, text, writeByteOrderMark) => {
    fs.mkdirSync(path.dirname(fileName), { recursive: true });
    host.writeFile(fileName, text, writeByteOrderMark);
    emittedFiles.push(fileName);
  });
  return finish({ emittedFiles }, diagnostics.concat(emitted.diagnostics));
}

const operations = { typecheckSource, compileSource, typecheckProject, compileProject };
try {
  module.exports = operations[request.operation](request);
} catch (error) {
  const message = error && error.message ? String(error.message) : String(error);
  module.exports = {
    success: false,
    diagnostics: [{ code: 0, category: "error", message: "TypeScript compiler failed: " + message }],
  };
}
`;
