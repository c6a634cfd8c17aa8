import { describe, expect, it } from "vitest";
import { SYSCALL_GROUPS, SYSCALL_TABLE, SystemError, parseSignal, syscallsInGroup, toSystemError } from "../../syscalls/index.js";

describe("the syscall table", () => {
  it("derives the groups and their members from one table", () => {
    expect(SYSCALL_GROUPS).toEqual(["fs", "process", "stdio", "timers"]);
    expect(syscallsInGroup("fs")).toEqual(expect.arrayContaining(["open", "close", "read", "write", "stat", "lstat", "fstat", "readdir", "mkdir", "rmdir", "unlink", "rename", "symlink", "readlink", "realpath", "access", "chmod", "utimes", "truncate", "copyFile"]));
    expect(syscallsInGroup("process")).toEqual(["spawn", "wait", "kill", "exit", "getpid", "getppid", "cwd", "chdir", "getenv", "setenv", "unsetenv", "environ"]);
    expect(syscallsInGroup("stdio")).toEqual(["isatty", "pipe", "dup", "dup2"]);
    expect(syscallsInGroup("timers")).toEqual(["clockWall", "clockMonotonic", "setTimer", "clearTimer"]);
    const total = SYSCALL_GROUPS.reduce((sum, group) => sum + syscallsInGroup(group).length, 0);
    expect(total).toBe(Object.keys(SYSCALL_TABLE).length);
  });
});

describe("SystemError", () => {
  it("is shaped like Node's SystemError", () => {
    const error = new SystemError("ENOENT", { syscall: "open", path: "/x" });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "ENOENT", errno: -2, syscall: "open", path: "/x" });
    expect(error.message).toBe("ENOENT: no such file or directory, open '/x'");
    expect(new SystemError("EXDEV", { syscall: "rename", path: "/a", dest: "/b" }).message).toBe("EXDEV: cross-device link not permitted, rename '/a' -> '/b'");
  });

  it("keeps a foreign error's code and drops its message", () => {
    const hostError = Object.assign(new Error("ENOENT: no such file, open '/home/secret/x'"), { code: "ENOENT" });
    const converted = toSystemError(hostError, { syscall: "open", path: "/x" });
    expect(converted.message).toBe("ENOENT: no such file or directory, open '/x'");
    expect(toSystemError(new Error("weird"), { syscall: "read" }).code).toBe("EIO");
  });

  it("parses signal names and numbers", () => {
    expect(parseSignal("TERM")).toBe("SIGTERM");
    expect(parseSignal(9)).toBe("SIGKILL");
    expect(parseSignal("2")).toBe("SIGINT");
    expect(parseSignal("NOPE")).toBeUndefined();
  });
});
