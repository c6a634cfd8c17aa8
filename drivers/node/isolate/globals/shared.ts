/** Helpers the web globals share: Node's custom inspection hook and prototype key order. */
export const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
export type Inspect = (value: unknown, options?: object) => string;

/** Makes members enumerable, in Node's order (the order of `Object.keys(prototype)`). */
export function enumerable(prototype: object, names: string[]): void {
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    delete (prototype as Record<string, unknown>)[name];
    Object.defineProperty(prototype, name, { ...descriptor, enumerable: true });
  }
}

type InspectOptions = { depth?: number | null };

/**
 * What Node's inspect hooks of web classes print: `Name { ...fields }`, the fields one level
 * deeper; past the depth limit, `past` (web streams answer `undefined`, blobs `[Blob]`).
 */
export function inspectAs(inspect: Inspect, name: string, fields: object, depth: number, options: InspectOptions, past?: string): string | undefined {
  if (depth < 0) return past;
  const depthLeft = options.depth === null || options.depth === undefined ? options.depth : options.depth - 1;
  return `${name} ${inspect(fields, { ...options, depth: depthLeft })}`;
}
