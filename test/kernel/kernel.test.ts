import { afterEach, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { createInMemoryFileSystem } from "../../fs/index.js";
import type { ProcessContext, RuntimeDriver } from "../../syscalls/index.js";

const kernels: Kernel[] = [];
function newKernel(...args: Parameters<typeof createKernel>): Kernel {
  const kernel = createKernel(...args);
  kernels.push(kernel);
  return kernel;
}
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((kernel) => kernel.dispose()));
});

/** A driver whose processes run the given function. */
function driver(name: string, commands: string[], run: (process: ProcessContext) => number | Promise<number>, extra: Partial<RuntimeDriver> = {}): RuntimeDriver {
  return { name, commands, run, ...extra };
}

describe("spawn and the process table", () => {
  it("streams stdin to a process and its stdout back", async () => {
    const kernel = newKernel();
    const child = kernel.spawn(["cat"]);
    await child.stdin.write("hello ");
    await child.stdin.write("world");
    child.stdin.end();
    expect(await child.stdout.text()).toBe("hello world");
    expect(await child.wait()).toEqual({ exitCode: 0 });
  });

  it("throws ENOENT for a command no driver runs", () => {
    const kernel = newKernel();
    expect(() => kernel.spawn(["nosuch"])).toThrow(expect.objectContaining({ code: "ENOENT", syscall: "spawn" }));
  });

  it("gives pids, parents and exit statuses", async () => {
    const kernel = newKernel();
    const seen: Array<{ pid: number; ppid: number }> = [];
    await kernel.mount(
      driver("ids", ["ids"], async (p) => {
        seen.push({ pid: p.pid, ppid: p.ppid });
        expect(p.sys.getpid()).toBe(p.pid);
        expect(p.sys.getppid()).toBe(p.ppid);
        return 7;
      }),
    );
    const result = await kernel.exec("ids; echo $?");
    expect(result.stdout).toBe("7\n");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.ppid).toBeGreaterThan(0);
    expect(seen[0]!.pid).toBeGreaterThan(seen[0]!.ppid);
    // Finished processes are reaped.
    expect(kernel.processes()).toEqual([]);
  });

  it("kill with SIGTERM, SIGKILL and SIGINT exits 128+n", async () => {
    const kernel = newKernel();
    for (const [signal, code] of [["SIGTERM", 143], ["SIGKILL", 137], ["SIGINT", 130]] as const) {
      const child = kernel.spawn(["sleep", "30"]);
      const listed = kernel.processes().find((p) => p.pid === child.pid);
      expect(listed).toMatchObject({ argv: ["sleep", "30"], running: true });
      child.kill(signal);
      expect(await child.wait()).toEqual({ exitCode: code, signal });
    }
  });

  it("a handler may take SIGTERM; SIGKILL always ends the process", async () => {
    const kernel = newKernel();
    const received: string[] = [];
    await kernel.mount(
      driver("stubborn", ["stubborn"], (p) => {
        p.onSignal((signal) => received.push(signal));
        return new Promise<number>(() => {});
      }),
    );
    const child = kernel.spawn(["stubborn"]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(["SIGTERM"]);
    expect(kernel.processes().find((p) => p.pid === child.pid)?.running).toBe(true);
    child.kill("SIGKILL");
    expect(await child.wait()).toEqual({ exitCode: 137, signal: "SIGKILL" });
  });

  it("a writer to a pipe whose reader is gone gets SIGPIPE (141)", async () => {
    const kernel = newKernel();
    await kernel.mount(
      driver("yes", ["yes"], async (p) => {
        for (;;) await p.stdout.write("y\n".repeat(1024));
      }),
    );
    const result = await kernel.exec("yes | head -n 2; echo ${?}");
    expect(result.stdout).toBe("y\ny\n0\n");
  });

  it("a driver that throws exits 1 with its message on stderr", async () => {
    const kernel = newKernel();
    await kernel.mount(
      driver("boom", ["boom"], () => {
        throw new Error("it broke");
      }),
    );
    expect(await kernel.exec("boom")).toEqual({ exitCode: 1, stdout: "", stderr: "boom: it broke\n" });
  });
});

