export * from "./table.js";
export * from "./errors.js";
export * from "./signals.js";
export type * from "./fs-types.js";
export { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR, S_IFIFO } from "./fs-types.js";
export type * from "./interfaces.js";
export type * from "./driver.js";
export { concatBytes } from "./bytes.js";
