import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKernel, type ExecOptions, type Kernel } from "../../kernel/index.js";
import { DRIVER_NAME } from "../../plugins/basic-commands/index.js";

let kernel: Kernel;

beforeEach(async () => {
  kernel = createKernel();
  await kernel.filesystem.writeFile("/root/a.txt", "one\ntwo\nthree\n");
  await kernel.filesystem.writeFile("/root/b.txt", "alpha beta\ngamma\n");
});

afterEach(async () => {
  await kernel.dispose();
});

const run = (line: string, options?: ExecOptions) => kernel.exec(line, options);
const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: "" });
const failed = (exitCode: number, stderr: string, stdout = "") => ({ exitCode, stdout, stderr });
const read = async (path: string) => new TextDecoder().decode(await kernel.filesystem.readFile(path));
const numbered = (count: number) => Array.from({ length: count }, (_, index) => `${index + 1}\n`).join("");

describe("the driver", () => {
  it("registers every basic command under its name", () => {
    expect(kernel.drivers()).toContain(DRIVER_NAME);
    for (const name of ["cat", "ls", "mkdir", "rm", "cp", "mv", "touch", "head", "tail", "wc", "env", "printf", "sleep"]) {
      expect(kernel.commands()).toContain(name);
    }
  });

  it("runs a command named by path, as /bin/cat", async () => {
    expect(await run("/bin/cat a.txt")).toEqual(ok("one\ntwo\nthree\n"));
  });

  it("reports an unknown option as a usage error with exit 2", async () => {
    expect(await run("cat -x a.txt")).toEqual(failed(2, "cat: invalid option -- 'x'\n"));
    expect(await run("rm -rz a.txt")).toEqual(failed(2, "rm: invalid option -- 'z'\n"));
    expect(await run("ls --bogus")).toEqual(failed(2, "ls: unrecognized option '--bogus'\n"));
    expect(await run("head -n")).toEqual(failed(2, "head: option requires an argument -- 'n'\n"));
    expect(await kernel.filesystem.exists("/root/a.txt")).toBe(true);
  });

  it("treats everything after -- as operands", async () => {
    await kernel.filesystem.writeFile("/root/-n", "dash\n");
    expect(await run("cat -- -n")).toEqual(ok("dash\n"));
    expect(await run("rm -- -n && ls")).toEqual(ok("a.txt\nb.txt\n"));
  });
});

describe("cat", () => {
  it("concatenates files and standard input (-) in order", async () => {
    expect(await run("echo mid | cat a.txt - b.txt")).toEqual(ok("one\ntwo\nthree\nmid\nalpha beta\ngamma\n"));
    expect(await run("cat", { stdin: "from stdin\n" })).toEqual(ok("from stdin\n"));
  });

  it("reports a missing file, goes on with the others and exits 1", async () => {
    expect(await run("cat nope a.txt")).toEqual(failed(1, "cat: nope: No such file or directory\n", "one\ntwo\nthree\n"));
  });

  it("refuses a directory", async () => {
    expect(await run("cat /tmp")).toEqual(failed(1, "cat: /tmp: Is a directory\n"));
  });

  it("numbers lines across files with -n", async () => {
    expect(await run("cat -n a.txt b.txt")).toEqual(
      ok("     1\tone\n     2\ttwo\n     3\tthree\n     4\talpha beta\n     5\tgamma\n"),
    );
  });

  it("streams a file larger than a pipe through a pipeline", async () => {
    await kernel.filesystem.writeFile("/root/big", new Uint8Array(300_000).fill(0x61));
    expect(await run("cat big | cat | wc -c")).toEqual(ok("300000\n"));
  });
});

