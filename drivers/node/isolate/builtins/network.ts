/**
 * `http`, `https`, `http2`, `net` and `tls` without a network. What needs none works as in Node: `METHODS`,
 * `STATUS_CODES`, `maxHeaderSize`, header validation, `Agent` (its settings; it never connects),
 * and `IncomingMessage` / `ServerResponse` objects used in memory (to drive a request handler
 * with a request made by hand, as tests do). What needs the network throws
 * ERR_NOT_SUPPORTED_IN_SANDBOX when called: `Server#listen`, `request`, `get`, `ClientRequest`,
 * `Agent#createConnection`, `net.Socket`, `net.connect`, `http2.connect`, `tls.connect` and the
 * rest of TLS. `net.isIP`/`isIPv4`/`isIPv6`, `http2.constants`, `http2.getDefaultSettings()` and
 * the TLS defaults work. So frameworks and clients load (express, axios) and fail clearly only
 * when they would open a socket.
 */
import { EventEmitter } from "events";
import { codedError } from "../errors.js";
import type { BuiltinContext } from "./index.js";
import { HTTP2_CONSTANTS } from "./http2-constants.js";
import { createStream } from "./stream.js";

export const METHODS = [
  "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY",
  "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY", "REBIND",
  "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE",
];

export const STATUS_CODES: Record<number, string> = {
  100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
  206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy",
  307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
  411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
  416: "Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a Teapot", 421: "Misdirected Request",
  422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required",
  428: "Precondition Required", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  505: "HTTP Version Not Supported", 506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
  509: "Bandwidth Limit Exceeded", 510: "Not Extended", 511: "Network Authentication Required",
};

/** RFC 9110's token characters. */
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
/** What a header value may not contain: controls other than tab, and DEL. */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

const defer = (run: () => void): void => void Promise.resolve().then(run);

function noNetwork(what: string): Error {
  return codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", `${what} needs the network, which the sandbox does not have`);
}

export function validateHeaderName(name: unknown, label = "Header name"): void {
  if (typeof name !== "string" || !name || !TOKEN.test(name)) {
    throw codedError("ERR_INVALID_HTTP_TOKEN", `${label} must be a valid HTTP token ["${String(name)}"]`, TypeError);
  }
}

export function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) throw codedError("ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${String(value)}" for header "${name}"`, TypeError);
  if (INVALID_HEADER_CHAR.test(String(value))) throw codedError("ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`, TypeError);
}

const IPV4_PART = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(input: unknown): boolean {
  if (typeof input !== "string") return false;
  const parts = input.split(".");
  return parts.length === 4 && parts.every((part) => IPV4_PART.test(part));
}

