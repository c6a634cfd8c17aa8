/** UTF-8 `TextEncoder` and `TextDecoder` (V8 alone has neither). */
export class SandboxTextEncoder {
  readonly encoding = "utf-8";
  encode(input = ""): Uint8Array {
    const text = String(input);
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else code = 0xfffd;
      } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
      if (code < 0x80) bytes.push(code);
      else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
      else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
      else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    }
    return new Uint8Array(bytes);
  }
  encodeInto(input: string, destination: Uint8Array): { read: number; written: number } {
    const bytes = this.encode(input);
    const written = Math.min(bytes.length, destination.length);
    destination.set(bytes.subarray(0, written));
    return { read: input.length, written };
  }
}

export class SandboxTextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  private pending: number[] = [];

  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const normalized = String(label).trim().toLowerCase();
    if (normalized !== "utf-8" && normalized !== "utf8" && normalized !== "unicode-1-1-utf-8") {
      throw Object.assign(new RangeError(`The "${label}" encoding is not supported`), { code: "ERR_ENCODING_NOT_SUPPORTED" });
    }
    this.encoding = "utf-8";
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
  }

  decode(input?: ArrayBufferView | ArrayBuffer, options: { stream?: boolean } = {}): string {
    const view = input === undefined ? new Uint8Array(0) : input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const bytes = this.pending.length > 0 ? Uint8Array.from([...this.pending, ...view]) : view;
    this.pending = [];
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i]!;
      let needed = 0;
      let code = 0;
      if (byte < 0x80) {
        out += String.fromCharCode(byte);
        i++;
        continue;
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        code = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        needed = 2;
        code = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        needed = 3;
        code = byte & 0x07;
      } else {
        out += this.invalid();
        i++;
        continue;
      }
      if (options.stream && i + needed >= bytes.length && validPrefix(bytes, i, needed)) {
        // An incomplete sequence at the end of a streamed chunk waits for the next chunk.
        this.pending = [...bytes.subarray(i)];
        break;
      }
      let valid = true;
      let j = 1;
      for (; j <= needed; j++) {
        const next = bytes[i + j];
        const lower = j === 1 ? lowerBound(byte) : 0x80;
        const upper = j === 1 ? upperBound(byte) : 0xbf;
        if (next === undefined || next < lower || next > upper) {
          valid = false;
          break;
        }
        code = (code << 6) | (next & 0x3f);
      }
      if (!valid) {
        out += this.invalid();
        i += j;
        continue;
      }
      out += String.fromCodePoint(code);
      i += needed + 1;
    }
    if (!this.ignoreBOM && out.charCodeAt(0) === 0xfeff && !this.started) out = out.slice(1);
    this.started = options.stream === true && (out.length > 0 || this.started);
    return out;
  }

  private started = false;

  private invalid(): string {
    if (this.fatal) throw Object.assign(new TypeError("The encoded data was not valid for encoding utf-8"), { code: "ERR_ENCODING_INVALID_ENCODED_DATA" });
    return "\ufffd";
  }
}

function lowerBound(lead: number): number {
  return lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
}

function upperBound(lead: number): number {
  return lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
}

function validPrefix(bytes: Uint8Array, start: number, needed: number): boolean {
  for (let j = 1; start + j < bytes.length && j <= needed; j++) {
    const next = bytes[start + j]!;
    if (next < (j === 1 ? lowerBound(bytes[start]!) : 0x80) || next > (j === 1 ? upperBound(bytes[start]!) : 0xbf)) return false;
  }
  return true;
}
