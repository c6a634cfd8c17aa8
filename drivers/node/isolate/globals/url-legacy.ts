/**
 * Node's legacy URL API: `url.parse`, `url.format` of url-like objects, `url.resolve`,
 * `url.resolveObject` and the `Url` class, as Node 22 behaves: lenient parsing that splits a URL
 * into protocol, auth, host, path, query and hash without validating much, a hostname made ASCII
 * (and ERR_INVALID_URL when that leaves a character no host may have), DEP0170 for a port that is
 * not a number, and RFC 1808-style resolution with its quirks for URLs without `//`.
 */
import { codedError } from "../errors.js";
import { invalidArgType } from "../builtins/fs-errors.js";
import { createQuerystring } from "../builtins/querystring.js";
import { domainToASCII } from "./url-encoding.js";

type Query = string | Record<string, unknown> | null;

export interface Url {
  protocol: string | null;
  slashes: boolean | null;
  auth: string | null;
  host: string | null;
  port: string | null;
  hostname: string | null;
  hash: string | null;
  search: string | null;
  query: Query;
  pathname: string | null;
  path: string | null;
  href: string | null;
  parse(url: unknown, parseQueryString?: unknown, slashesDenoteHost?: unknown): Url;
  format(): string;
  resolve(relative: string): string;
  resolveObject(relative: unknown): Url;
  parseHost(): void;
}

/** Protocols whose URLs have `//` and a host, with or without their colon. */
const SLASHED = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:"]);
/** Protocols that never have a host, and whose rest is left unescaped. */
const HOSTLESS = new Set(["javascript", "javascript:"]);

