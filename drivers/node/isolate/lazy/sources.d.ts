/** Libraries bundled on their own as source text by scripts/build.mjs (see ../lazy.ts). */
declare module "*/lazy/tr46.js" {
  const source: string;
  export default source;
}
declare module "*/lazy/pako.js" {
  const source: string;
  export default source;
}
declare module "*/lazy/diff.js" {
  const source: string;
  export default source;
}
declare module "*/lazy/minimatch.js" {
  const source: string;
  export default source;
}
declare module "*/lazy/noble.js" {
  const source: string;
  export default source;
}
