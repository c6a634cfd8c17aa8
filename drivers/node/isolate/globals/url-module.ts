/** The `url` builtin: the WHATWG classes, the legacy API (url-legacy.ts), file URL and domain helpers. */
import { invalidArgType, validateObject } from "../builtins/fs-errors.js";
import { fileURLToPath, isURL, pathToFileURL } from "./file-url.js";
import { domainToASCII, domainToUnicode, percentDecodeBytes } from "./url-encoding.js";
import { URL, URLSearchParams } from "./url.js";
import { formatLegacy, Url, urlParse, urlResolve, urlResolveObject } from "./url-legacy.js";

export function format(urlObject: unknown, options?: unknown): string {
  if (isURL(urlObject) && urlObject instanceof URL) {
    if (options) validateObject(options, "options");
    const { auth = true, fragment = true, search = true, unicode = false } = (options ?? {}) as Record<string, boolean>;
    let out = urlObject.protocol;
    if (urlObject.href.startsWith(`${urlObject.protocol}//`)) {
      out += "//";
      if (auth && (urlObject.username || urlObject.password)) {
        out += urlObject.username;
        if (urlObject.password) out += `:${urlObject.password}`;
        out += "@";
      }
      out += unicode ? domainToUnicode(urlObject.hostname) : urlObject.hostname;
      if (urlObject.port) out += `:${urlObject.port}`;
    }
    out += urlObject.pathname;
    if (search) out += urlObject.search;
    if (fragment) out += urlObject.hash;
    return out;
  }
  if (typeof urlObject !== "string" && (urlObject === null || typeof urlObject !== "object")) throw invalidArgType("urlObject", ["Object", "string"], urlObject);
  return formatLegacy(urlObject);
}

/** fileURLToPath's path as the bytes its escapes stand for (which need not be UTF-8). */
function fileURLToPathBuffer(url: unknown): unknown {
  try {
    fileURLToPath(url);
  } catch (error) {
    // The checks of the URL are fileURLToPath's, but for encoded slashes; the bytes need not decode.
    if (!(error instanceof URIError) && (error as { code?: unknown }).code !== "ERR_INVALID_FILE_URL_PATH") throw error;
  }
  const { pathname } = typeof url === "string" ? new URL(url) : (url as URL);
  return (globalThis as unknown as { Buffer: { from(bytes: Uint8Array): unknown } }).Buffer.from(percentDecodeBytes(pathname));
}

/** The options of http.request() for a WHATWG URL (and whatever own properties it was given). */
function urlToHttpOptions(url: unknown): Record<string, unknown> {
  if (url === null || typeof url !== "object") throw invalidArgType("url", "object", url);
  const { protocol, hostname, hash, search, pathname, href, port, username, password } = url as URL;
  const options: Record<string, unknown> = {
    __proto__: null,
    ...url,
    protocol,
    hostname: typeof hostname === "string" && hostname.startsWith("[") ? hostname.slice(1, -1) : hostname,
    hash,
    search,
    pathname,
    path: `${pathname || ""}${search || ""}`,
    href,
  };
  if (port !== "") options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

export function createUrlModule(): Record<string, unknown> {
  return {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format,
    URL,
    URLSearchParams,
    domainToASCII: (domain: unknown) => domainToASCII(String(domain)) ?? "",
    domainToUnicode: (domain: unknown) => domainToUnicode(String(domain)),
    pathToFileURL,
    fileURLToPath,
    fileURLToPathBuffer,
    urlToHttpOptions,
  };
}
