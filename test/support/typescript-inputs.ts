/** TypeScript inputs the tools tests share. */

/** Types whose expansion takes the checker far past any reasonable time budget (10^6 pairs). */
export const PATHOLOGICAL_TYPES = [
  'type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";',
  "type D3 = `${Digit}${Digit}${Digit}`;",
  "type Pairs<T extends string> = { [K in T]: { [J in T]: [K, J] }[T] }[T];",
  "export type X = Pairs<D3>;",
].join("\n");