describe("/dev", () => {
  it("has null, zero, urandom and the stdio devices", async () => {
    const kernel = newKernel();
    expect((await kernel.exec("ls /dev")).stdout).toBe("null\nstderr\nstdin\nstdout\nurandom\nzero\n");
    expect(await kernel.exec("cat /dev/null; echo x > /dev/null")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect((await kernel.exec("head -c 4 /dev/zero | wc -c")).stdout).toBe("4\n");
    expect((await kernel.exec("head -c 64 /dev/urandom | wc -c")).stdout).toBe("64\n");
    expect(await kernel.exec("echo to-err > /dev/stderr")).toEqual({ exitCode: 0, stdout: "", stderr: "to-err\n" });
    expect((await kernel.exec("cat /dev/stdin", { stdin: "in" })).stdout).toBe("in");
  });
});

describe("mount", () => {
  it("refuses a driver that requires a syscall group the kernel does not offer", async () => {
    const kernel = newKernel({ syscallGroups: ["fs", "stdio", "process"] });
    await expect(kernel.mount(driver("clocky", ["clocky"], () => 0, { requires: { syscalls: ["timers"] } }))).rejects.toMatchObject({
      code: "ERR_DRIVER_REQUIREMENT",
      message: expect.stringContaining("'timers'"),
    });
    expect(kernel.commands()).not.toContain("clocky");
  });

  it("refuses a driver that requires a missing command, and a command registered twice", async () => {
    const kernel = newKernel();
    await expect(kernel.mount(driver("needs", ["needs"], () => 0, { requires: { commands: ["python"] } }))).rejects.toMatchObject({
      code: "ERR_DRIVER_REQUIREMENT",
    });
    await expect(kernel.mount(driver("dup", ["cat"], () => 0))).rejects.toMatchObject({ code: "ERR_COMMAND_CONFLICT" });
    await expect(kernel.mount({} as RuntimeDriver)).rejects.toMatchObject({ code: "ERR_DRIVER_INVALID" });
  });

  it("gives a process only the syscall groups its driver declared", async () => {
    const kernel = newKernel();
    await kernel.mount(
      driver("fsonly", ["fsonly"], async (p) => {
        try {
          p.sys.setTimer(1, () => {});
          return 0;
        } catch (error) {
          await p.stdout.write(`${(error as { code: string }).code}\n`);
          return 3;
        }
      }, { requires: { syscalls: ["fs", "stdio"] } }),
    );
    expect(await kernel.exec("fsonly")).toMatchObject({ exitCode: 3, stdout: "ENOSYS\n" });
  });

  it("calls init at mount and dispose at kernel disposal", async () => {
    const kernel = createKernel();
    const events: string[] = [];
    await kernel.mount(
      driver("life", ["life"], () => 0, {
        init: (host) => {
          events.push(`init ${host.syscallGroups.join(",")}`);
        },
        dispose: () => {
          events.push("dispose");
        },
      }),
    );
    await kernel.dispose();
    await kernel.dispose();
    expect(events).toEqual(["init fs,process,stdio,timers", "dispose"]);
  });

  it("basic commands are mounted by default and removable by an option", async () => {
    expect(newKernel().commands()).toEqual(expect.arrayContaining(["cat", "ls", "sleep", "sh"]));
    const bare = newKernel({ basicCommands: false });
    expect(bare.commands()).toEqual(["sh"]);
    expect((await bare.exec("cat /x")).exitCode).toBe(127);
    expect((await bare.exec("echo builtins still work")).stdout).toBe("builtins still work\n");
  });
});

describe("dispose", () => {
  it("kills every process, is idempotent, and later calls fail clearly", async () => {
    const kernel = createKernel();
    const child = kernel.spawn(["sleep", "30"]);
    const running = kernel.exec("sleep 30");
    while (!kernel.processes().some((p) => p.argv.join(" ") === "sleep 30" && p.ppid !== 0)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await kernel.dispose();
    expect(await child.wait()).toEqual({ exitCode: 137, signal: "SIGKILL" });
    expect((await running).exitCode).toBe(137);
    await kernel.dispose();
    expect(kernel.disposed).toBe(true);
    await expect(kernel.exec("echo hi")).rejects.toMatchObject({ code: "ERR_KERNEL_DISPOSED", message: "Kernel has been disposed" });
    expect(() => kernel.spawn(["cat"])).toThrow(expect.objectContaining({ code: "ERR_KERNEL_DISPOSED" }));
    await expect(kernel.mount(driver("late", ["late"], () => 0))).rejects.toMatchObject({ code: "ERR_KERNEL_DISPOSED" });
  });

  it("two kernels share nothing", async () => {
    const a = newKernel();
    const b = newKernel();
    // Each kernel numbers its own processes.
    expect(a.spawn(["sh", "-c", "true"]).pid).toBe(1);
    expect(b.spawn(["sh", "-c", "true"]).pid).toBe(1);
    await a.exec("echo only-a > /tmp/file; export V=1");
    expect((await b.exec("cat /tmp/file")).exitCode).toBe(1);
    await a.mount(driver("mine", ["mine"], () => 0));
    expect(b.commands()).not.toContain("mine");
  });

  it("uses the filesystem it is given", async () => {
    const filesystem = createInMemoryFileSystem();
    await filesystem.writeFile("/data.txt", "from outside");
    const kernel = newKernel({ filesystem });
    expect((await kernel.exec("cat /data.txt && echo written > /out.txt")).stdout).toBe("from outside");
    expect(new TextDecoder().decode(await filesystem.readFile("/out.txt"))).toBe("written\n");
  });
});

describe("process limit", () => {
  it("refuses to start more than maxProcesses with EAGAIN, and frees slots as processes end", async () => {
    const kernel = newKernel({ maxProcesses: 3 });
    const sleepers = [kernel.spawn(["sleep", "30"]), kernel.spawn(["sleep", "30"]), kernel.spawn(["sleep", "30"])];
    expect(() => kernel.spawn(["sleep", "30"])).toThrow(expect.objectContaining({ code: "EAGAIN" }));
    expect(await kernel.exec("echo never")).toMatchObject({ exitCode: 126, stdout: "" });
    sleepers[0]!.kill("SIGKILL");
    await sleepers[0]!.wait();
    const next = kernel.spawn(["sleep", "0"]);
    expect(await next.wait()).toEqual({ exitCode: 0 });
  });
});
