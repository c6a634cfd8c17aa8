export { createNodeRuntime, parseNodeArgs, type NodeDriver, type NodeSessionOptions } from "./kernel-driver.js";
export {
  NodeRuntime,
  createNodeRuntimeDriverFactory,
  type ExecOptions as NodeExecOptions,
  type ExecResult as NodeExecResult,
  type NodeExecutionDriver,
  type NodeRuntimeDriverFactoryOptions,
  type NodeRuntimeOptionsWithDrivers,
  type RunResult,
  type RuntimeDriverFactory,
  type RuntimeDriverOptions,
  type StdioEvent,
  type StdioHook,
} from "./facade.js";
export { createNodeDriver, type NodeDriverOptions, type SystemDriver } from "./system-driver.js";
export { createV8Runtime, type V8Runtime, type V8RuntimeOptions } from "./v8-runtime.js";
export type { NodeRuntimeOptions } from "./options.js";
export { checkPermission, guardFileSystem, type Capability, type PermissionDecision, type PermissionPolicy, type PermissionRequest, type Permissions } from "./permissions.js";
export type { SessionLimit, SessionResult } from "./protocol.js";
export { LIMIT_EXIT_CODES } from "./limits.js";
export { createModuleOverlay, findNodeModules, MODULE_OVERLAY_PATH, type ModuleOverlayOption, type ModuleOverlayOptions } from "./overlay.js";
