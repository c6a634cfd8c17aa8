/** The `url` builtin: the WHATWG classes, file URL helpers, domain helpers and a basic `format`. */
import { invalidArgType, validateObject } from "../builtins/fs-errors.js";
import { fileURLToPath, isURL, pathToFileURL } from "./file-url.js";
import { domainToASCII, domainToUnicode } from "./url-encoding.js";
import { URL, URLSearchParams } from "./url.js";

const SLASHED = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);

function queryString(query: Record<string, unknown>): string {
  const value = (item: unknown) =>
    typeof item === "string" ? item : (typeof item === "number" && Number.isFinite(item)) || typeof item === "bigint" || typeof item === "boolean" ? String(item) : "";
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const items = Array.isArray(query[key]) ? (query[key] as unknown[]) : [query[key]];
    for (const item of items) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value(item))}`);
  }
  return parts.join("&");
}

/** The legacy url.format of a url-like object. */
function formatObject(object: Record<string, unknown>): string {
  const text = (key: string) => (typeof object[key] === "string" || typeof object[key] === "number" ? String(object[key]) : "");
  let auth = text("auth");
  if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ":")}@`;
  let protocol = text("protocol");
  let pathname = text("pathname");
  let hash = text("hash");
  let host = "";
  if (object.host) host = auth + text("host");
  else if (object.hostname) {
    const hostname = text("hostname");
    host = auth + (hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname);
    if (object.port) host += `:${text("port")}`;
  }
  const query = object.query !== null && typeof object.query === "object" ? queryString(object.query as Record<string, unknown>) : "";
  let search = text("search") || (query && `?${query}`) || "";
  if (protocol && !protocol.endsWith(":")) protocol += ":";
  pathname = pathname.replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (object.slashes || SLASHED.has(protocol)) {
    if (object.slashes || host) {
      if (pathname && !pathname.startsWith("/")) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol === "file:") host = "//";
  }
  search = search.replace(/#/g, "%23");
  if (hash && !hash.startsWith("#")) hash = `#${hash}`;
  if (search && !search.startsWith("?")) search = `?${search}`;
  return protocol + host + pathname + search + hash;
}

export function format(urlObject: unknown, options?: unknown): string {
  if (isURL(urlObject) && urlObject instanceof URL) {
    if (options !== undefined) validateObject(options, "options");
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
  if (typeof urlObject === "string") return URL.canParse(urlObject) ? new URL(urlObject).href : urlObject;
  if (urlObject === null || typeof urlObject !== "object") throw invalidArgType("urlObject", ["Object", "string"], urlObject);
  return formatObject(urlObject as Record<string, unknown>);
}

export function createUrlModule(): Record<string, unknown> {
  return {
    URL,
    URLSearchParams,
    format,
    domainToASCII: (domain: unknown) => domainToASCII(String(domain)) ?? "",
    domainToUnicode: (domain: unknown) => domainToUnicode(String(domain)),
    pathToFileURL,
    fileURLToPath,
  };
}
