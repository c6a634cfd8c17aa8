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
