/** @chainner/node-path: Node's own lib/path.js, packaged for other hosts (it ships no types). */
declare module "@chainner/node-path" {
  interface PathImplementation {
    resolve(...paths: string[]): string;
    normalize(path: string): string;
    isAbsolute(path: string): boolean;
    join(...paths: string[]): string;
    relative(from: string, to: string): string;
    toNamespacedPath(path: string): string;
    dirname(path: string): string;
    basename(path: string, suffix?: string): string;
    extname(path: string): string;
    format(pathObject: object): string;
    parse(path: string): { root: string; dir: string; base: string; ext: string; name: string };
    sep: string;
    delimiter: string;
  }
  const path: PathImplementation & { posix: PathImplementation; win32: PathImplementation };
  export default path;
}
