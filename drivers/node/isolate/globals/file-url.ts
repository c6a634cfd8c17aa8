/** `fileURLToPath`, `pathToFileURL` and Node's duck-typed URL check, for `url` and `fs`. */
import { codedError } from "../errors.js";
import { invalidArgType } from "../builtins/fs-errors.js";
import { resolve } from "../path-utils.js";
import { URL } from "./url.js";

/** Node's isURL: an object with `href` and `protocol` that is not a legacy url.parse() result. */
export function isURL(value: unknown): value is URL {
  const candidate = value as { href?: unknown; protocol?: unknown; auth?: unknown; path?: unknown } | null | undefined;
  return Boolean(candidate?.href && candidate.protocol && candidate.auth === undefined && candidate.path === undefined);
}

export function fileURLToPath(value: unknown): string {
  let url: URL;
  if (typeof value === "string") url = new URL(value);
  else if (isURL(value)) url = value;
  else throw invalidArgType("path", ["string", "URL"], value);
  if (url.protocol !== "file:") throw codedError("ERR_INVALID_URL_SCHEME", "The URL must be of scheme file", TypeError);
  if (url.hostname !== "") throw codedError("ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux', TypeError);
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    const error = codedError("ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters", TypeError) as Error & { input?: unknown };
    error.input = url;
    throw error;
  }
  return decodeURIComponent(pathname);
}

export function pathToFileURL(path: unknown): URL {
  if (typeof path !== "string") throw invalidArgType("path", "string", path);
  const process = (globalThis as { process?: { cwd?: () => string } }).process;
  let resolved = resolve(process?.cwd?.() ?? "/", path);
  if (path.endsWith("/") && !resolved.endsWith("/")) resolved += "/";
  const url = new URL("file://");
  url.pathname = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09");
  return url;
}
