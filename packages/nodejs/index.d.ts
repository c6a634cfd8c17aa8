// @secure-exec/nodejs: the Node runtime (createNodeRuntime, NodeRuntime, createNodeDriver,
// createNodeRuntimeDriverFactory, createV8Runtime) and, for convenience, the rest of the package.
export * from "../../dist/index.js";
