/** Deep equality as Node's assert and util.isDeepStrictEqual define it (strict and loose modes). */

const toTag = (value: unknown) => Object.prototype.toString.call(value);
const hasOwn = (value: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(value, key);
const isEnumerable = (value: object, key: PropertyKey) => Object.prototype.propertyIsEnumerable.call(value, key);

/** The pairs being compared further up: a pair met again is taken as equal (cycles). */
type Memo = { a: WeakMap<object, Set<object>> };

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, true, { a: new WeakMap() });
}

export function isDeepLooseEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, false, { a: new WeakMap() });
}

function primitiveEqual(a: unknown, b: unknown, strict: boolean): boolean {
  if (strict) return Object.is(a, b);
  // eslint-disable-next-line eqeqeq
  return a == b || (Number.isNaN(a) && Number.isNaN(b));
}

function ownKeys(value: object, strict: boolean): PropertyKey[] {
  const keys: PropertyKey[] = Object.keys(value);
  if (strict) for (const symbol of Object.getOwnPropertySymbols(value)) if (isEnumerable(value, symbol)) keys.push(symbol);
  return keys;
}

function isArrayIndexKey(key: PropertyKey): boolean {
  return typeof key === "string" && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

function bytesOf(value: ArrayBufferView | ArrayBuffer): Uint8Array {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

function boxedValue(value: object, tag: string): unknown {
  switch (tag) {
    case "[object Number]":
      return Number.prototype.valueOf.call(value);
    case "[object String]":
      return String.prototype.valueOf.call(value);
    case "[object Boolean]":
      return Boolean.prototype.valueOf.call(value);
    case "[object BigInt]":
      return BigInt.prototype.valueOf.call(value);
    case "[object Symbol]":
      return Symbol.prototype.valueOf.call(value);
  }
  return undefined;
}

function isBoxed(value: object, tag: string): boolean {
  try {
    boxedValue(value, tag);
    return ["[object Number]", "[object String]", "[object Boolean]", "[object BigInt]", "[object Symbol]"].includes(tag);
  } catch {
    return false;
  }
}

function deepEqual(a: unknown, b: unknown, strict: boolean, memo: Memo): boolean {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    if (strict) return Object.is(a, b);
    if ((typeof a === "object" && a !== null) || (typeof b === "object" && b !== null)) return false;
    if (typeof a === "function" || typeof b === "function") return false;
    return primitiveEqual(a, b, false);
  }
  const tag = toTag(a);
  if (tag !== toTag(b)) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
  if (tag === "[object Date]") {
    if (Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
  } else if (tag === "[object RegExp]") {
    const x = a as RegExp;
    const y = b as RegExp;
    if (x.source !== y.source || x.flags !== y.flags || x.lastIndex !== y.lastIndex) return false;
  } else if (a instanceof Error || b instanceof Error) {
    const x = a as Error;
    const y = b as Error;
    if (!(x instanceof Error && y instanceof Error) || x.message !== y.message || x.name !== y.name) return false;
    if (strict && ("cause" in x || "cause" in y)) {
      if ("cause" in x !== "cause" in y || !deepEqual(x.cause, y.cause, strict, memo)) return false;
    }
    if (strict && ("errors" in x || "errors" in y)) {
      if (!deepEqual((x as { errors?: unknown }).errors, (y as { errors?: unknown }).errors, strict, memo)) return false;
    }
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false;
    if (a.byteLength !== b.byteLength) return false;
    if (!strict && (tag === "[object Float32Array]" || tag === "[object Float64Array]")) {
      const x = a as unknown as ArrayLike<number>;
      const y = b as unknown as ArrayLike<number>;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    } else {
      const x = bytesOf(a);
      const y = bytesOf(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    // Index keys are compared above; only the other own keys remain.
    return keysEqual(a, b, strict, memo, true);
  } else if (tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") {
    const x = bytesOf(a as ArrayBuffer);
    const y = bytesOf(b as ArrayBuffer);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  } else if (isBoxed(a, tag)) {
    if (!isBoxed(b, tag) || !Object.is(boxedValue(a, tag), boxedValue(b, tag))) return false;
  } else if (tag === "[object WeakMap]" || tag === "[object WeakSet]") {
    // Their contents cannot be compared: only the same object is equal.
    return false;
  }
  if (tag === "[object Map]" || tag === "[object Set]") {
    if ((a as Map<unknown, unknown>).size !== (b as Map<unknown, unknown>).size) return false;
  }
  return keysEqual(a, b, strict, memo, false);
}

function keysEqual(a: object, b: object, strict: boolean, memo: Memo, skipIndexes: boolean): boolean {
  let aKeys = ownKeys(a, strict);
  let bKeys = ownKeys(b, strict);
  if (skipIndexes) {
    aKeys = aKeys.filter((key) => !isArrayIndexKey(key));
    bKeys = bKeys.filter((key) => !isArrayIndexKey(key));
  }
  if (aKeys.length !== bKeys.length) return false;
  for (const key of aKeys) {
    if (!hasOwn(b, key) || (typeof key === "symbol" && !isEnumerable(b, key))) return false;
  }
  // Cycles: a pair already being compared is taken as equal.
  let partners = memo.a.get(a);
  if (partners?.has(b)) return true;
  if (!partners) memo.a.set(a, (partners = new Set()));
  partners.add(b);
  try {
    for (const key of aKeys) {
      if (!deepEqual((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], strict, memo)) return false;
    }
    const tag = toTag(a);
    if (tag === "[object Set]") return setEqual(a as Set<unknown>, b as Set<unknown>, strict, memo);
    if (tag === "[object Map]") return mapEqual(a as Map<unknown, unknown>, b as Map<unknown, unknown>, strict, memo);
    return true;
  } finally {
    partners.delete(b);
    if (partners.size === 0) memo.a.delete(a);
  }
}

const isObjectLike = (value: unknown) => typeof value === "object" && value !== null;

function setEqual(a: Set<unknown>, b: Set<unknown>, strict: boolean, memo: Memo): boolean {
  const pending: unknown[] = [];
  for (const value of a) {
    if (isObjectLike(value) || (!strict && !b.has(value))) pending.push(value);
    else if (!b.has(value)) return false;
  }
  if (pending.length === 0) return true;
  const candidates = [...b].filter((value) => isObjectLike(value) || !strict);
  for (const value of pending) {
    if (!strict && !isObjectLike(value) && b.has(value)) continue;
    const index = candidates.findIndex((candidate) => deepEqual(value, candidate, strict, memo));
    if (index === -1) return false;
    candidates.splice(index, 1);
  }
  return true;
}

function mapEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>, strict: boolean, memo: Memo): boolean {
  const pending: [unknown, unknown][] = [];
  for (const [key, value] of a) {
    if (!isObjectLike(key) && b.has(key)) {
      if (!deepEqual(value, b.get(key), strict, memo)) return false;
    } else if (isObjectLike(key) || !strict) {
      pending.push([key, value]);
    } else {
      return false;
    }
  }
  if (pending.length === 0) return true;
  const candidates = [...b].filter(([key]) => isObjectLike(key) || !strict);
  for (const [key, value] of pending) {
    const index = candidates.findIndex(([k, v]) => deepEqual(key, k, strict, memo) && deepEqual(value, v, strict, memo));
    if (index === -1) return false;
    candidates.splice(index, 1);
  }
  return true;
}
