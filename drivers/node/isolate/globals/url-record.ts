/** The URL record of the WHATWG URL standard, its scheme helpers and its serializers. */
export interface URLRecord {
  scheme: string;
  username: string;
  password: string;
  /** The serialized host; null when the URL has none. */
  host: string | null;
  port: number | null;
  /** A list of segments, or a string for an opaque path. */
  path: string[] | string;
  query: string | null;
  fragment: string | null;
}

const SPECIAL: Record<string, number | null> = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
export const isSpecialScheme = (scheme: string) => Object.hasOwn(SPECIAL, scheme);
export const defaultPort = (scheme: string) => (isSpecialScheme(scheme) ? SPECIAL[scheme]! : null);
export const includesCredentials = (url: URLRecord) => url.username !== "" || url.password !== "";
export const hasOpaquePath = (url: URLRecord) => typeof url.path === "string";

export function newRecord(): URLRecord {
  return { scheme: "", username: "", password: "", host: null, port: null, path: [], query: null, fragment: null };
}

export function serializePath(url: URLRecord): string {
  if (typeof url.path === "string") return url.path;
  return url.path.map((segment) => `/${segment}`).join("");
}

export function serializeURL(url: URLRecord, excludeFragment = false): string {
  let output = `${url.scheme}:`;
  if (url.host !== null) {
    output += "//";
    if (includesCredentials(url)) output += `${url.username}${url.password ? `:${url.password}` : ""}@`;
    output += url.host;
    if (url.port !== null) output += `:${url.port}`;
  } else if (typeof url.path !== "string" && url.path.length > 1 && url.path[0] === "") output += "/.";
  output += serializePath(url);
  if (url.query !== null) output += `?${url.query}`;
  if (!excludeFragment && url.fragment !== null) output += `#${url.fragment}`;
  return output;
}