/** Eight groups of hex, `::` once for a run of zeros, an IPv4 tail, a `%zone`: as Node accepts. */
export function isIPv6(input: unknown): boolean {
  if (typeof input !== "string") return false;
  const zoneAt = input.indexOf("%");
  const address = zoneAt < 0 ? input : input.slice(0, zoneAt);
  if (zoneAt >= 0 && !/^%[0-9a-zA-Z\-.:]+$/.test(input.slice(zoneAt))) return false;
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const groups = (text: string) => (text === "" ? [] : text.split(":"));
  const all = halves.flatMap(groups);
  let count = all.length;
  if (all.length > 0 && all[all.length - 1]!.includes(".")) {
    if (!isIPv4(all.pop())) return false;
    count += 1;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isIP(input: unknown): 0 | 4 | 6 {
  return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0;
}

export interface HttpModules {
  http: Record<string, unknown>;
  https: Record<string, unknown>;
  net: Record<string, unknown>;
  tls: Record<string, unknown>;
  http2: Record<string, unknown>;
}

let modules: HttpModules | undefined;

export function createHttpModules(context: BuiltinContext): HttpModules {
  if (modules) return modules;
  const { Readable, Stream } = createStream(context) as unknown as { Readable: new (options?: object) => EventEmitter; Stream: new () => EventEmitter };

  class Agent extends EventEmitter {
    defaultPort = 80;
    protocol = "http:";
    options: Record<string, unknown>;
    requests: Record<string, unknown[]> = Object.create(null);
    sockets: Record<string, unknown[]> = Object.create(null);
    freeSockets: Record<string, unknown[]> = Object.create(null);
    keepAliveMsecs: number;
    keepAlive: boolean;
    maxSockets: number;
    maxFreeSockets: number;
    scheduling: string;
    maxTotalSockets: number;
    totalSocketCount = 0;

    constructor(options: Record<string, unknown> = {}) {
      super();
      this.options = { __proto__: null, ...options, noDelay: options.noDelay ?? true, path: null } as Record<string, unknown>;
      this.keepAliveMsecs = (options.keepAliveMsecs as number) ?? 1000;
      this.keepAlive = (options.keepAlive as boolean) ?? false;
      this.maxSockets = (options.maxSockets as number) ?? Infinity;
      this.maxFreeSockets = (options.maxFreeSockets as number) ?? 256;
      this.scheduling = (options.scheduling as string) ?? "lifo";
      this.maxTotalSockets = (options.maxTotalSockets as number) ?? Infinity;
    }

    /** The key Node files sockets under: `host:port:localAddress[:family]`. */
    getName(options: { host?: string; port?: number; localAddress?: string; family?: number } = {}): string {
      let name = `${options.host ?? "localhost"}:${options.port ?? ""}:${options.localAddress ?? ""}`;
      if (options.family === 4 || options.family === 6) name += `:${options.family}`;
      return name;
    }

    createConnection(): never {
      throw noNetwork("A connection (http.Agent#createConnection)");
    }

    keepSocketAlive(): boolean {
      return false;
    }

    reuseSocket(): void {}

    destroy(): void {}
  }

  class IncomingMessage extends Readable {
    socket: unknown;
    httpVersionMajor: number | null = null;
    httpVersionMinor: number | null = null;
    httpVersion: string | null = null;
    complete = false;
    rawHeaders: string[] = [];
    rawTrailers: string[] = [];
    joinDuplicateHeaders = false;
    aborted = false;
    upgrade: boolean | null = null;
    url = "";
    method: string | null = null;
    statusCode: number | null = null;
    statusMessage: string | null = null;
    headers: Record<string, string | string[]> = {};
    trailers: Record<string, string> = {};

    constructor(socket?: unknown) {
      super();
      this.socket = socket;
    }

    get connection(): unknown {
      return this.socket;
    }

    get headersDistinct(): Record<string, string[]> {
      const distinct: Record<string, string[]> = Object.create(null);
      for (const [name, value] of Object.entries(this.headers)) distinct[name] = Array.isArray(value) ? value : [value];
      return distinct;
    }

    /** Data comes from whoever made the message (`push`), never from a socket. */
    _read(): void {}

    setTimeout(_msecs: number, callback?: () => void): this {
      if (callback) this.on("timeout", callback);
      return this;
    }
  }

  const HEADERS = Symbol("outHeaders");
  type OutHeaders = Record<string, [string, unknown]>;

  class OutgoingMessage extends Stream {
    outputData: Array<{ data: unknown; encoding?: string }> = [];
    outputSize = 0;
    writable = true;
    destroyed = false;
    finished = false;
    sendDate = false;
    chunkedEncoding = false;
    useChunkedEncodingByDefault = true;
    _header: string | null = null;
    socket: unknown = null;
    declare [HEADERS]: OutHeaders | null;

    constructor() {
      super();
      this[HEADERS] = null;
    }

    get headersSent(): boolean {
      return this._header !== null;
    }

    get writableEnded(): boolean {
      return this.finished;
    }

    get writableFinished(): boolean {
      return false;
    }

    get connection(): unknown {
      return this.socket;
    }

    setHeader(name: string, value: unknown): this {
      if (this._header) throw codedError("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
      validateHeaderName(name);
      validateHeaderValue(name, value);
      (this[HEADERS] ??= Object.create(null) as OutHeaders)[name.toLowerCase()] = [name, value];
      return this;
    }

    appendHeader(name: string, value: unknown): this {
      if (this._header) throw codedError("ERR_HTTP_HEADERS_SENT", "Cannot append headers after they are sent to the client");
      validateHeaderName(name);
      validateHeaderValue(name, value);
      const headers = (this[HEADERS] ??= Object.create(null) as OutHeaders);
      const existing = headers[name.toLowerCase()];
      if (!existing) headers[name.toLowerCase()] = [name, value];
      else existing[1] = [...(Array.isArray(existing[1]) ? existing[1] : [existing[1]]), ...(Array.isArray(value) ? value : [value])];
      return this;
    }

    getHeader(name: string): unknown {
      if (typeof name !== "string") throw codedError("ERR_INVALID_ARG_TYPE", `The "name" argument must be of type string. Received ${String(name)}`, TypeError);
      return this[HEADERS]?.[name.toLowerCase()]?.[1];
    }

    getHeaders(): Record<string, unknown> {
      const headers: Record<string, unknown> = Object.create(null);
      for (const [key, [, value]] of Object.entries(this[HEADERS] ?? {})) headers[key] = value;
      return headers;
    }

    getHeaderNames(): string[] {
      return Object.keys(this[HEADERS] ?? {});
    }

    getRawHeaderNames(): string[] {
      return Object.values(this[HEADERS] ?? {}).map(([name]) => name);
    }

    hasHeader(name: string): boolean {
      return this[HEADERS]?.[name.toLowerCase()] !== undefined;
    }

    removeHeader(name: string): void {
      if (this._header) throw codedError("ERR_HTTP_HEADERS_SENT", "Cannot remove headers after they are sent to the client");
      if (this[HEADERS]) delete this[HEADERS][name.toLowerCase()];
    }

    flushHeaders(): void {
      this.writeHeaders();
    }

    /** With no socket, output waits in `outputData`, as it does in Node until a socket is assigned. */
    write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      if (this.finished) throw codedError("ERR_STREAM_WRITE_AFTER_END", "write after end");
      this.writeHeaders();
      const done = typeof encoding === "function" ? encoding : callback;
      this.outputData.push({ data: chunk, encoding: typeof encoding === "string" ? encoding : undefined });
      this.outputSize += typeof chunk === "string" ? chunk.length : ((chunk as { byteLength?: number })?.byteLength ?? 0);
      if (typeof done === "function") defer(() => (done as () => void)());
      return false;
    }

    end(chunk?: unknown, encoding?: unknown, callback?: unknown): this {
      if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
      else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      if (this.finished) return this;
      if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
      else this.writeHeaders();
      this.finished = true;
      if (typeof callback === "function") this.once("finish", callback as () => void);
      return this;
    }

    setTimeout(_msecs: number, callback?: () => void): this {
      if (callback) this.on("timeout", callback);
      return this;
    }

    destroy(error?: unknown): this {
      if (this.destroyed) return this;
      this.destroyed = true;
      if (error) defer(() => this.emit("error", error));
      return this;
    }

    /** The head of the message as text, written once (then `headersSent`). */
    protected writeHeaders(): void {
      if (this._header !== null) return;
      let head = this.firstLine();
      for (const [name, value] of Object.values(this[HEADERS] ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) head += `${name}: ${String(item)}\r\n`;
      }
      this._header = `${head}\r\n`;
    }

    protected firstLine(): string {
      return "";
    }
  }

  class ServerResponse extends OutgoingMessage {
    statusCode = 200;
    statusMessage: string | undefined = undefined;
    override sendDate = true;
    req: unknown;
    strictContentLength = false;

    constructor(req?: { method?: string; httpVersionMajor?: number; httpVersionMinor?: number }) {
      super();
      this.req = req;
    }

    writeHead(statusCode: number, reason?: unknown, headers?: unknown): this {
      if (this._header) throw codedError("ERR_HTTP_HEADERS_SENT", "Cannot write headers after they are sent to the client");
      if (typeof reason !== "string") [headers, reason] = [reason, undefined];
      const code = Number(statusCode) | 0;
      if (code < 100 || code > 999) throw codedError("ERR_HTTP_INVALID_STATUS_CODE", `Invalid status code: ${String(statusCode)}`, RangeError);
      this.statusCode = code;
      if (reason !== undefined) this.statusMessage = reason as string;
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) this.appendHeader(String(headers[i]), headers[i + 1]);
      } else if (headers && typeof headers === "object") {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value);
      }
      this.writeHeaders();
      return this;
    }

    writeContinue(): void {}

    writeProcessing(): void {}

    writeEarlyHints(): void {}

    assignSocket(): never {
      throw noNetwork("A socket (ServerResponse#assignSocket)");
    }

    detachSocket(): void {}

    protected override firstLine(): string {
      return `HTTP/1.1 ${this.statusCode} ${this.statusMessage ?? STATUS_CODES[this.statusCode] ?? "unknown"}\r\n`;
    }
  }

  class ClientRequest extends OutgoingMessage {
    constructor() {
      super();
      throw noNetwork("An HTTP request (http.ClientRequest)");
    }
  }

  class Server extends EventEmitter {
    listening = false;
    timeout = 0;
    keepAliveTimeout = 5000;
    headersTimeout = 60000;
    requestTimeout = 300000;
    maxHeadersCount: number | null = null;
    maxRequestsPerSocket = 0;

    constructor(options?: unknown, requestListener?: (...args: unknown[]) => void) {
      super();
      const listener = typeof options === "function" ? options : requestListener;
      if (typeof listener === "function") this.on("request", listener as (...args: unknown[]) => void);
    }

    listen(): never {
      throw noNetwork("Listening for connections (http.Server#listen)");
    }

    address(): null {
      return null;
    }

    close(callback?: (error?: Error) => void): this {
      const error = codedError("ERR_SERVER_NOT_RUNNING", "Server is not running.");
      if (callback) defer(() => callback(error));
      return this;
    }

    closeAllConnections(): void {}

    closeIdleConnections(): void {}

    setTimeout(msecs: number, callback?: () => void): this {
      this.timeout = msecs;
      if (callback) this.on("timeout", callback);
      return this;
    }

    ref(): this {
      return this;
    }

    unref(): this {
      return this;
    }
  }

  class HttpsAgent extends Agent {
    constructor(options: Record<string, unknown> = {}) {
      super(options);
      this.defaultPort = 443;
      this.protocol = "https:";
    }
  }

  const createServer = (options?: unknown, listener?: (...args: unknown[]) => void) => new Server(options, listener);
  const request = (): never => {
    throw noNetwork("An HTTP request (http.request)");
  };
  const get = (): never => {
    throw noNetwork("An HTTP request (http.get)");
  };
  const httpsRequest = (): never => {
    throw noNetwork("An HTTPS request (https.request)");
  };
  const httpsGet = (): never => {
    throw noNetwork("An HTTPS request (https.get)");
  };

  const http = {
    METHODS: [...METHODS],
    STATUS_CODES: { ...STATUS_CODES },
    Agent,
    ClientRequest,
    IncomingMessage,
    OutgoingMessage,
    Server,
    ServerResponse,
    createServer,
    validateHeaderName: (name: unknown, label?: string) => validateHeaderName(name, label),
    validateHeaderValue,
    get,
    request,
    setMaxIdleHTTPParsers: () => {},
    maxHeaderSize: 16384,
    // Node 19+: the global agents keep connections alive.
    globalAgent: new Agent({ keepAlive: true, scheduling: "lifo", timeout: 5000 }),
  };
  const https = { Agent: HttpsAgent, globalAgent: new HttpsAgent({ keepAlive: true, scheduling: "lifo", timeout: 5000 }), Server, createServer, get: httpsGet, request: httpsRequest };
  class Socket extends Stream {
    constructor() {
      super();
      throw noNetwork("A socket (net.Socket)");
    }
  }
  class NetServer extends Server {
    override listen(): never {
      throw noNetwork("Listening for connections (net.Server#listen)");
    }
  }
  const connect = (): never => {
    throw noNetwork("A connection (net.connect)");
  };
  let autoSelectFamily = true;
  let attemptTimeout = 250;
  const net = {
    isIP,
    isIPv4,
    isIPv6,
    Socket,
    Stream: Socket,
    Server: NetServer,
    connect,
    createConnection: connect,
    createServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new NetServer(options, listener),
    getDefaultAutoSelectFamily: () => autoSelectFamily,
    setDefaultAutoSelectFamily: (value: boolean) => void (autoSelectFamily = value),
    getDefaultAutoSelectFamilyAttemptTimeout: () => attemptTimeout,
    setDefaultAutoSelectFamilyAttemptTimeout: (value: number) => void (attemptTimeout = Math.max(10, value)),
  };
  const noTls = (what: string) => () => {
    throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", `${what} is not supported in the sandbox: it has no network and no TLS`);
  };
  class TLSSocket extends Socket {}
  class SecureContext {
    constructor() {
      noTls("A TLS context (tls.SecureContext)")();
    }
  }
  const tls = {
    CLIENT_RENEG_LIMIT: 3,
    CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA",
    DEFAULT_ECDH_CURVE: "auto",
    DEFAULT_MIN_VERSION: "TLSv1.2",
    DEFAULT_MAX_VERSION: "TLSv1.3",
    getCiphers: noTls("tls.getCiphers()"),
    getCACertificates: noTls("tls.getCACertificates()"),
    setDefaultCACertificates: noTls("tls.setDefaultCACertificates()"),
    convertALPNProtocols: noTls("tls.convertALPNProtocols()"),
    checkServerIdentity: noTls("tls.checkServerIdentity()"),
    createSecureContext: noTls("tls.createSecureContext()"),
    SecureContext,
    TLSSocket,
    Server: NetServer,
    createServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new NetServer(options, listener),
    connect: noTls("tls.connect()"),
    createSecurePair: noTls("tls.createSecurePair()"),
  };
  Object.defineProperty(tls, "rootCertificates", { get: noTls("tls.rootCertificates"), enumerable: true, configurable: true });
  const http2 = {
    connect: () => {
      throw noNetwork("An HTTP/2 session (http2.connect)");
    },
    constants: { ...HTTP2_CONSTANTS },
    createServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new NetServer(options, listener),
    createSecureServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new NetServer(options, listener),
    getDefaultSettings: () => ({ __proto__: null, headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384, maxConcurrentStreams: 4294967295, maxHeaderSize: 65535, maxHeaderListSize: 65535, enableConnectProtocol: false }),
    getPackedSettings: noTls("http2.getPackedSettings()"),
    getUnpackedSettings: noTls("http2.getUnpackedSettings()"),
    performServerHandshake: () => {
      throw noNetwork("An HTTP/2 handshake (http2.performServerHandshake)");
    },
    sensitiveHeaders: Symbol("sensitiveHeaders"),
    Http2ServerRequest: IncomingMessage,
    Http2ServerResponse: ServerResponse,
  };
  modules = { http, https, net, tls, http2 };
  return modules;
}
