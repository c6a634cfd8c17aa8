/// <reference path="./lazy/sources.d.ts" />
/**
 * Libraries evaluated on first use. Each isolate carries the runtime's heap from the snapshot,
 * so a library whose module code makes many objects (tr46's UTS #46 tables, pako's, minimatch's,
 * jsdiff's, @noble/hashes') costs memory in every session whether it is used or not; as source text it costs its
 * length only, and it runs the first time the session needs it (scripts/build.mjs makes the text).
 */
import type * as Diff from "diff";
import type * as Hmac from "@noble/hashes/hmac.js";
import type * as Legacy from "@noble/hashes/legacy.js";
import type * as Pbkdf2 from "@noble/hashes/pbkdf2.js";
import type * as Scrypt from "@noble/hashes/scrypt.js";
import type * as Sha2 from "@noble/hashes/sha2.js";
import type * as Minimatch from "minimatch";
import type * as Pako from "pako";
import type Tr46 from "tr46";
import DIFF from "./lazy/diff.js";
import MINIMATCH from "./lazy/minimatch.js";
import NOBLE from "./lazy/noble.js";
import PAKO from "./lazy/pako.js";
import TR46 from "./lazy/tr46.js";

export interface Libraries {
  diff: Pick<typeof Diff, "diffArrays">;
  noble: Pick<typeof Legacy, "md5" | "sha1" | "ripemd160"> &
    Pick<typeof Sha2, "sha224" | "sha256" | "sha384" | "sha512" | "sha512_224" | "sha512_256"> &
    Pick<typeof Hmac, "hmac"> &
    Pick<typeof Pbkdf2, "pbkdf2"> &
    Pick<typeof Scrypt, "scrypt">;
  minimatch: Pick<typeof Minimatch, "minimatch" | "Minimatch" | "GLOBSTAR">;
  pako: typeof Pako;
  tr46: typeof Tr46;
}

const SOURCES: Record<keyof Libraries, string> = { diff: DIFF, minimatch: MINIMATCH, noble: NOBLE, pako: PAKO, tr46: TR46 };
const loaded: Partial<Libraries> = {};

export function library<K extends keyof Libraries>(name: K): Libraries[K] {
  let value = loaded[name];
  if (value === undefined) {
    const exports = (0, eval)(SOURCES[name]) as Libraries[K] & { default?: Libraries[K] };
    value = name === "tr46" ? (exports.default ?? exports) : exports;
    loaded[name] = value;
  }
  return value as Libraries[K];
}
