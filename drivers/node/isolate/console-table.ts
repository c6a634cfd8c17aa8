/**
 * `console.table` as Node 22 draws it: box-drawing borders, cells left-aligned with one space of
 * padding, an index column, one column per property seen (in order of first appearance), and a
 * `Values` column for rows that are primitives. Maps and Sets list their entries instead.
 */
import { inspect } from "node-inspect-extracted";

/** A cell's text: short, on one line, objects with more than two keys collapsed. */
function cell(value: unknown): string {
  const collapse = value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 2;
  return inspect(value, { depth: collapse ? -1 : 0, maxArrayLength: 3, breakLength: Infinity, colors: false });
}

export function renderTable(data: object, properties?: readonly PropertyKey[]): string {
  if (data instanceof Map) {
    const keys: string[] = [];
    const values: string[] = [];
    for (const [key, value] of data) {
      keys.push(cell(key));
      values.push(cell(value));
    }
    return draw(["(iteration index)", "Key", "Values"], [keys.map((_, i) => cell(i)), keys, values]);
  }
  if (data instanceof Set) {
    const values = [...data].map(cell);
    return draw(["(iteration index)", "Values"], [values.map((_, i) => cell(i)), values]);
  }
  const rows = Object.keys(data);
  const columns = new Map<PropertyKey, string[]>();
  const primitives: string[] = [];
  let hasPrimitives = false;
  rows.forEach((row, index) => {
    const item = (data as Record<string, unknown>)[row];
    const primitive = item === null || (typeof item !== "object" && typeof item !== "function");
    if (primitive && properties === undefined) {
      hasPrimitives = true;
      primitives[index] = cell(item);
      return;
    }
    for (const key of properties ?? Object.keys(item as object)) {
      if (!columns.has(key)) columns.set(key, []);
      const own = !primitive && Object.prototype.hasOwnProperty.call(item, key);
      columns.get(key)![index] = own ? cell((item as Record<PropertyKey, unknown>)[key]) : "";
    }
  });
  const head = ["(index)", ...[...columns.keys()].map((key) => String(key))];
  const body = [rows, ...columns.values()];
  if (hasPrimitives) {
    head.push("Values");
    body.push(primitives);
  }
  return draw(head, body);
}

function draw(head: string[], columns: string[][]): string {
  const height = Math.max(0, ...columns.map((column) => column.length));
  const widths = head.map((title, i) => Math.max(width(title), ...Array.from({ length: height }, (_, row) => width(columns[i]![row] ?? ""))));
  const line = (left: string, middle: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
  const row = (cells: string[]) => "│ " + cells.map((text, i) => text + " ".repeat(widths[i]! - width(text))).join(" │ ") + " │";
  const lines = [line("┌", "┬", "┐"), row(head), line("├", "┼", "┤")];
  for (let r = 0; r < height; r++) lines.push(row(columns.map((column) => column[r] ?? "")));
  lines.push(line("└", "┴", "┘"));
  return lines.join("\n");
}

/** Columns a string takes in a terminal: wide East Asian characters take two, marks none. */
function width(text: string): number {
  let total = 0;
  for (const char of text.replace(/\u001b\[[\d;]*m/g, "")) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x1f900 && code <= 0x1f9ff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    total += wide ? 2 : 1;
  }
  return total;
}
