/**
 * `util.parseEnv`: the `.env` format Node reads (`KEY=value` lines, `#` comments, an optional
 * `export ` prefix, values quoted with `"`, `'` or a backtick, which may span lines; `\n` in a
 * double-quoted value is a newline).
 */
const QUOTES = "\"'`";

/** Node trims spaces, tabs and newlines (nothing else) around keys and values. */
const trim = (text: string) => text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
const isBlank = (char: string | undefined) => char === " " || char === "\t" || char === "\n";

export function parseEnvText(content: string): Record<string, string> {
  const found = new Map<string, string>();
  // Carriage returns are dropped wherever they are; blanks around the whole text do not count.
  const text = trim(content.replace(/\r/g, ""));
  const lineEnd = (from: number) => {
    const end = text.indexOf("\n", from);
    return end === -1 ? text.length : end;
  };
  let at = 0;
  // Blanks before a line are skipped only after an unquoted value or a line without "=".
  let skipBlanks = false;
  while (at < text.length) {
    while (skipBlanks && at < text.length && isBlank(text[at])) at++;
    skipBlanks = false;
    if (text[at] === "\n" || text[at] === "#") {
      at = lineEnd(at) + 1;
      continue;
    }
    const equals = text.indexOf("=", at);
    if (equals === -1) break;
    const rawKey = text.slice(at, equals);
    // A line without "=" is skipped: the key starts on the line of the "=".
    const newline = rawKey.indexOf("\n");
    if (newline !== -1) {
      at += newline + 1;
      skipBlanks = true;
      continue;
    }
    let key = trim(rawKey);
    at = equals + 1;
    if (at >= text.length || text[at] === "\n") {
      found.set(key, "");
      at++;
      continue;
    }
    while (at < text.length && isBlank(text[at])) at++;
    if (at >= text.length) {
      found.set(key, "");
      break;
    }
    // Without a key, what follows the "=" is read as the start of a line.
    if (key === "") continue;
    // (An empty value keeps the prefix in the key.)
    if (key.startsWith("export ")) key = trim(key.slice(7));
    const quote = text[at]!;
    const closing = QUOTES.includes(quote) ? text.indexOf(quote, at + 1) : -1;
    if (closing !== -1) {
      const value = text.slice(at + 1, closing);
      found.set(key, quote === '"' ? value.replace(/\\n/g, "\n") : value);
      at = lineEnd(closing + 1) + 1;
      continue;
    }
    const end = lineEnd(at);
    if (QUOTES.includes(quote)) {
      // An unclosed quote: the rest of the line, as it is.
      found.set(key, text.slice(at, end));
      skipBlanks = true;
    } else {
      const value = text.slice(at, end);
      const hash = value.indexOf("#");
      found.set(key, trim(hash === -1 ? value : value.slice(0, hash)));
      skipBlanks = true;
    }
    at = end + 1;
  }
  // Node keeps the pairs in a map ordered by key.
  const result: Record<string, string> = {};
  for (const key of [...found.keys()].sort()) result[key] = found.get(key)!;
  return result;
}
