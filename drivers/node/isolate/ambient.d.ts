// Declarations for what V8 offers inside the isolate and the untyped packages the bundle uses.
interface ErrorConstructor {
  captureStackTrace?(target: object, constructorOpt?: unknown): void;
  stackTraceLimit?: number;
}

declare module "cjs-module-lexer/lexer.js" {
  export function parse(source: string, name?: string): { exports: string[]; reexports: string[] };
}

// Polyfill packages bundled for the builtin modules (stream, string_decoder); typed where used.
declare module "readable-stream";
declare module "string_decoder/";
declare module "process/" {
  const process: Record<string, unknown>;
  export default process;
}
