/**
 * `tsc` as a kernel command: `tsc -p DIR`, `tsc [--noEmit] [--option value...] FILE...`,
 * `tsc --version`. Diagnostics print as tsc prints them when not on a terminal
 * (`file(line,col): error TSnnnn: message`, paths relative to the cwd) and the exit status is
 * tsc's: 0 clean, 2 with errors, 1 for a configuration error. The compiler runs in the sandbox
 * (createTypeScriptTools) on the kernel's own filesystem.
 */
import { posix } from "node:path";
import type { ProcessContext, RuntimeDriver } from "../../syscalls/driver.js";
import type { FileSystemBackend } from "../../syscalls/fs-types.js";
import { createNodeDriver, createNodeRuntimeDriverFactory } from "../node/index.js";
import { COMPILE_FILES, createTypeScriptTools, type TypeScriptDiagnostic, type TypeScriptResult, type TypeScriptTools } from "./tools.js";

export const TSC_DRIVER_NAME = "typescript";
const TYPESCRIPT_VERSION = "6.0.3";

/** Compiler options that take a value; every other `--flag` is a boolean (unless given true/false). */
const VALUE_OPTIONS = new Set([
  "target", "module", "moduleResolution", "moduleDetection", "lib", "jsx", "jsxFactory", "jsxFragmentFactory", "jsxImportSource",
  "outDir", "outFile", "rootDir", "rootDirs", "declarationDir", "baseUrl", "types", "typeRoots", "newLine", "tsBuildInfoFile",
  "sourceRoot", "mapRoot", "reactNamespace", "ignoreDeprecations", "customConditions", "moduleSuffixes", "maxNodeModuleJsDepth",
]);
const LIST_OPTIONS = new Set(["lib", "types", "typeRoots", "rootDirs", "customConditions", "moduleSuffixes"]);

interface Parsed {
  project?: string;
  noEmit: boolean;
  ignoreConfig: boolean;
  files: string[];
  options: Record<string, unknown>;
  version: boolean;
}

function parseArgs(args: readonly string[]): Parsed | string {
  const parsed: Parsed = { noEmit: false, ignoreConfig: false, files: [], options: {}, version: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-v" || arg === "--version") parsed.version = true;
    else if (arg === "-p" || arg === "--project") {
      const value = args[++i];
      if (value === undefined) return "error TS6044: Compiler option 'project' expects an argument.";
      parsed.project = value;
    } else if (arg === "--noEmit") parsed.noEmit = true;
    else if (arg === "--ignoreConfig") parsed.ignoreConfig = true;
    else if (arg.startsWith("--")) {
      const name = arg.slice(2);
      const next = args[i + 1];
      if (VALUE_OPTIONS.has(name)) {
        if (next === undefined) return `error TS6044: Compiler option '${name}' expects an argument.`;
        i++;
        parsed.options[name] = LIST_OPTIONS.has(name) ? next.split(",") : /^\d+$/.test(next) ? Number(next) : next;
      } else if (next === "true" || next === "false") {
        i++;
        parsed.options[name] = next === "true";
      } else parsed.options[name] = true;
    } else if (arg.startsWith("-")) return `error TS5023: Unknown compiler option '${arg}'.`;
    else parsed.files.push(arg);
  }
  return parsed;
}

export function formatDiagnostic(diagnostic: TypeScriptDiagnostic, cwd: string): string {
  const file = diagnostic.filePath === undefined ? undefined : posix.isAbsolute(diagnostic.filePath) ? posix.relative(cwd, diagnostic.filePath) || diagnostic.filePath : diagnostic.filePath;
  const where = file ? `${file}(${diagnostic.line},${diagnostic.column}): ` : "";
  return `${where}${diagnostic.category} TS${diagnostic.code}: ${diagnostic.message}\n`;
}

/**
 * tsc's exit status for a result: 0 without errors, 1 when errors kept the output from being
 * written (the service's `emitSkipped`; for a type check, errors that name no file, i.e.
 * configuration errors), else 2.
 */
function exitStatus(result: TypeScriptResult & { emitSkipped?: boolean }): number {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.category === "error");
  if (errors.length === 0) return 0;
  const skipped = result.emitSkipped ?? errors.every((diagnostic) => !diagnostic.filePath);
  return skipped ? 1 : 2;
}

export function createTscCommand(options: { memoryLimit?: number; cpuTimeLimitMs?: number } = {}): RuntimeDriver {
  let tools: TypeScriptTools | undefined;
  let filesystem: FileSystemBackend | undefined;
  const toolsFor = (): TypeScriptTools =>
    (tools ??= createTypeScriptTools({
      systemDriver: createNodeDriver({ filesystem, moduleOverlay: false }),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
      ...options,
    }));

  const report = async (process: ProcessContext, result: TypeScriptResult): Promise<number> => {
    for (const diagnostic of result.diagnostics) await process.stdout.write(formatDiagnostic(diagnostic, process.cwd));
    return exitStatus(result);
  };

  return {
    name: TSC_DRIVER_NAME,
    commands: ["tsc"],
    init(host) {
      filesystem = host.filesystem;
    },
    async run(process) {
      const parsed = parseArgs(process.argv.slice(1));
      if (typeof parsed === "string") {
        await process.stdout.write(`${parsed}\n`);
        return 1;
      }
      if (parsed.version) {
        await process.stdout.write(`Version ${TYPESCRIPT_VERSION}\n`);
        return 0;
      }
      const cwd = process.cwd;
      if (parsed.files.length === 0) {
        const target = posix.resolve(cwd, parsed.project ?? ".");
        const isFile = await process.sys.stat(target).then((stat) => stat.type === "file", () => false);
        const configFilePath = isFile ? target : posix.join(target, "tsconfig.json");
        if (!(await process.sys.exists(configFilePath))) {
          await process.stdout.write(`error TS5057: Cannot find a tsconfig.json file at the specified directory: '${parsed.project ?? "."}'.\n`);
          return 1;
        }
        const request = { cwd: posix.dirname(configFilePath), configFilePath };
        return report(process, parsed.noEmit ? await toolsFor().typecheckProject(request) : await toolsFor().compileProject(request));
      }
      if (!parsed.ignoreConfig && (await process.sys.exists(posix.join(cwd, "tsconfig.json")))) {
        await process.stdout.write("error TS5112: tsconfig.json is present but will not be loaded if files are specified on commandline. Use '--ignoreConfig' to skip this error.\n");
        return 1;
      }
      // One program of every file named, as tsc builds it.
      const compilerOptions = parsed.noEmit ? { ...parsed.options, noEmit: true } : parsed.options;
      return report(process, await toolsFor()[COMPILE_FILES]({ cwd, files: parsed.files, compilerOptions }));
    },
    dispose() {
      tools?.dispose();
    },
  };
}
