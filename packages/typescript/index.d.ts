// @secure-exec/typescript: filled by the typescript driver (see the project's open issues); until then it
// re-exports the core so that imports resolve.
export * from "../../dist/index.js";
