export * from "./syscalls/index.js";
