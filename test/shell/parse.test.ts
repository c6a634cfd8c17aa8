import { describe, expect, it } from "vitest";
import { ShellSyntaxError, type Pipeline, type SimpleCommand, type Word, type WordPart } from "../../kernel/shell/ast.js";
import { parse } from "../../kernel/shell/parse.js";

const lit = (value: string, quoted = false): WordPart => ({ kind: "literal", value, quoted });
const v = (name: string, quoted = false): WordPart => ({ kind: "variable", name, quoted });
const w = (...parts: WordPart[]): Word => ({ parts });
/** A word of one unquoted literal. */
const u = (value: string): Word => w(lit(value));
const cmd = (words: Word[], extra: Partial<SimpleCommand> = {}): SimpleCommand => ({
  kind: "command",
  assignments: [],
  words,
  redirects: [],
  ...extra,
});
const pipe = (...commands: SimpleCommand[]): Pipeline => ({ kind: "pipeline", negated: false, commands });

/** The only command of a one-pipeline, one-command script. */
function single(line: string): SimpleCommand {
  const script = parse(line);
  expect(script.items).toHaveLength(1);
  const [item] = script.items;
  expect(item!.next).toBeUndefined();
  expect(item!.pipeline.commands).toHaveLength(1);
  return item!.pipeline.commands[0]!;
}
const words = (line: string): Word[] => single(line).words;

