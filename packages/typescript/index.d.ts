// @secure-exec/typescript: createTypeScriptTools (the TypeScript compiler run inside a sandbox) and,
// for convenience, the rest of the package.
export { createTypeScriptTools } from "../../dist/index.js";
export * from "../../dist/index.js";
