/** The WHATWG basic URL parser, with the state overrides the URL setters use. */
import { C0_CONTROL_SET, encodeCodePoint, encodeString, FRAGMENT_SET, PATH_SET, QUERY_SET, SPECIAL_QUERY_SET, USERINFO_SET } from "./url-encoding.js";
import { parseHost } from "./url-host.js";
import { defaultPort, hasOpaquePath, includesCredentials, isSpecialScheme, newRecord, type URLRecord } from "./url-record.js";

export enum State {
  SchemeStart = 1,
  Scheme,
  NoScheme,
  SpecialRelativeOrAuthority,
  PathOrAuthority,
  Relative,
  RelativeSlash,
  SpecialAuthoritySlashes,
  SpecialAuthorityIgnoreSlashes,
  Authority,
  Host,
  Hostname,
  Port,
  File,
  FileSlash,
  FileHost,
  PathStart,
  Path,
  OpaquePath,
  Query,
  Fragment,
}

const isAlpha = (c: string | undefined) => c !== undefined && /^[a-zA-Z]$/.test(c);
const isWindowsDriveLetter = (s: string) => /^[a-zA-Z][:|]$/.test(s);
const isNormalizedDriveLetter = (s: string) => /^[a-zA-Z]:$/.test(s);
const isSingleDot = (s: string) => s === "." || s.toLowerCase() === "%2e";
const isDoubleDot = (s: string) => /^(\.|%2e)(\.|%2e)$/i.test(s);

function startsWithDriveLetter(points: string[], at: number): boolean {
  if (points.length - at < 2 || !isWindowsDriveLetter(points[at]! + points[at + 1]!)) return false;
  const third = points[at + 2];
  return points.length - at === 2 || third === "/" || third === "\\" || third === "?" || third === "#";
}

/**
 * Where a URL that took its base's path and query goes at `c`: `?` starts a query, `#` a fragment,
 * anything else the path (read again from `c`, after `adjust` edits the path taken); undefined at
 * the end of the input.
 */
function afterBase(url: URLRecord, c: string | undefined, adjust: () => void): State | undefined {
  if (c === "?") {
    url.query = "";
    return State.Query;
  }
  if (c === "#") {
    url.fragment = "";
    return State.Fragment;
  }
  if (c === undefined) return undefined;
  url.query = null;
  adjust();
  return State.Path;
}

function shortenPath(url: URLRecord): void {
  const path = url.path as string[];
  if (url.scheme === "file" && path.length === 1 && isNormalizedDriveLetter(path[0]!)) return;
  path.pop();
}

/**
 * Parses `input` against `base`. With `override`, modifies `url` in place from that state (a
 * setter) and returns it, or null when the value was rejected.
 */