/** Parses `line`, expecting a ShellSyntaxError, and returns it. */
function syntaxError(line: string): ShellSyntaxError {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(ShellSyntaxError);
    return err as ShellSyntaxError;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(line)}`);
}

describe("parse: lists and pipelines", () => {
  it("parses a quoted pipeline with a redirect in an && list", () => {
    expect(parse(`echo "a  b" 'c $X' | cat > /tmp/f && cat /tmp/f`)).toEqual({
      kind: "script",
      items: [
        {
          pipeline: pipe(
            cmd([u("echo"), w(lit("a  b", true)), w(lit("c $X", true))]),
            cmd([u("cat")], { redirects: [{ op: ">", fd: 1, target: u("/tmp/f") }] }),
          ),
          next: "&&",
        },
        { pipeline: pipe(cmd([u("cat"), u("/tmp/f")])) },
      ],
    });
  });

  it("parses || lists", () => {
    expect(parse("false || echo ok").items).toEqual([
      { pipeline: pipe(cmd([u("false")])), next: "||" },
      { pipeline: pipe(cmd([u("echo"), u("ok")])) },
    ]);
  });

  it("treats ; and newlines as separators and allows a trailing ;", () => {
    const script = parse("a; b\nc\n\n d;");
    expect(script.items.map((i) => i.next)).toEqual([";", ";", ";", undefined]);
    expect(script.items.map((i) => i.pipeline.commands[0]!.words)).toEqual([[u("a")], [u("b")], [u("c")], [u("d")]]);
    expect(parse("echo hi;").items).toEqual([{ pipeline: pipe(cmd([u("echo"), u("hi")])) }]);
  });

  it("allows newlines after |, && and ||", () => {
    const script = parse("a |\n b &&\n\n c ||\n d");
    expect(script.items.map((i) => i.next)).toEqual(["&&", "||", undefined]);
    expect(script.items[0]!.pipeline.commands).toHaveLength(2);
  });

  it("negates a pipeline with a leading !", () => {
    expect(parse("! true").items).toEqual([{ pipeline: { kind: "pipeline", negated: true, commands: [cmd([u("true")])] } }]);
    expect(parse("! a | b").items[0]!.pipeline).toMatchObject({ negated: true, commands: [{ words: [u("a")] }, { words: [u("b")] }] });
    expect(parse("! ! true").items[0]!.pipeline.negated).toBe(false);
    expect(words("echo !")).toEqual([u("echo"), u("!")]);
    expect(words("'!' x")).toEqual([w(lit("!", true)), u("x")]);
  });

  it("returns no items for empty input, blanks or comments", () => {
    for (const line of ["", "   ", "\n\n", "# just a comment", "  # c\n\t# d\n"]) {
      expect(parse(line)).toEqual({ kind: "script", items: [] });
    }
  });

  it("parses a plain command", () => {
    expect(parse("cd /nope")).toEqual({ kind: "script", items: [{ pipeline: pipe(cmd([u("cd"), u("/nope")])) }] });
  });
});

describe("parse: words and quoting", () => {
  it("keeps single quotes literal", () => {
    expect(words(`echo 'a\\b $X "q"'`)).toEqual([u("echo"), w(lit('a\\b $X "q"', true))]);
  });

  it("concatenates adjacent pieces into one word", () => {
    expect(words(`echo a"b c"'d'`)).toEqual([u("echo"), w(lit("a"), lit("b cd", true))]);
    expect(words(`echo "x"$Y'z'`)).toEqual([u("echo"), w(lit("x", true), v("Y"), lit("z", true))]);
  });

  it("keeps empty quoted strings as empty arguments", () => {
    expect(words(`echo "" ''`)).toEqual([u("echo"), w(lit("", true)), w(lit("", true))]);
  });

  it("escapes the next character with a backslash outside quotes", () => {
    expect(words("echo a\\ b")).toEqual([u("echo"), w(lit("a"), lit(" ", true), lit("b"))]);
    expect(words("echo \\$X \\'")).toEqual([u("echo"), w(lit("$", true), lit("X")), w(lit("'", true))]);
  });

  it("handles backslashes inside double quotes like sh", () => {
    expect(words(`echo "\\$ \\" \\\\ \\n \\a"`)).toEqual([u("echo"), w(lit('$ " \\ \\n \\a', true))]);
  });

  it("removes line continuations", () => {
    expect(parse("echo a \\\n  b").items[0]!.pipeline.commands[0]!.words).toEqual([u("echo"), u("a"), u("b")]);
    expect(words("ec\\\nho")).toEqual([u("echo")]);
    expect(words('echo "a\\\nb"')).toEqual([u("echo"), w(lit("ab", true))]);
  });

  it("keeps newlines inside quotes", () => {
    expect(words("echo 'a\nb'")).toEqual([u("echo"), w(lit("a\nb", true))]);
  });

  it("treats # as a comment only at the start of a word", () => {
    expect(parse("echo a#b # comment | x\necho c").items).toEqual([
      { pipeline: pipe(cmd([u("echo"), u("a#b")])), next: ";" },
      { pipeline: pipe(cmd([u("echo"), u("c")])) },
    ]);
    expect(words("echo '#x' \\#y")).toEqual([u("echo"), w(lit("#x", true)), w(lit("#", true), lit("y"))]);
    expect(words("echo hi;# c").length).toBe(2);
  });

  it("treats braces as ordinary words", () => {
    expect(words("echo { } a{b}")).toEqual([u("echo"), u("{"), u("}"), u("a{b}")]);
  });
});

