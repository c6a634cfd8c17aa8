/**
 * Word expansion: tilde, variables, then field splitting of unquoted expansions on blanks.
 * Quoted empty strings survive as empty fields; an unquoted expansion that comes to nothing
 * disappears. Pathname globbing is not performed (see docs/shell.md).
 */
import type { Word } from "./ast.js";
import { lookupVariable, type ShellState } from "./state.js";

export function expandWord(word: Word, state: ShellState): string[] {
  const fields: string[] = [];
  let current = "";
  let keep = false;
  const endField = (): void => {
    if (current !== "" || keep) fields.push(current);
    current = "";
    keep = false;
  };
  word.parts.forEach((part, index) => {
    if (part.kind === "literal") {
      const tilde = index === 0 && !part.quoted && /^~(\/|$)/.test(part.value);
      current += tilde ? (state.vars.get("HOME") ?? "/") + part.value.slice(1) : part.value;
      keep ||= part.quoted;
      return;
    }
    if (part.quoted && part.name === "@") {
      // "$@": one field per positional parameter.
      state.positional.forEach((arg, i) => {
        if (i > 0) endField();
        current += arg;
        keep = true;
      });
      return;
    }
    const value = lookupVariable(state, part.name);
    if (part.quoted) {
      current += value;
      keep = true;
      return;
    }
    value.split(/[ \t\n]+/).forEach((piece, i) => {
      if (i > 0) endField();
      current += piece;
    });
  });
  endField();
  return fields;
}

/** Expands a word that must stay one string (assignment values, redirect targets). */
export function expandToString(word: Word, state: ShellState): string {
  return word.parts
    .map((part, index) => {
      if (part.kind === "variable") return lookupVariable(state, part.name);
      const tilde = index === 0 && !part.quoted && /^~(\/|$)/.test(part.value);
      return tilde ? (state.vars.get("HOME") ?? "/") + part.value.slice(1) : part.value;
    })
    .join("");
}
