/**
 * The syntax tree of a command line, as `parse()` produces it and the interpreter runs it.
 *
 * Grammar (a subset of POSIX sh):
 *   script     := list? (newline | ';' list)* -- newlines act as ';'
 *   list       := pipeline (('&&' | '||' | ';') pipeline)*
 *   pipeline   := '!'? command ('|' command)*
 *   command    := (assignment)* word (word | redirect)*  |  (assignment)+ (redirect)*
 *   assignment := NAME '=' word-text   (only before the command word)
 *   redirect   := [fd]'<' word | [fd]'>' word | [fd]'>>' word | [fd]'>&' fd | [fd]'<&' fd
 */

/** One piece of a word. Quoted parts are never split into fields after expansion. */
export type WordPart =
  | { kind: "literal"; value: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `$?`, `$$`, `$0`..`$9`, `$#`, `$@`, `$*`. */
  | { kind: "variable"; name: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export interface Assignment {
  name: string;
  value: Word;
}

export type RedirectOp = "<" | ">" | ">>" | ">&" | "<&";

export type Redirect =
  | { op: "<" | ">" | ">>"; fd: number; target: Word }
  /** `2>&1` is `{ op: ">&", fd: 2, targetFd: 1 }`; `>&2` is `{ op: ">&", fd: 1, targetFd: 2 }`. */
  | { op: ">&" | "<&"; fd: number; targetFd: number };

export interface SimpleCommand {
  kind: "command";
  assignments: Assignment[];
  /** The command word and its arguments, before expansion. Empty for `X=1` alone. */
  words: Word[];
  /** In source order; the interpreter applies them left to right. */
  redirects: Redirect[];
}

export interface Pipeline {
  kind: "pipeline";
  negated: boolean;
  commands: SimpleCommand[];
}

export type ListOperator = ";" | "&&" | "||";

export interface ListItem {
  pipeline: Pipeline;
  /** How the next item runs: always (`;`), on success (`&&`), on failure (`||`). Absent on the last. */
  next?: ListOperator;
}

export interface Script {
  kind: "script";
  items: ListItem[];
}

export class ShellSyntaxError extends Error {
  readonly code = "ESHELLSYNTAX";
  /** Offset in the command line where the error was found. */
  readonly position: number;
  /** True when the input ended too early (open quote, `&&` at the end): more lines may complete it. */
  readonly incomplete: boolean;
  constructor(message: string, position: number, incomplete = false) {
    super(message);
    this.name = "ShellSyntaxError";
    this.position = position;
    this.incomplete = incomplete;
  }
}
