export { createKernel } from "./kernel.js";
export { KernelError, type KernelErrorCode } from "./errors.js";
export { TIMEOUT_EXIT_CODE } from "./exec.js";
export { PIPE_CAPACITY } from "./pipe.js";
export type * from "./types.js";
export { parse as parseCommandLine } from "./shell/parse.js";
export { ShellSyntaxError } from "./shell/ast.js";
export type * from "./shell/ast.js";
