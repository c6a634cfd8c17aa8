/// <reference path="./lazy/sources.d.ts" />
/**
 * Libraries evaluated on first use. Each isolate carries the runtime's heap from the snapshot,
 * so a library whose module code makes many objects (tr46's UTS #46 tables, pako's, minimatch's,
 * jsdiff's) costs memory in every session whether it is used or not; as source text it costs its
 * length only, and it runs the first time the session needs it (scripts/build.mjs makes the text).
 */
import type * as Diff from "diff";
import type * as Minimatch from "minimatch";
import type * as Pako from "pako";
import type Tr46 from "tr46";
import DIFF from "./lazy/diff.js";
import MINIMATCH from "./lazy/minimatch.js";
import PAKO from "./lazy/pako.js";
import TR46 from "./lazy/tr46.js";

interface Libraries {
  diff: Pick<typeof Diff, "diffArrays">;
  minimatch: Pick<typeof Minimatch, "minimatch" | "Minimatch" | "GLOBSTAR">;
  pako: typeof Pako;
  tr46: typeof Tr46;
}

const SOURCES: Record<keyof Libraries, string> = { diff: DIFF, minimatch: MINIMATCH, pako: PAKO, tr46: TR46 };
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
