// Hand-written because shell-quote cannot tell `echo 2>f` from `echo 2 >f` and does not report unterminated quotes.
import { ShellSyntaxError, type Word, type WordPart } from "./ast.js";

/** `"\n"` is a newline, which separates commands like `;`. */
export type Operator = "|" | "&&" | "||" | ";" | "\n" | "<" | ">" | ">>" | ">&" | "<&";

export type Token =
  /** `text` is the source text of the word, for error messages. */
  | { type: "word"; word: Word; text: string; pos: number }
  /** `fd` is the number written directly before a redirection operator (`2>`), if any. */
  | { type: "op"; op: Operator; fd: number | undefined; pos: number }
  | { type: "eof"; pos: number };

/** Characters that end an unquoted word. */
const META = new Set([" ", "\t", "\n", "|", "&", ";", "<", ">", "(", ")"]);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const FD_PREFIX = /[0-9]+(?=[<>])/y;
const BRACED = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*])$/;
const SPECIAL_VARS = "?$#@*0123456789";
const DQ_ESCAPABLE = '$`"\\\n';

type Push = (part: WordPart) => void;

function syntax(message: string, pos: number, incomplete = false): ShellSyntaxError {
  return new ShellSyntaxError(`syntax error: ${message}`, pos, incomplete);
}

export function unexpected(token: string, pos: number, note?: string, incomplete = false): ShellSyntaxError {
  const suffix = note === undefined ? "" : ` (${note})`;
  return new ShellSyntaxError(`syntax error near unexpected token \`${token}'${suffix}`, pos, incomplete);
}

/** Splits a command line into words and operators; comments and line continuations are dropped. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  /** After `>&`/`<&` the digits are the target fd, never the fd prefix of another redirection. */
  let afterDup = false;
  const op = (o: Operator, pos: number, fd?: number): void => {
    tokens.push({ type: "op", op: o, fd, pos });
  };
  for (;;) {
    while (i < input.length) {
      const c = input[i];
      if (c === " " || c === "\t") i++;
      else if (c === "\\" && input[i + 1] === "\n") i += 2;
      else break;
    }
    if (i >= input.length) {
      tokens.push({ type: "eof", pos: i });
      return tokens;
    }
    const start = i;
    let c = input[i]!;
    if (c === "#") {
      while (i < input.length && input[i] !== "\n") i++;
      continue;
    }
    let fd: number | undefined;
    if (!afterDup) {
      FD_PREFIX.lastIndex = i;
      const m = FD_PREFIX.exec(input);
      if (m) {
        fd = Number(m[0]);
        i += m[0].length;
        c = input[i]!;
      }
    }
    afterDup = false;
    const next = input[i + 1];
    switch (c) {
      case "\n":
        op("\n", start);
        i++;
        continue;
      case "|":
        op(next === "|" ? "||" : "|", start);
        i += next === "|" ? 2 : 1;
        continue;
      case "&":
        if (next === "&") {
          op("&&", start);
          i += 2;
          continue;
        }
        if (next === ">") throw syntax("`&>' is not supported; use `>file 2>&1'", start);
        throw syntax("background jobs (`&') are not supported", start);
      case ";":
        if (next === ";") throw unexpected(";;", start);
        op(";", start);
        i++;
        continue;
      case "(":
        throw unexpected("(", start, "subshells are not supported");
      case ")":
        throw unexpected(")", start);
      case "<":
        if (next === "<") throw syntax("here-documents (`<<') are not supported", start);
        op(next === "&" ? "<&" : "<", start, fd);
        afterDup = next === "&";
        i += next === "&" ? 2 : 1;
        continue;
      case ">":
        if (next === ">" || next === "&") {
          op(next === ">" ? ">>" : ">&", start, fd);
          afterDup = next === "&";
          i += 2;
        } else {
          op(">", start, fd);
          i++;
        }
        continue;
    }
    const end = readWord(input, i, tokens);
    i = end;
  }
}

function readWord(input: string, start: number, tokens: Token[]): number {
  const parts: WordPart[] = [];
  const push: Push = (part) => {
    const last = parts[parts.length - 1];
    if (part.kind === "literal" && last?.kind === "literal" && last.quoted === part.quoted) {
      last.value += part.value;
    } else {
      parts.push(part);
    }
  };
  let i = start;
  while (i < input.length) {
    const c = input[i]!;
    if (META.has(c)) break;
    if (c === "'") {
      const close = input.indexOf("'", i + 1);
      if (close < 0) throw syntax("unterminated quoted string (missing closing `'')", i, true);
      push({ kind: "literal", value: input.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else if (c === '"') {
      i = readDoubleQuoted(input, i, push);
    } else if (c === "\\") {
      const n = input[i + 1];
      if (n === undefined) {
        push({ kind: "literal", value: "\\", quoted: false });
        i++;
      } else {
        if (n !== "\n") push({ kind: "literal", value: n, quoted: true });
        i += 2;
      }
    } else if (c === "$") {
      i = readDollar(input, i, false, push);
    } else if (c === "`") {
      throw syntax("command substitution (`...`) is not supported", i);
    } else {
      push({ kind: "literal", value: c, quoted: false });
      i++;
    }
  }
  tokens.push({ type: "word", word: { parts }, text: input.slice(start, i), pos: start });
  return i;
}

/** Reads `"..."` starting at the opening quote; returns the index after the closing quote. */
function readDoubleQuoted(input: string, start: number, push: Push): number {
  let produced = false;
  let buf = "";
  const emit: Push = (part) => {
    produced = true;
    push(part);
  };
  const flush = (): void => {
    if (buf !== "") emit({ kind: "literal", value: buf, quoted: true });
    buf = "";
  };
  let i = start + 1;
  for (;;) {
    const c = input[i];
    if (c === undefined) throw syntax('unterminated quoted string (missing closing `"\')', start, true);
    if (c === '"') {
      flush();
      if (!produced) push({ kind: "literal", value: "", quoted: true });
      return i + 1;
    }
    if (c === "\\") {
      const n = input[i + 1];
      if (n !== undefined && DQ_ESCAPABLE.includes(n)) {
        if (n !== "\n") buf += n;
        i += 2;
      } else {
        buf += "\\";
        i++;
      }
    } else if (c === "$") {
      flush();
      i = readDollar(input, i, true, emit);
    } else if (c === "`") {
      throw syntax("command substitution (`...`) is not supported", i);
    } else {
      buf += c;
      i++;
    }
  }
}

/** Reads a `$` expansion (or a literal `$`) at `start`; returns the index after it. */
function readDollar(input: string, start: number, quoted: boolean, push: Push): number {
  const n = input[start + 1];
  if (n === "{") {
    const close = input.indexOf("}", start + 2);
    if (close < 0) throw syntax("unterminated ${", start);
    const name = input.slice(start + 2, close);
    if (!BRACED.test(name)) {
      throw new ShellSyntaxError(`bad substitution: \`${input.slice(start, close + 1)}'`, start);
    }
    push({ kind: "variable", name, quoted });
    return close + 1;
  }
  if (n === "(") throw syntax("command substitution (`$(...)') is not supported", start);
  NAME.lastIndex = start + 1;
  const m = NAME.exec(input);
  if (m) {
    push({ kind: "variable", name: m[0], quoted });
    return start + 1 + m[0].length;
  }
  if (n !== undefined && SPECIAL_VARS.includes(n)) {
    push({ kind: "variable", name: n, quoted });
    return start + 2;
  }
  push({ kind: "literal", value: "$", quoted });
  return start + 1;
}
