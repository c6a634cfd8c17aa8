// @secure-exec/nodejs: filled by the nodejs driver (see the project's open issues); until then it
// re-exports the core so that imports resolve.
export * from "../../dist/index.js";