export function basicParse(input: string, base: URLRecord | null, url?: URLRecord, override?: State): URLRecord | null {
  if (!url) {
    url = newRecord();
    input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  }
  input = input.replace(/[\t\n\r]/g, "");
  const points = Array.from(input);
  let state = override ?? State.SchemeStart;
  let buffer = "";
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  const special = () => isSpecialScheme(url!.scheme);
  const path = () => url!.path as string[];

  for (let pointer = 0; ; pointer++) {
    const c = points[pointer];
    const eof = c === undefined;
    const remainingStartsWith = (s: string) => points[pointer + 1] === s;
    switch (state) {
      case State.SchemeStart:
        if (isAlpha(c)) {
          buffer += c!.toLowerCase();
          state = State.Scheme;
        } else if (override === undefined) {
          state = State.NoScheme;
          pointer--;
        } else return null;
        break;
      case State.Scheme:
        if (c !== undefined && /^[a-zA-Z0-9+\-.]$/.test(c)) buffer += c.toLowerCase();
        else if (c === ":") {
          if (override !== undefined) {
            if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
            if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
            if (url.scheme === "file" && url.host === "") return url;
          }
          url.scheme = buffer;
          if (override !== undefined) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return url;
          }
          buffer = "";
          if (url.scheme === "file") state = State.File;
          else if (special() && base && base.scheme === url.scheme) state = State.SpecialRelativeOrAuthority;
          else if (special()) state = State.SpecialAuthoritySlashes;
          else if (remainingStartsWith("/")) {
            state = State.PathOrAuthority;
            pointer++;
          } else {
            url.path = "";
            state = State.OpaquePath;
          }
        } else if (override === undefined) {
          buffer = "";
          state = State.NoScheme;
          pointer = -1;
        } else return null;
        break;
      case State.NoScheme:
        if (!base || (hasOpaquePath(base) && c !== "#")) return null;
        if (hasOpaquePath(base) && c === "#") {
          url.scheme = base.scheme;
          url.path = base.path;
          url.query = base.query;
          url.fragment = "";
          state = State.Fragment;
        } else {
          state = base.scheme !== "file" ? State.Relative : State.File;
          pointer--;
        }
        break;
      case State.SpecialRelativeOrAuthority:
        if (c === "/" && remainingStartsWith("/")) {
          state = State.SpecialAuthorityIgnoreSlashes;
          pointer++;
        } else {
          state = State.Relative;
          pointer--;
        }
        break;
      case State.PathOrAuthority:
        if (c === "/") state = State.Authority;
        else {
          state = State.Path;
          pointer--;
        }
        break;
      case State.Relative:
        url.scheme = base!.scheme;
        if (c === "/" || (special() && c === "\\")) state = State.RelativeSlash;
        else {
          Object.assign(url, { username: base!.username, password: base!.password, host: base!.host, port: base!.port });
          url.path = (base!.path as string[]).slice();
          url.query = base!.query;
          const next = afterBase(url, c, () => shortenPath(url));
          if (next !== undefined) state = next;
          if (next === State.Path) pointer--;
        }
        break;
      case State.RelativeSlash:
        if (special() && (c === "/" || c === "\\")) state = State.SpecialAuthorityIgnoreSlashes;
        else if (c === "/") state = State.Authority;
        else {
          Object.assign(url, { username: base!.username, password: base!.password, host: base!.host, port: base!.port });
          state = State.Path;
          pointer--;
        }
        break;
      case State.SpecialAuthoritySlashes:
        state = State.SpecialAuthorityIgnoreSlashes;
        if (c === "/" && remainingStartsWith("/")) pointer++;
        else pointer--;
        break;
      case State.SpecialAuthorityIgnoreSlashes:
        if (c !== "/" && c !== "\\") {
          state = State.Authority;
          pointer--;
        }
        break;
      case State.Authority:
        if (c === "@") {
          if (atSignSeen) buffer = `%40${buffer}`;
          atSignSeen = true;
          for (const char of buffer) {
            if (char === ":" && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            const encoded = encodeCodePoint(char, USERINFO_SET);
            if (passwordTokenSeen) url.password += encoded;
            else url.username += encoded;
          }
          buffer = "";
        } else if (eof || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
          if (atSignSeen && buffer === "") return null;
          pointer -= Array.from(buffer).length + 1;
          buffer = "";
          state = State.Host;
        } else buffer += c;
        break;
      case State.Host:
      case State.Hostname:
        if (override !== undefined && url.scheme === "file") {
          pointer--;
          state = State.FileHost;
        } else if (c === ":" && !insideBrackets) {
          if (buffer === "") return null;
          if (override === State.Hostname) return null;
          const host = parseHost(buffer, !special());
          if (host === null) return null;
          url.host = host;
          buffer = "";
          state = State.Port;
        } else if (eof || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
          pointer--;
          if (special() && buffer === "") return null;
          if (override !== undefined && buffer === "" && (includesCredentials(url) || url.port !== null)) return null;
          const host = parseHost(buffer, !special());
          if (host === null) return null;
          url.host = host;
          buffer = "";
          state = State.PathStart;
          if (override !== undefined) return url;
        } else {
          if (c === "[") insideBrackets = true;
          if (c === "]") insideBrackets = false;
          buffer += c;
        }
        break;
      case State.Port:
        if (c !== undefined && c >= "0" && c <= "9") buffer += c;
        else if (eof || c === "/" || c === "?" || c === "#" || (special() && c === "\\") || override !== undefined) {
          if (buffer !== "") {
            const port = parseInt(buffer, 10);
            if (port > 65535) return null;
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = "";
          }
          if (override !== undefined) return url;
          state = State.PathStart;
          pointer--;
        } else return null;
        break;
      case State.File:
        url.scheme = "file";
        url.host = "";
        if (c === "/" || c === "\\") state = State.FileSlash;
        else if (base && base.scheme === "file") {
          url.host = base.host;
          url.path = (base.path as string[]).slice();
          url.query = base.query;
          const next = afterBase(url, c, () => {
            if (!startsWithDriveLetter(points, pointer)) shortenPath(url);
            else url.path = [];
          });
          if (next !== undefined) state = next;
          if (next === State.Path) pointer--;
        } else {
          state = State.Path;
          pointer--;
        }
        break;
      case State.FileSlash:
        if (c === "/" || c === "\\") state = State.FileHost;
        else {
          if (base && base.scheme === "file") {
            url.host = base.host;
            const first = (base.path as string[])[0];
            if (!startsWithDriveLetter(points, pointer) && first !== undefined && isNormalizedDriveLetter(first)) path().push(first);
          }
          state = State.Path;
          pointer--;
        }
        break;
      case State.FileHost:
        if (eof || c === "/" || c === "\\" || c === "?" || c === "#") {
          pointer--;
          if (override === undefined && isWindowsDriveLetter(buffer)) state = State.Path;
          else if (buffer === "") {
            url.host = "";
            if (override !== undefined) return url;
            state = State.PathStart;
          } else {
            let host = parseHost(buffer, !special());
            if (host === null) return null;
            if (host === "localhost") host = "";
            url.host = host;
            if (override !== undefined) return url;
            buffer = "";
            state = State.PathStart;
          }
        } else buffer += c;
        break;
      case State.PathStart:
        if (special()) {
          state = State.Path;
          if (c !== "/" && c !== "\\") pointer--;
        } else if (override === undefined && c === "?") {
          url.query = "";
          state = State.Query;
        } else if (override === undefined && c === "#") {
          url.fragment = "";
          state = State.Fragment;
        } else if (!eof) {
          state = State.Path;
          if (c !== "/") pointer--;
        } else if (override !== undefined && url.host === null) path().push("");
        break;
      case State.Path:
        if (eof || c === "/" || (special() && c === "\\") || (override === undefined && (c === "?" || c === "#"))) {
          const slash = c === "/" || (special() && c === "\\");
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (!slash) path().push("");
          } else if (isSingleDot(buffer) && !slash) path().push("");
          else if (!isSingleDot(buffer)) {
            if (url.scheme === "file" && path().length === 0 && isWindowsDriveLetter(buffer)) buffer = `${buffer[0]}:`;
            path().push(buffer);
          }
          buffer = "";
          if (c === "?") {
            url.query = "";
            state = State.Query;
          }
          if (c === "#") {
            url.fragment = "";
            state = State.Fragment;
          }
        } else buffer += encodeCodePoint(c!, PATH_SET);
        break;
      case State.OpaquePath:
        if (c === "?") {
          url.query = "";
          state = State.Query;
        } else if (c === "#") {
          url.fragment = "";
          state = State.Fragment;
        } else if (!eof) url.path = (url.path as string) + encodeCodePoint(c, C0_CONTROL_SET);
        break;
      case State.Query:
        if ((override === undefined && c === "#") || eof) {
          url.query = (url.query ?? "") + encodeString(buffer, special() ? SPECIAL_QUERY_SET : QUERY_SET);
          buffer = "";
          if (c === "#") {
            url.fragment = "";
            state = State.Fragment;
          }
        } else buffer += c;
        break;
      case State.Fragment:
        if (!eof) url.fragment = (url.fragment ?? "") + encodeCodePoint(c, FRAGMENT_SET);
        break;
    }
    if (pointer >= points.length) return url;
  }
}