const PROTOCOL = /^[a-z0-9.+-]+:/i;
/** `//user@host` without a protocol still names a host. */
const AUTH_AND_HOST = /^\/\/[^@/]+@[^@/]+/;
/** A bare path (and query), which takes no further parsing. */
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const PORT = /:[0-9]*$/;
/** Characters that end a host without being part of what follows it... */
const NOT_IN_HOST = new Set(" \"%';<>\\^`{|}");
/** ...and those that start what follows it. */
const AFTER_HOST = new Set("#/?");
/** A character in the hostname Node cuts it at (the rest goes to the path). */
const HOSTNAME_END = new Set("/\\#?:");
const FORBIDDEN_HOST = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_IPV6_HOST = /[\0\t\n\r #%/<>?@\\^|]/;
const MAX_HOSTNAME = 255;
/** What the rest of a URL gets percent-encoded for, even where encodeURIComponent would not. */
const AUTO_ESCAPE: Record<string, string> = {
  "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D",
};

let querystring: { parse(text: string): Record<string, unknown>; stringify(object: unknown): string } | undefined;
const qs = () => (querystring ??= createQuerystring() as unknown as NonNullable<typeof querystring>);

let warnedInvalidPort = false;

/** Leading and trailing characters Node drops: controls, space, no-break space and BOM. */
const isBlank = (code: number) => code <= 0x20 || code === 0xa0 || code === 0xfeff;

function invalidUrl(input: string): Error {
  const error = codedError("ERR_INVALID_URL", "Invalid URL", TypeError) as Error & { input?: string };
  error.input = input;
  return error;
}

const isIpv6Hostname = (hostname: string) => hostname.startsWith("[") && hostname.endsWith("]");

/**
 * The trimmed URL with backslashes before its query or hash read as slashes, and whether it has
 * a `#` or an `@` (an `@` counts only before the query or hash).
 */
function prepare(url: string): { text: string; hasHash: boolean; hasAt: boolean } {
  let start = 0;
  let end = url.length;
  while (start < end && isBlank(url.charCodeAt(start))) start++;
  while (end > start && isBlank(url.charCodeAt(end - 1))) end--;
  const trimmed = url.slice(start, end);
  const split = trimmed.search(/[?#]/);
  const head = split === -1 ? trimmed : trimmed.slice(0, split);
  const tail = split === -1 ? "" : trimmed.slice(split);
  return { text: head.replace(/\\/g, "/") + tail, hasHash: trimmed.includes("#"), hasAt: head.includes("@") };
}

/**
 * Splits `rest` at the end of the host; returns the auth, the host and what follows. Tabs and
 * newlines before the path, query or hash are dropped, as the WHATWG parser drops them.
 */
function splitAuthority(text: string): { auth: string | null; host: string; after: string } {
  const pathStart = text.search(/[#/?]/);
  const rest = pathStart === -1 ? text.replace(/[\t\n\r]/g, "") : text.slice(0, pathStart).replace(/[\t\n\r]/g, "") + text.slice(pathStart);
  let at = -1;
  let end = -1;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    if (AFTER_HOST.has(char)) {
      if (end === -1) end = i;
      break;
    }
    if (char === "@") {
      at = i;
      end = -1;
    } else if (NOT_IN_HOST.has(char) && end === -1) end = i;
  }
  const hostStart = at === -1 ? 0 : at + 1;
  return {
    auth: at === -1 ? null : decodeURIComponent(rest.slice(0, at)),
    host: end === -1 ? rest.slice(hostStart) : rest.slice(hostStart, end),
    after: end === -1 ? "" : rest.slice(end),
  };
}

/** A Url's own properties, in Node's order. */
const FIELDS = ["protocol", "slashes", "auth", "host", "port", "hostname", "hash", "search", "query", "pathname", "path", "href"] as const;

function Url(this: Url | undefined): void {
  if (!(this instanceof Url)) return;
  for (const field of FIELDS) (this as unknown as Record<string, null>)[field] = null;
}

const UrlClass = Url as unknown as { new (): Url; prototype: Url };

/** The query of `search` (without its `?`), as a string or parsed. */
function queryOf(search: string, parseQueryString: unknown): Query {
  const text = search.slice(1);
  return parseQueryString ? qs().parse(text) : text;
}

function parse(this: Url, url: unknown, parseQueryString?: unknown, slashesDenoteHost?: unknown): Url {
  if (typeof url !== "string") throw invalidArgType("url", "string", url);
  const { text, hasHash, hasAt } = prepare(url);
  let rest = text;
  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple) {
      this.path = this.href = rest;
      this.pathname = simple[1]!;
      if (simple[2]) {
        this.search = simple[2];
        this.query = queryOf(simple[2], parseQueryString);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  const protocol = PROTOCOL.exec(rest)?.[0];
  const scheme = protocol?.toLowerCase();
  if (protocol) {
    this.protocol = scheme!;
    rest = rest.slice(protocol.length);
  }
  let slashes = false;
  if (slashesDenoteHost || protocol || AUTH_AND_HOST.test(rest)) {
    slashes = rest.startsWith("//");
    if (slashes && !(scheme && HOSTLESS.has(scheme))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  const hostless = scheme !== undefined && HOSTLESS.has(scheme);
  if (!hostless && (slashes || (protocol !== undefined && !SLASHED.has(protocol)))) {
    const { auth, host, after } = splitAuthority(rest);
    if (auth !== null) this.auth = auth;
    this.host = host;
    rest = after;
    this.parseHost();
    this.hostname ??= "";
    const ipv6 = isIpv6Hostname(this.hostname);
    if (!ipv6) rest = this.hostname !== "" ? cutHostname(this, url) + rest : rest;
    this.hostname = this.hostname.length > MAX_HOSTNAME ? "" : this.hostname.toLowerCase();
    if (this.hostname !== "") {
      if (ipv6) {
        if (FORBIDDEN_IPV6_HOST.test(this.hostname)) throw invalidUrl(url);
      } else {
        this.hostname = domainToASCII(this.hostname) ?? "";
        // Making the hostname ASCII cannot be allowed to empty it or bring in what no host has.
        if (this.hostname === "" || FORBIDDEN_HOST.test(this.hostname)) throw invalidUrl(url);
      }
    }
    this.host = this.hostname + (this.port ? `:${this.port}` : "");
    if (ipv6) {
      this.hostname = this.hostname.slice(1, -1);
      if (!rest.startsWith("/")) rest = `/${rest}`;
    }
  }

  if (!hostless) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (char) => AUTO_ESCAPE[char]!);

  const hash = rest.indexOf("#");
  if (hash !== -1) {
    this.hash = rest.slice(hash);
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf("?");
  if (question !== -1) {
    this.search = rest.slice(question);
    this.query = queryOf(this.search, parseQueryString);
    rest = rest.slice(0, question);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  if (rest.length > 0) this.pathname = rest;
  if (scheme && SLASHED.has(scheme) && this.hostname && !this.pathname) this.pathname = "/";
  if (this.pathname || this.search) this.path = (this.pathname ?? "") + (this.search ?? "");
  this.href = this.format();
  return this;
}

/**
 * Cuts the hostname at the first character that cannot be in it (`:` of a port that is not a
 * number, a slash, ...) and returns what was cut off, as the start of the path.
 */
function cutHostname(target: Url, input: string): string {
  const hostname = target.hostname!;
  for (let i = 0; i < hostname.length; i++) {
    const char = hostname[i]!;
    if (!HOSTNAME_END.has(char)) continue;
    if (char === ":" && !warnedInvalidPort) {
      warnedInvalidPort = true;
      const process = (globalThis as { process?: { emitWarning?(message: string, type: string, code: string): void } }).process;
      process?.emitWarning?.(`The URL ${input} is invalid. Future versions of Node.js will throw an error.`, "DeprecationWarning", "DEP0170");
    }
    target.hostname = hostname.slice(0, i);
    return `/${hostname.slice(i)}`;
  }
  return "";
}

function parseHost(this: Url): void {
  let host = this.host ?? "";
  const port = PORT.exec(host)?.[0];
  if (port !== undefined) {
    if (port !== ":") this.port = port.slice(1);
    host = host.slice(0, host.length - port.length);
  }
  if (host) this.hostname = host;
}

/** The legacy format of a url-like object. */
function format(this: Url): string {
  const text = (value: unknown) => (value ? String(value) : "");
  let auth = text(this.auth);
  if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/gi, ":")}@`;
  let protocol = text(this.protocol);
  let pathname = text(this.pathname);
  let hash = text(this.hash);
  let host = "";
  if (this.host) host = auth + this.host;
  else if (this.hostname) {
    const hostname = String(this.hostname);
    host = auth + (hostname.includes(":") && !isIpv6Hostname(hostname) ? `[${hostname}]` : hostname);
    if (this.port) host += `:${this.port}`;
  }
  const query = this.query !== null && typeof this.query === "object" ? qs().stringify(this.query) : "";
  let search = text(this.search) || (query && `?${query}`) || "";
  if (protocol && !protocol.endsWith(":")) protocol += ":";
  pathname = pathname.replace(/[#?]/g, (char) => (char === "#" ? "%23" : "%3F"));
  if (this.slashes || SLASHED.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && !pathname.startsWith("/")) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol === "file:") {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && !hash.startsWith("#")) hash = `#${hash}`;
  if (search && !search.startsWith("?")) search = `?${search}`;
  return protocol + host + pathname + search + hash;
}

function resolve(this: Url, relative: string): string {
  return this.resolveObject(urlParse(relative, false, true)).format();
}

/** Moves `user@host` found in a host back into auth and host. */
function splitAuthFromHost(result: Url): void {
  const host = result.host;
  if (!host || host.indexOf("@") <= 0) return;
  const [auth, hostname] = host.split("@") as [string, string];
  result.auth = auth;
  result.host = result.hostname = hostname;
}

const setPath = (result: Url) => {
  if (result.pathname !== null || result.search !== null) result.path = (result.pathname ?? "") + (result.search ?? "");
};

function resolveObject(this: Url, relativeArg: unknown): Url {
  const relative = typeof relativeArg === "string" ? urlParse(relativeArg, false, true) : (relativeArg as Url);
  const result = new UrlClass();
  const done = () => {
    result.href = result.format();
    return result;
  };
  Object.assign(result, Object.fromEntries(Object.keys(this).map((key) => [key, (this as unknown as Record<string, unknown>)[key]])));
  result.hash = relative.hash;
  if (relative.href === "") return done();

  // `//host/path`: everything but the protocol comes from the relative URL.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== "protocol") (result as unknown as Record<string, unknown>)[key] = (relative as unknown as Record<string, unknown>)[key];
    if (result.protocol && SLASHED.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
    return done();
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    // Another protocol: unknown ones take the relative URL as it is; known ones take its parts,
    // finding a host in the path when there is none (except for file: and hostless ones).
    if (!SLASHED.has(relative.protocol)) {
      Object.assign(result, Object.fromEntries(Object.keys(relative).map((key) => [key, (relative as unknown as Record<string, unknown>)[key]])));
      return done();
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !HOSTLESS.has(relative.protocol)) {
      const parts = (relative.pathname ?? "").split("/");
      let host: string | undefined;
      while (parts.length > 0 && !(host = parts.shift()));
      relative.host = host || "";
      relative.hostname ||= "";
      if (parts[0] !== "") parts.unshift("");
      if (parts.length < 2) parts.unshift("");
      result.pathname = parts.join("/");
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || "";
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
    result.slashes = result.slashes || relative.slashes;
    return done();
  }

  const sourceAbsolute = Boolean(result.pathname?.startsWith("/"));
  const relativeAbsolute = Boolean(relative.host || relative.pathname?.startsWith("/"));
  let mustEndAbsolute: unknown = relativeAbsolute || sourceAbsolute || (result.host && relative.pathname);
  const removeAllDots = mustEndAbsolute;
  let sourcePath: string[] = result.pathname ? result.pathname.split("/") : [];
  const relativePath: string[] = relative.pathname ? relative.pathname.split("/") : [];
  // A URL without `//` (mailto:, ...): its host is taken as the first part of the path, so that
  // `..` can climb up to it; it is put back at the end.
  const pathHoldsHost = Boolean(result.protocol && !SLASHED.has(result.protocol));
  if (pathHoldsHost) {
    result.hostname = "";
    result.port = null;
    if (result.host) {
      if (sourcePath[0] === "") sourcePath[0] = result.host;
      else sourcePath.unshift(result.host);
    }
    result.host = "";
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relativePath[0] === "") relativePath[0] = relative.host;
        else relativePath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbsolute = mustEndAbsolute && (relativePath[0] === "" || sourcePath[0] === "");
  }

  if (relativeAbsolute) {
    if (relative.host || relative.host === "") {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === "") {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    sourcePath = relativePath;
  } else if (relativePath.length > 0) {
    // A relative path replaces the last part of the source's.
    sourcePath.pop();
    sourcePath = sourcePath.concat(relativePath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a query: the source's path stays.
    if (pathHoldsHost) {
      // (undefined when the path is empty, as in Node)
      result.hostname = result.host = sourcePath.shift() as string;
      splitAuthFromHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    setPath(result);
    return done();
  }

  if (sourcePath.length === 0) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    return done();
  }

  // A path ending in `.` or `..` (or empty) keeps a trailing slash.
  let last = sourcePath[sourcePath.length - 1];
  const trailingSlash = ((result.host || relative.host || sourcePath.length > 1) && (last === "." || last === "..")) || last === "";
  let up = 0;
  for (let i = sourcePath.length - 1; i >= 0; i--) {
    last = sourcePath[i];
    if (last === ".") sourcePath.splice(i, 1);
    else if (last === "..") {
      sourcePath.splice(i, 1);
      up++;
    } else if (up) {
      sourcePath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbsolute && !removeAllDots) while (up--) sourcePath.unshift("..");
  if (mustEndAbsolute && sourcePath[0] !== "" && !sourcePath[0]?.startsWith("/")) sourcePath.unshift("");
  if (trailingSlash && !sourcePath.join("/").endsWith("/")) sourcePath.push("");
  const absolute = sourcePath[0] === "" || Boolean(sourcePath[0]?.startsWith("/"));

  if (pathHoldsHost) {
    result.hostname = result.host = absolute ? "" : (sourcePath.shift() ?? "");
    splitAuthFromHost(result);
  }
  mustEndAbsolute = mustEndAbsolute || (result.host && sourcePath.length);
  if (mustEndAbsolute && !absolute) sourcePath.unshift("");
  if (sourcePath.length > 0) result.pathname = sourcePath.join("/");
  else result.pathname = result.path = null;
  setPath(result);
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return done();
}

// Node's Url methods are plain (enumerable) prototype properties.
Object.assign(UrlClass.prototype, { parse, format, resolve, resolveObject, parseHost });

export { UrlClass as Url };

export function urlParse(url: unknown, parseQueryString?: unknown, slashesDenoteHost?: unknown): Url {
  if (url instanceof UrlClass) return url;
  return new UrlClass().parse(url, parseQueryString, slashesDenoteHost);
}

export function urlResolve(source: unknown, relative: unknown): string {
  return urlParse(source, false, true).resolve(relative as string);
}

export function urlResolveObject(source: unknown, relative: unknown): Url | unknown {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

/** The legacy format: of a string (parsed first) or of any url-like object. */
export function formatLegacy(urlObject: string | object): string {
  const target = typeof urlObject === "string" ? urlParse(urlObject) : urlObject;
  return format.call(target as Url);
}
