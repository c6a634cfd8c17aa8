import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";

let kernel: Kernel;
beforeEach(() => {
  kernel = createKernel();
});
afterEach(async () => {
  await kernel.dispose();
});

describe("kernel.exec: the shell", () => {
  it("quotes, pipes, redirections and && as in the acceptance example", async () => {
    const result = await kernel.exec(`echo "a  b" 'c $X' | cat > /tmp/f && cat /tmp/f`);
    expect(result).toEqual({ exitCode: 0, stdout: "a  b c $X\n", stderr: "" });
  });

  it("runs || only after a failure", async () => {
    expect(await kernel.exec("false || echo ok")).toMatchObject({ exitCode: 0, stdout: "ok\n" });
    expect(await kernel.exec("true || echo no")).toMatchObject({ exitCode: 0, stdout: "" });
    expect(await kernel.exec("false && echo no; echo $?")).toMatchObject({ stdout: "1\n" });
    expect(await kernel.exec("false && echo a || echo b")).toMatchObject({ stdout: "b\n" });
  });

  it("answers an unknown command with 127 and `command not found`", async () => {
    const result = await kernel.exec("nosuch arg");
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe("sh: nosuch: command not found\n");
    expect(await kernel.exec("nosuch; echo $?")).toMatchObject({ stdout: "127\n" });
  });

  it("exits 2 with a message on a syntax error", async () => {
    const result = await kernel.exec("echo 'unterminated");
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^sh: syntax error: unterminated/);
    expect((await kernel.exec("echo a | | b")).exitCode).toBe(2);
  });

  it("cd to a missing directory fails with 1 and leaves the cwd", async () => {
    const result = await kernel.exec("cd /nope");
    expect(result).toEqual({ exitCode: 1, stdout: "", stderr: "sh: cd: /nope: No such file or directory\n" });
    expect((await kernel.exec("cd /nope; pwd")).stdout).toBe("/root\n");
    expect((await kernel.exec("cd /tmp && pwd && cd - && cd ~ && pwd")).stdout).toBe("/tmp\n/root\n/root\n");
  });

  it("passes VAR=v prefixes to the command only", async () => {
    const result = await kernel.exec("X=1 env");
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n")).toContain("X=1");
    expect((await kernel.exec("X=1 true; echo \"[$X]\"")).stdout).toBe("[]\n");
    expect((await kernel.exec("X=1; echo $X; env")).stdout.split("\n")).not.toContain("X=1");
    expect((await kernel.exec("export X=2; env")).stdout.split("\n")).toContain("X=2");
  });

  it("applies redirections left to right, as bash does", async () => {
    // stdout goes to /dev/null after stderr was pointed at the old stdout.
    expect(await kernel.exec("echo hi 2>&1 >/dev/null")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(await kernel.exec("sh -c 'echo err >&2' 2>&1 >/dev/null")).toEqual({ exitCode: 0, stdout: "err\n", stderr: "" });
    expect(await kernel.exec("sh -c 'echo err >&2' >/dev/null 2>&1")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(await kernel.exec("nosuch 2>/tmp/e; cat /tmp/e")).toMatchObject({ stdout: "sh: nosuch: command not found\n", stderr: "" });
  });

  it("reads a file on stdin with <", async () => {
    await kernel.filesystem.writeFile("/f", "line 1\nline 2\n");
    expect(await kernel.exec("cat < /f")).toEqual({ exitCode: 0, stdout: "line 1\nline 2\n", stderr: "" });
    expect(await kernel.exec("cat < /missing")).toEqual({ exitCode: 1, stdout: "", stderr: "sh: /missing: No such file or directory\n" });
  });

  it("appends with >> and truncates with >", async () => {
    await kernel.exec("echo one > /tmp/x; echo two >> /tmp/x");
    expect((await kernel.exec("cat /tmp/x")).stdout).toBe("one\ntwo\n");
    await kernel.exec("echo three > /tmp/x");
    expect((await kernel.exec("cat /tmp/x")).stdout).toBe("three\n");
  });

  it("expands variables, special parameters and splits unquoted fields", async () => {
    const env = { A: "x  y", HOME: "/root" };
    expect((await kernel.exec(`printf '[%s]' $A; echo; printf '[%s]' "$A"; echo`, { env })).stdout).toBe("[x][y]\n[x  y]\n");
    expect((await kernel.exec(`echo \${A}z "$UNSET" '$A' \\$A`, { env })).stdout).toBe("x yz  $A $A\n");
    expect((await kernel.exec("sh -c 'echo $0 $1 $#' name one")).stdout).toBe("name one 1\n");
  });

  it("echo handles -n and -e", async () => {
    expect((await kernel.exec("echo -n a; echo -e 'b\\tc'")).stdout).toBe("ab\tc\n");
  });

  it("exit stops the script with its status", async () => {
    expect(await kernel.exec("echo a; exit 3; echo b")).toEqual({ exitCode: 3, stdout: "a\n", stderr: "" });
    // In a pipeline, exit ends only its own stage.
    expect(await kernel.exec("exit 4 | echo c; echo d")).toMatchObject({ exitCode: 0, stdout: "c\nd\n" });
  });

  it("a pipeline's status is its last command's, ! negates it", async () => {
    expect((await kernel.exec("false | true")).exitCode).toBe(0);
    expect((await kernel.exec("true | false")).exitCode).toBe(1);
    expect((await kernel.exec("! true")).exitCode).toBe(1);
  });

  it("feeds stdin and honours env and cwd options", async () => {
    expect((await kernel.exec("cat", { stdin: "piped in" })).stdout).toBe("piped in");
    expect((await kernel.exec("pwd", { cwd: "/tmp" })).stdout).toBe("/tmp\n");
    expect((await kernel.exec("echo $ONLY", { env: { ONLY: "me" } })).stdout).toBe("me\n");
  });

  it("streams output through onStdout and onStderr", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await kernel.exec("echo a; nosuch; echo b", { onStdout: (c) => out.push(c), onStderr: (c) => err.push(c) });
    expect(out.join("")).toBe("a\nb\n");
    expect(err.join("")).toBe("sh: nosuch: command not found\n");
    expect(result.stdout).toBe("a\nb\n");
  });

  it("keeps collecting when an output callback throws", async () => {
    // 200 KB is more than a pipe holds: a stalled reader would block cat forever.
    const result = await kernel.exec("cat", {
      stdin: "y".repeat(200_000),
      onStdout: () => {
        throw new Error("callback bug");
      },
    });
    expect(result).toEqual({ exitCode: 0, stdout: "y".repeat(200_000), stderr: "" });
  });

  it("kills a command line at its timeout with 124", async () => {
    const started = Date.now();
    const result = await kernel.exec("echo start; sleep 10; echo never", { timeout: 100 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true, stdout: "start\n" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(kernel.processes().filter((p) => p.running)).toEqual([]);
  });

  it("never rejects for command-line content", async () => {
    for (const line of ["", "   ", "# only a comment", ";;", "&", "(x)", "echo $(", "> ", "a &&", "'", "\"", "echo ${", "\\"]) {
      const result = await kernel.exec(line);
      expect(typeof result.exitCode).toBe("number");
    }
  });

  it("rejects non-string command lines with a coded error", async () => {
    await expect(kernel.exec(42 as unknown as string)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });
});

describe("sh reading stdin", () => {
  it("runs line by line, keeping state, and lets quotes span lines", async () => {
    const script = "cd /tmp\nexport V=1\necho \"$V at $(pwd\n".replace("$(pwd", "`pwd`");
    // Command substitution is refused: that line fails with 2 and the shell reads on.
    const result = await kernel.exec("sh", { stdin: `${script}echo 'a\nb'\npwd\nfalse &&\n  echo never\necho $?\n` });
    expect(result.stdout).toBe("a\nb\n/tmp\n1\n");
    expect(result.stderr).toMatch(/^sh: syntax error: command substitution/);
  });

  it("prints prompts on stderr with -i and exits with `exit`", async () => {
    const result = await kernel.exec("sh -i", { stdin: "echo one\necho 'two\nlines'\nexit 5\necho never\n" });
    expect(result).toEqual({ exitCode: 5, stdout: "one\ntwo\nlines\n", stderr: "$ $ > $ " });
  });
});