describe("parse: variables", () => {
  it("expands $NAME and ${NAME}", () => {
    expect(words(`echo "$HOME/x"`)).toEqual([u("echo"), w(v("HOME", true), lit("/x", true))]);
    expect(words("echo ${A}b")).toEqual([u("echo"), w(v("A"), lit("b"))]);
    expect(words("echo $A_1b-c")).toEqual([u("echo"), w(v("A_1b"), lit("-c"))]);
    expect(words(`echo "\${X}y"`)).toEqual([u("echo"), w(v("X", true), lit("y", true))]);
  });

  it("recognises special parameters", () => {
    expect(words("echo $? $$ $# $@ $* $0 $9")).toEqual([
      u("echo"),
      ...["?", "$", "#", "@", "*", "0", "9"].map((n) => w(v(n))),
    ]);
    expect(words("echo $10")).toEqual([u("echo"), w(v("1"), lit("0"))]);
    expect(words("echo ${10} ${?}")).toEqual([u("echo"), w(v("10")), w(v("?"))]);
  });

  it("keeps a $ that starts no expansion", () => {
    expect(words("echo $")).toEqual([u("echo"), u("$")]);
    expect(words(`echo "$" a$ $-`)).toEqual([u("echo"), w(lit("$", true)), u("a$"), u("$-")]);
    expect(words(`echo $"x"`)).toEqual([u("echo"), w(lit("$"), lit("x", true))]);
  });

  it("rejects unterminated or unsupported ${...}", () => {
    expect(syntaxError("echo ${A").message).toMatch(/unterminated \$\{/);
    expect(syntaxError("echo ${A").position).toBe(5);
    expect(syntaxError("echo ${A:-x}").message).toMatch(/bad substitution/);
    expect(syntaxError("echo ${}").message).toMatch(/bad substitution/);
    expect(syntaxError('echo "${A"').message).toMatch(/unterminated/);
  });

  it("rejects command substitution", () => {
    expect(syntaxError("echo $(ls)").message).toMatch(/command substitution/);
    expect(syntaxError("echo `ls`").message).toMatch(/command substitution/);
  });
});

describe("parse: redirections", () => {
  it("parses fd duplication and redirections in order", () => {
    expect(single("echo hi 2>&1 >/dev/null")).toEqual(
      cmd([u("echo"), u("hi")], {
        redirects: [
          { op: ">&", fd: 2, targetFd: 1 },
          { op: ">", fd: 1, target: u("/dev/null") },
        ],
      }),
    );
  });

  it("parses input redirection", () => {
    expect(single("cat < /f")).toEqual(cmd([u("cat")], { redirects: [{ op: "<", fd: 0, target: u("/f") }] }));
    expect(single("cat 0</f").redirects).toEqual([{ op: "<", fd: 0, target: u("/f") }]);
    expect(single("cat 3<&0").redirects).toEqual([{ op: "<&", fd: 3, targetFd: 0 }]);
  });

  it("distinguishes 2>f from 2 >f", () => {
    expect(single("echo 2>f")).toEqual(cmd([u("echo")], { redirects: [{ op: ">", fd: 2, target: u("f") }] }));
    expect(single("echo 2 >f")).toEqual(cmd([u("echo"), u("2")], { redirects: [{ op: ">", fd: 1, target: u("f") }] }));
    expect(single("echo a2>f").words).toEqual([u("echo"), u("a2")]);
    expect(single("echo '2'>f").redirects).toEqual([{ op: ">", fd: 1, target: u("f") }]);
  });

  it("parses append redirections", () => {
    expect(single("cmd 2>>log")).toEqual(cmd([u("cmd")], { redirects: [{ op: ">>", fd: 2, target: u("log") }] }));
    expect(single("cmd >> 'a b'").redirects).toEqual([{ op: ">>", fd: 1, target: w(lit("a b", true)) }]);
  });

  it("parses >&N with and without a leading fd", () => {
    expect(single("echo >&2").redirects).toEqual([{ op: ">&", fd: 1, targetFd: 2 }]);
    expect(single("echo >&2 x").words).toEqual([u("echo"), u("x")]);
    // The digits after >& are the target, never the fd prefix of the next redirection.
    expect(single("echo >&2>f").redirects).toEqual([
      { op: ">&", fd: 1, targetFd: 2 },
      { op: ">", fd: 1, target: u("f") },
    ]);
  });

  it("allows redirections anywhere in the command", () => {
    expect(single("<in cat -n >out")).toEqual(
      cmd([u("cat"), u("-n")], {
        redirects: [
          { op: "<", fd: 0, target: u("in") },
          { op: ">", fd: 1, target: u("out") },
        ],
      }),
    );
  });

  it("rejects >& to something other than an fd number", () => {
    const err = syntaxError("echo >& file");
    expect(err.message).toMatch(/file descriptor/);
    expect(err.position).toBe(8);
  });

  it("reports a missing redirect target", () => {
    const err = syntaxError("echo x >");
    expect(err.message).toBe("syntax error near unexpected token `newline'");
    expect(err.position).toBe(8);
    expect(syntaxError("echo > | x").message).toBe("syntax error near unexpected token `|'");
    expect(syntaxError("echo >&").message).toBe("syntax error near unexpected token `newline'");
  });
});

describe("parse: assignments", () => {
  it("parses assignments before the command word", () => {
    expect(single("X=1 env")).toEqual(cmd([u("env")], { assignments: [{ name: "X", value: u("1") }] }));
  });

  it("parses quoted and variable values", () => {
    expect(single(`A="x y" B=$C'd' _e= env`).assignments).toEqual([
      { name: "A", value: w(lit("x y", true)) },
      { name: "B", value: w(v("C"), lit("d", true)) },
      { name: "_e", value: w() },
    ]);
  });

  it("treats NAME=value after the command word as an ordinary word", () => {
    expect(single("env X=1")).toEqual(cmd([u("env"), u("X=1")]));
  });

  it("accepts a command of only assignments and redirections", () => {
    expect(single("X=1 Y=2")).toEqual(cmd([], { assignments: [{ name: "X", value: u("1") }, { name: "Y", value: u("2") }] }));
    expect(single(">f")).toEqual(cmd([], { redirects: [{ op: ">", fd: 1, target: u("f") }] }));
    expect(single("X=1 >f")).toMatchObject({ words: [], assignments: [{ name: "X" }], redirects: [{ op: ">" }] });
  });

  it("does not treat quoted or invalid names as assignments", () => {
    expect(single(`"X"=1`).words).toEqual([w(lit("X", true), lit("=1"))]);
    expect(single("X\\=1").assignments).toEqual([]);
    expect(single("1X=2").words).toEqual([u("1X=2")]);
    expect(single("=x").words).toEqual([u("=x")]);
  });
});

describe("parse: syntax errors", () => {
  it("reports unterminated quotes", () => {
    const single = syntaxError("echo 'unterminated");
    expect(single.message).toMatch(/unterminated quoted string/);
    expect(single.position).toBe(5);
    expect(single.code).toBe("ESHELLSYNTAX");
    const double = syntaxError('echo ok "a\\"');
    expect(double.message).toMatch(/unterminated quoted string/);
    expect(double.position).toBe(8);
  });

  it.each([
    ["| x", "|", 0],
    ["x |", "newline", 3],
    ["x && ", "newline", 5],
    ["&& x", "&&", 0],
    ["x || || y", "||", 5],
    ["; ;", ";", 0],
    ["x ; ;", ";", 4],
    ["x\n;", ";", 2],
    ["x | | y", "|", 4],
    ["!", "newline", 1],
    ["x;;", ";;", 1],
    ["(x)", "(", 0],
    ["x )", ")", 2],
  ])("%j → unexpected token %s", (line, token, position) => {
    const err = syntaxError(line);
    expect(err.message).toMatch(new RegExp(`^syntax error near unexpected token \`${token.replace(/[|()]/g, "\\$&")}'`));
    expect(err.position).toBe(position);
  });

  it("mentions subshells for (", () => {
    expect(syntaxError("echo (x)").message).toMatch(/subshells are not supported/);
  });

  it("rejects background jobs", () => {
    const err = syntaxError("sleep 1 & echo");
    expect(err.message).toMatch(/background jobs/);
    expect(err.position).toBe(8);
    expect(syntaxError("sleep 1 &").message).toMatch(/background jobs/);
    expect(() => parse("x &> f")).toThrow(ShellSyntaxError);
  });

  it("rejects here-documents", () => {
    expect(syntaxError("cat <<EOF").message).toMatch(/here-documents/);
  });

  it("accepts operators inside quotes", () => {
    expect(words(`echo '|' "&&" \\; "(" '>'`)).toEqual([
      u("echo"),
      w(lit("|", true)),
      w(lit("&&", true)),
      w(lit(";", true)),
      w(lit("(", true)),
      w(lit(">", true)),
    ]);
  });
});
