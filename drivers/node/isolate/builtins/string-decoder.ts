/** `string_decoder`: the string_decoder package (Node's own implementation, packaged). */
import * as decoder from "string_decoder/";
import { codedError } from "../errors.js";

type DecoderClass = new (encoding?: string) => object;
let wrapped: DecoderClass | undefined;

export function createStringDecoder(): Record<string, unknown> {
  const module = decoder as unknown as Record<string, unknown> & { default?: Record<string, unknown> };
  const Base = (module.StringDecoder ?? module.default?.StringDecoder) as DecoderClass;
  // Node rejects an unknown encoding with a coded TypeError.
  wrapped ??= class StringDecoder extends Base {
    constructor(encoding?: string) {
      try {
        super(encoding);
      } catch (error) {
        throw codedError("ERR_UNKNOWN_ENCODING", (error as Error).message, TypeError);
      }
    }
  };
  return { StringDecoder: wrapped };
}