describe("ls", () => {
  beforeEach(async () => {
    await kernel.filesystem.mkdir("/root/dir/sub", { recursive: true });
    await kernel.filesystem.writeFile("/root/dir/z.txt", "z");
    await kernel.filesystem.writeFile("/root/dir/.hidden", "");
    await kernel.filesystem.writeFile("/root/dir/B", "");
  });

  it("lists sorted names one per line, hiding dotfiles", async () => {
    expect(await run("ls dir")).toEqual(ok("B\nsub\nz.txt\n"));
    expect(await run("ls")).toEqual(ok("a.txt\nb.txt\ndir\n"));
  });

  it("shows dotfiles with -A, and . and .. too with -a", async () => {
    expect(await run("ls -A dir")).toEqual(ok(".hidden\nB\nsub\nz.txt\n"));
    expect(await run("ls -a1 dir")).toEqual(ok(".\n..\n.hidden\nB\nsub\nz.txt\n"));
  });

  it("prints files first, then each directory under a header", async () => {
    expect(await run("ls dir/sub a.txt dir")).toEqual(ok("a.txt\n\ndir:\nB\nsub\nz.txt\n\ndir/sub:\n"));
  });

  it("reports a missing path with exit 2 and still lists the rest", async () => {
    expect(await run("ls nope a.txt")).toEqual(failed(2, "ls: cannot access 'nope': No such file or directory\n", "a.txt\n"));
  });

  it("lists recursively with -R", async () => {
    await kernel.filesystem.writeFile("/root/dir/sub/deep", "");
    expect(await run("ls -R dir")).toEqual(ok("dir:\nB\nsub\nz.txt\n\ndir/sub:\ndeep\n"));
  });

  it("prints the long format with -l", async () => {
    const old = Date.UTC(2020, 0, 2, 3, 4);
    await kernel.filesystem.chmod("/root/dir/z.txt", 0o640);
    await kernel.filesystem.utimes("/root/dir/z.txt", old, old);
    await kernel.filesystem.writeFile("/root/dir/big", "x".repeat(2048));
    await kernel.filesystem.chmod("/root/dir/big", 0o755);
    const recent = Date.now() - 3_600_000;
    await kernel.filesystem.utimes("/root/dir/big", recent, recent);
    const date = new Date(recent);
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const pad = (n: number) => String(n).padStart(2, "0");
    const stamp = `${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
    expect(await run("ls -l dir/z.txt dir/big")).toEqual(
      ok(`-rwxr-xr-x 1 root root 2048 ${stamp} dir/big\n-rw-r----- 1 root root    1 Jan  2  2020 dir/z.txt\n`),
    );
  });

  it("shows symlink targets and directory modes in the long format", async () => {
    await kernel.filesystem.mkdir("/root/links");
    await kernel.filesystem.symlink("../a.txt", "/root/links/to-a");
    await kernel.filesystem.mkdir("/root/links/d");
    await kernel.filesystem.chmod("/root/links/d", 0o755);
    const { exitCode, stdout } = await run("ls -l links");
    expect(exitCode).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^total \d+$/);
    expect(lines[1]).toMatch(/^drwxr-xr-x +\d+ root root +\d+ \w{3} [ \d]\d [ \d]\d:\d\d d$/);
    expect(lines[2]).toMatch(/^l[-rwx]{9} +1 root root +\d+ .* to-a -> \.\.\/a\.txt$/);
    expect(lines.slice(3)).toEqual([""]);
  });
});

describe("mkdir", () => {
  it("creates directories", async () => {
    expect(await run("mkdir d1 d2 && ls")).toEqual(ok("a.txt\nb.txt\nd1\nd2\n"));
  });

  it("fails on an existing path and a missing parent", async () => {
    expect(await run("mkdir a.txt")).toEqual(failed(1, "mkdir: cannot create directory 'a.txt': File exists\n"));
    expect(await run("mkdir x/y")).toEqual(failed(1, "mkdir: cannot create directory 'x/y': No such file or directory\n"));
  });

  it("creates parents with -p and accepts existing directories", async () => {
    expect(await run("mkdir -p x/y/z && mkdir -p x/y && ls -R x")).toEqual(ok("x:\ny\n\nx/y:\nz\n\nx/y/z:\n"));
  });

  it("needs an operand", async () => {
    expect(await run("mkdir")).toEqual(failed(1, "mkdir: missing operand\n"));
  });
});

describe("rm", () => {
  it("removes files", async () => {
    expect(await run("rm a.txt b.txt && ls")).toEqual(ok(""));
  });

  it("refuses a directory without -r and removes it with -r", async () => {
    await kernel.filesystem.mkdir("/root/d/e", { recursive: true });
    await kernel.filesystem.writeFile("/root/d/e/f", "x");
    expect(await run("rm d")).toEqual(failed(1, "rm: cannot remove 'd': Is a directory\n"));
    expect(await run("rm -r d && ls")).toEqual(ok("a.txt\nb.txt\n"));
  });

  it("reports a missing path unless -f", async () => {
    expect(await run("rm nope a.txt")).toEqual(failed(1, "rm: cannot remove 'nope': No such file or directory\n"));
    expect(await kernel.filesystem.exists("/root/a.txt")).toBe(false);
    expect(await run("rm -f nope")).toEqual(ok(""));
    expect(await run("rm -rf nope b.txt && ls")).toEqual(ok(""));
    expect(await run("rm")).toEqual(failed(1, "rm: missing operand\n"));
  });

  it("refuses . and ..", async () => {
    expect(await run("rm -rf .")).toEqual(failed(1, "rm: refusing to remove '.' or '..' directory: skipping '.'\n"));
  });
});

describe("cp", () => {
  it("copies a file", async () => {
    expect(await run("cp a.txt c.txt && cat c.txt")).toEqual(ok("one\ntwo\nthree\n"));
  });

  it("copies into a directory", async () => {
    await kernel.filesystem.mkdir("/root/d");
    expect(await run("cp a.txt b.txt d && ls d")).toEqual(ok("a.txt\nb.txt\n"));
    expect(await read("/root/d/b.txt")).toBe("alpha beta\ngamma\n");
  });

  it("omits a directory without -r and copies it whole with -r", async () => {
    await kernel.filesystem.mkdir("/root/src/inner", { recursive: true });
    await kernel.filesystem.writeFile("/root/src/inner/f", "deep");
    expect(await run("cp src dst")).toEqual(failed(1, "cp: -r not specified; omitting directory 'src'\n"));
    expect(await run("cp -r src dst && ls -R dst")).toEqual(ok("dst:\ninner\n\ndst/inner:\nf\n"));
    expect(await read("/root/dst/inner/f")).toBe("deep");
    expect(await run("cp -r src dst && ls dst")).toEqual(ok("inner\nsrc\n"));
  });

  it("reports usage and missing sources", async () => {
    expect(await run("cp nope x")).toEqual(failed(1, "cp: cannot stat 'nope': No such file or directory\n"));
    expect(await run("cp a.txt")).toEqual(failed(1, "cp: missing destination file operand after 'a.txt'\n"));
    expect(await run("cp a.txt b.txt c.txt")).toEqual(failed(1, "cp: target 'c.txt' is not a directory\n"));
    expect(await run("cp a.txt a.txt")).toEqual(failed(1, "cp: 'a.txt' and 'a.txt' are the same file\n"));
  });
});

describe("mv", () => {
  it("renames a file", async () => {
    expect(await run("mv a.txt c.txt && ls && cat c.txt")).toEqual(ok("b.txt\nc.txt\none\ntwo\nthree\n"));
  });

  it("moves into a directory", async () => {
    await kernel.filesystem.mkdir("/root/d");
    expect(await run("mv a.txt b.txt d && ls . d")).toEqual(ok(".:\nd\n\nd:\na.txt\nb.txt\n"));
  });

  it("reports a missing source and a move into itself", async () => {
    await kernel.filesystem.mkdir("/root/d");
    expect(await run("mv nope x")).toEqual(failed(1, "mv: cannot stat 'nope': No such file or directory\n"));
    expect(await run("mv d d/e")).toEqual(failed(1, "mv: cannot move 'd' to a subdirectory of itself, 'd/e'\n"));
  });
});

describe("touch", () => {
  it("creates missing files empty", async () => {
    expect(await run("touch new && wc -c new")).toEqual(ok("0 new\n"));
  });

  it("updates the times of an existing file and keeps its content", async () => {
    const old = Date.UTC(2020, 0, 1);
    await kernel.filesystem.utimes("/root/a.txt", old, old);
    expect(await run("touch a.txt")).toEqual(ok(""));
    expect((await kernel.filesystem.stat("/root/a.txt")).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
    expect(await read("/root/a.txt")).toBe("one\ntwo\nthree\n");
  });

  it("reports a file it cannot create", async () => {
    expect(await run("touch nodir/f")).toEqual(failed(1, "touch: cannot touch 'nodir/f': No such file or directory\n"));
  });
});

describe("head", () => {
  beforeEach(async () => {
    await kernel.filesystem.writeFile("/root/n.txt", numbered(15));
  });

  it("prints the first 10 lines by default", async () => {
    expect(await run("head n.txt")).toEqual(ok(numbered(10)));
  });

  it("takes -n N, -nN and -N", async () => {
    expect(await run("head -n 2 n.txt")).toEqual(ok("1\n2\n"));
    expect(await run("head -n3 n.txt")).toEqual(ok("1\n2\n3\n"));
    expect(await run("head -1 n.txt")).toEqual(ok("1\n"));
    expect(await run("head --lines=2 n.txt")).toEqual(ok("1\n2\n"));
  });

  it("prints all but the last N lines with -n -N, and bytes with -c", async () => {
    expect(await run("head -n -13 n.txt")).toEqual(ok("1\n2\n"));
    expect(await run("head -c 5 a.txt")).toEqual(ok("one\nt"));
  });

  it("prints headers for several files", async () => {
    expect(await run("head -n 1 a.txt nope b.txt")).toEqual(
      failed(1, "head: nope: No such file or directory\n", "==> a.txt <==\none\n\n==> b.txt <==\nalpha beta\n"),
    );
  });

  it("rejects an invalid count", async () => {
    expect(await run("head -n x a.txt")).toEqual(failed(1, "head: invalid number of lines: 'x'\n"));
  });

  it("stops reading an endless input once it has enough", async () => {
    expect(await run("cat /dev/zero | head -c 5 | wc -c")).toEqual(ok("5\n"));
    expect(await run("printf 'a\\nb\\nc\\n' | head -n 2 | wc -l")).toEqual(ok("2\n"));
  });
});

describe("tail", () => {
  beforeEach(async () => {
    await kernel.filesystem.writeFile("/root/n.txt", numbered(15));
  });

  it("prints the last 10 lines by default", async () => {
    expect(await run("tail n.txt")).toEqual(ok(numbered(15).split("\n").slice(5).join("\n")));
  });

  it("takes -n N and -n +K", async () => {
    expect(await run("tail -n 2 a.txt")).toEqual(ok("two\nthree\n"));
    expect(await run("tail -n +14 n.txt")).toEqual(ok("14\n15\n"));
    expect(await run("tail -2 a.txt")).toEqual(ok("two\nthree\n"));
  });

  it("counts an unterminated last line and takes -c", async () => {
    expect(await run("printf 'a\\nb\\nc' | tail -n 2")).toEqual(ok("b\nc"));
    expect(await run("tail -c 4 a.txt")).toEqual(ok("ree\n"));
    expect(await run("tail -c +13 a.txt")).toEqual(ok("e\n"));
  });

  it("prints headers for several files and reports missing ones", async () => {
    expect(await run("tail -n 1 a.txt b.txt")).toEqual(ok("==> a.txt <==\nthree\n\n==> b.txt <==\ngamma\n"));
    expect(await run("tail nope")).toEqual(failed(1, "tail: nope: No such file or directory\n"));
  });
});

describe("wc", () => {
  it("counts standard input in GNU's 7-wide columns", async () => {
    expect(await run("echo hi | wc")).toEqual(ok("      1       1       3\n"));
    expect(await run("printf 'a b\\nc\\n' | wc -l")).toEqual(ok("2\n"));
    expect(await run("printf 'a b\\nc\\n' | wc -lw")).toEqual(ok("      2       3\n"));
  });

  it("counts files with a total line", async () => {
    expect(await run("wc a.txt")).toEqual(ok(" 3  3 14 a.txt\n"));
    expect(await run("wc -l a.txt")).toEqual(ok("3 a.txt\n"));
    expect(await run("wc a.txt b.txt")).toEqual(ok(" 3  3 14 a.txt\n 2  3 17 b.txt\n 5  6 31 total\n"));
    expect(await run("wc -w b.txt a.txt")).toEqual(ok(" 3 b.txt\n 3 a.txt\n 6 total\n"));
  });

  it("reports a missing file and counts the rest", async () => {
    expect(await run("wc -c nope a.txt")).toEqual(failed(1, "wc: nope: No such file or directory\n", "14 a.txt\n14 total\n"));
  });

  it("prints the longest line's width with -L", async () => {
    expect(await run("wc -L a.txt b.txt")).toEqual(ok(" 5 a.txt\n10 b.txt\n10 total\n"));
  });

  it("counts characters apart from bytes", async () => {
    expect(await run("printf 'h\\303\\251\\n' | wc -mc")).toEqual(ok("      3       4\n"));
  });
});

describe("env", () => {
  it("prints the environment with assignments applied", async () => {
    expect(await run("env", { env: { A: "1", B: "2" } })).toEqual(ok("A=1\nB=2\n"));
    expect(await run("env B=3 C=4", { env: { A: "1", B: "2" } })).toEqual(ok("A=1\nB=3\nC=4\n"));
    expect(await run("env -u A", { env: { A: "1", B: "2" } })).toEqual(ok("B=2\n"));
  });

  it("starts from an empty environment with -i", async () => {
    expect(await run("env -i X=y")).toEqual(ok("X=y\n"));
  });

  it("runs a command with the changed environment and returns its status", async () => {
    expect(await run("env -i GREETING=hello sh -c 'echo $GREETING; exit 3'")).toEqual({ exitCode: 3, stdout: "hello\n", stderr: "" });
    expect(await run("echo piped | env X=1 cat")).toEqual(ok("piped\n"));
  });

  it("exits 127 for an unknown command", async () => {
    expect(await run("env nosuch arg")).toEqual(failed(127, "env: 'nosuch': No such file or directory\n"));
  });
});

describe("printf", () => {
  it("formats strings, numbers and escapes", async () => {
    expect(await run("printf '%s=%d\\n' x 42")).toEqual(ok("x=42\n"));
    expect(await run("printf '%.2f|%5s|%-5s|%05d\\n' 3.14159 ab cd 42")).toEqual(ok("3.14|   ab|cd   |00042\n"));
    expect(await run("printf '%x %X %o %c %i %%\\n' 255 255 8 hello -7")).toEqual(ok("ff FF 10 h -7 %\n"));
    expect(await run("printf 'a\\tb\\\\c\\101\\n'")).toEqual(ok("a\tb\\cA\n"));
  });

  it("formats floats as C does, rounding exact ties to even", async () => {
    expect(await run("printf '%.0f %.2f %g %e %G\\n' 2.5 0.125 1e-5 1234.5 1e100")).toEqual(ok("2 0.12 1e-05 1.234500e+03 1E+100\n"));
  });

  it("interprets escapes in %b arguments, and \\c ends the output", async () => {
    expect(await run("printf '[%b]\\n' 'x\\ny\\0101'")).toEqual(ok("[x\nyA]\n"));
    expect(await run("printf '%b-%s' 'stop\\chere' never")).toEqual(ok("stop"));
  });

  it("reuses the format while arguments remain, and fills missing ones", async () => {
    expect(await run("printf '%s,%s\\n' a b c")).toEqual(ok("a,b\nc,\n"));
    expect(await run("printf '%s|%d|\\n'")).toEqual(ok("|0|\n"));
  });

  it("reports an invalid number, prints 0 and goes on", async () => {
    expect(await run("printf '%d\\n' abc 7")).toEqual(failed(1, "printf: 'abc': invalid number\n", "0\n7\n"));
  });

  it("reports usage errors", async () => {
    expect(await run("printf")).toEqual(failed(1, "printf: missing operand\n"));
    expect(await run("printf 'a%yb'")).toEqual(failed(1, "printf: %y: invalid conversion specification\n", "a"));
  });
});

describe("sleep", () => {
  it("waits for the given time, with decimals and suffixes", async () => {
    const start = Date.now();
    expect(await run("sleep 0.05 && sleep 0.001m && echo done")).toEqual(ok("done\n"));
    expect(Date.now() - start).toBeGreaterThanOrEqual(100);
  });

  it("rejects invalid or missing intervals", async () => {
    expect(await run("sleep 1x")).toEqual(failed(1, "sleep: invalid time interval '1x'\n"));
    expect(await run("sleep")).toEqual(failed(1, "sleep: missing operand\n"));
  });

  it("ends at once when killed", async () => {
    const start = Date.now();
    const result = await run("sleep 30", { timeout: 50 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(124);
    expect(Date.now() - start).toBeLessThan(5_000);
  });

  it("ends when its process is killed through the kernel", async () => {
    const handle = kernel.spawn(["sleep", "30"]);
    handle.kill("SIGTERM");
    expect(await handle.wait()).toEqual({ exitCode: 143, signal: "SIGTERM" });
  });
});
