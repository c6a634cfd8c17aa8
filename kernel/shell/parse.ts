import {
  ShellSyntaxError,
  type Assignment,
  type ListItem,
  type Pipeline,
  type Redirect,
  type Script,
  type SimpleCommand,
  type Word,
} from "./ast.js";
import { tokenize, unexpected, type Token } from "./lex.js";

const REDIRECT_OPS = new Set(["<", ">", ">>", ">&", "<&"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Parses a command line into a {@link Script}; throws {@link ShellSyntaxError} on bad syntax. */
export function parse(commandLine: string): Script {
  const tokens = tokenize(commandLine);
  let index = 0;
  const peek = (): Token => tokens[index]!;
  const advance = (): Token => tokens[index++]!;
  const isOp = (tok: Token, ...ops: string[]): boolean => tok.type === "op" && ops.includes(tok.op);
  const skipNewlines = (): void => {
    while (isOp(peek(), "\n")) index++;
  };
  const unexpectedToken = (tok: Token): ShellSyntaxError => {
    const text = tok.type === "eof" ? "newline" : tok.type === "word" ? tok.text : tok.op === "\n" ? "newline" : tok.op;
    return unexpected(text, tok.pos, undefined, tok.type === "eof");
  };

  function parseRedirect(tok: Extract<Token, { type: "op" }>): Redirect {
    const target = advance();
    if (target.type !== "word") throw unexpectedToken(target);
    if (tok.op === ">&" || tok.op === "<&") {
      const digits = fdNumber(target.word);
      if (digits === undefined) {
        throw new ShellSyntaxError(
          `syntax error: \`${tok.op}' must be followed by a file descriptor number, not \`${target.text}'`,
          target.pos,
        );
      }
      return { op: tok.op, fd: tok.fd ?? (tok.op === ">&" ? 1 : 0), targetFd: digits };
    }
    const op = tok.op as "<" | ">" | ">>";
    return { op, fd: tok.fd ?? (op === "<" ? 0 : 1), target: target.word };
  }

  function parseCommand(): SimpleCommand {
    const cmd: SimpleCommand = { kind: "command", assignments: [], words: [], redirects: [] };
    const first = peek();
    if (first.type === "eof" || (first.type === "op" && !REDIRECT_OPS.has(first.op))) {
      throw unexpectedToken(first);
    }
    for (;;) {
      const tok = peek();
      if (tok.type === "word") {
        advance();
        const assignment = cmd.words.length === 0 ? asAssignment(tok.word) : undefined;
        if (assignment) cmd.assignments.push(assignment);
        else cmd.words.push(tok.word);
      } else if (tok.type === "op" && REDIRECT_OPS.has(tok.op)) {
        advance();
        cmd.redirects.push(parseRedirect(tok));
      } else {
        return cmd;
      }
    }
  }

  function parsePipeline(): Pipeline {
    let negated = false;
    for (let tok = peek(); tok.type === "word" && isBang(tok.word); tok = peek()) {
      negated = !negated;
      advance();
    }
    const commands = [parseCommand()];
    while (isOp(peek(), "|")) {
      advance();
      skipNewlines();
      commands.push(parseCommand());
    }
    return { kind: "pipeline", negated, commands };
  }

  const items: ListItem[] = [];
  skipNewlines();
  while (peek().type !== "eof") {
    const item: ListItem = { pipeline: parsePipeline() };
    items.push(item);
    const tok = advance();
    if (tok.type === "eof") break;
    if (tok.type !== "op") throw unexpectedToken(tok);
    if (tok.op === "&&" || tok.op === "||") {
      item.next = tok.op;
      skipNewlines();
      // A pipeline must follow; at the end of input that is "unexpected token `newline'".
      if (peek().type === "eof") throw unexpectedToken(peek());
    } else if (tok.op === ";" || tok.op === "\n") {
      skipNewlines();
      if (peek().type !== "eof") item.next = ";";
    } else {
      throw unexpectedToken(tok);
    }
  }
  return { kind: "script", items };
}

/** `!` unquoted, as the first word of a pipeline. */
function isBang(word: Word): boolean {
  const [only] = word.parts;
  return word.parts.length === 1 && only?.kind === "literal" && !only.quoted && only.value === "!";
}

/** The fd of a `>&`/`<&` target: a word of unquoted digits only. */
function fdNumber(word: Word): number | undefined {
  const [only] = word.parts;
  if (word.parts.length !== 1 || only?.kind !== "literal" || only.quoted) return undefined;
  return /^[0-9]+$/.test(only.value) ? Number(only.value) : undefined;
}

/** `NAME=value` where `NAME=` is unquoted; `X=` gives a value with no parts (the empty string). */
function asAssignment(word: Word): Assignment | undefined {
  const [first, ...rest] = word.parts;
  if (first?.kind !== "literal" || first.quoted) return undefined;
  const m = ASSIGNMENT.exec(first.value);
  if (!m) return undefined;
  const head = first.value.slice(m[0].length);
  const parts = head === "" ? rest : [{ kind: "literal" as const, value: head, quoted: false }, ...rest];
  return { name: m[1]!, value: { parts } };
}
