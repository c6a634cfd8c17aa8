/**
 * secure-exec: a small virtual operating system for running untrusted code inside a Node.js
 * application. Everything public is exported from here.
 */
export * from "./syscalls/index.js";
export * from "./fs/index.js";
export * from "./kernel/index.js";
export { createBasicCommands } from "./plugins/basic-commands/index.js";
export * from "./drivers/node/index.js";
export * from "./drivers/typescript/index.js";
