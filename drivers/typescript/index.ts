export {
  createTypeScriptTools,
  DEFAULT_TYPESCRIPT_CPU_TIME_LIMIT_MS,
  DEFAULT_TYPESCRIPT_IDLE_TIMEOUT_MS,
  DEFAULT_TYPESCRIPT_MEMORY_LIMIT_MB,
  type CompileProjectResult,
  type CompileSourceRequest,
  type CompileSourceResult,
  type ProjectRequest as TypeScriptProjectRequest,
  type TypecheckSourceRequest,
  type TypeScriptCompilerOptions,
  type TypeScriptDiagnostic,
  type TypeScriptResult,
  type TypeScriptTools,
  type TypeScriptToolsOptions,
} from "./tools.js";
export { createTscCommand, TSC_DRIVER_NAME } from "./tsc-command.js";
