/**
 * How util.inspect shows a Buffer, as in Node: `<Buffer 68 69>`, at most `buffer.INSPECT_MAX_BYTES`
 * (50) bytes followed by `... N more bytes`, then the Buffer's own non-index properties. The
 * `buffer` package's own version stops at `...` without the count.
 */
import { inspect } from "node-inspect-extracted";

/** `buffer.INSPECT_MAX_BYTES`: how many bytes util.inspect shows (the buffer module sets it). */
export const inspectSettings = { maxBytes: 50 };

export function installBufferInspect(Buffer: { prototype: object }): void {
  Object.defineProperty(Buffer.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function (this: Uint8Array & Record<string, unknown>, _depth: number, options?: object): string {
      const max = inspectSettings.maxBytes;
      const shown = Math.trunc(Math.min(this.length, max));
      const bytes: string[] = [];
      for (let i = 0; i < shown; i++) bytes.push(this[i]!.toString(16).padStart(2, "0"));
      let text = bytes.join(" ");
      const remaining = this.length - max;
      if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
      const extras: Record<string, unknown> = {};
      let hasExtras = false;
      for (const key of Object.keys(this)) {
        if (/^\d+$/.test(key)) continue;
        extras[key] = this[key];
        hasExtras = true;
      }
      if (hasExtras) {
        if (this.length > 0) text += ", ";
        text += inspect(extras, { ...options, breakLength: Infinity, compact: true }).slice(2, -2);
      }
      return `<${(this.constructor as { name?: string } | undefined)?.name ?? "Buffer"} ${text}>`;
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
