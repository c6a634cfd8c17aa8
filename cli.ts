#!/usr/bin/env node
/**
 * The secure-exec command: runs shell command lines in a fresh kernel on the in-memory
 * filesystem, with the basic commands, the Node runtime (`node`) and `tsc` mounted.
 *
 *   secure-exec 'echo hi | cat'   runs one command line and exits with its status
 *   secure-exec                   an interactive prompt on a terminal, else reads stdin
 */
import { createNodeRuntime } from "./drivers/node/index.js";
import { createTscCommand } from "./drivers/typescript/index.js";
import { createKernel } from "./kernel/index.js";

const HELP = `Usage: secure-exec [COMMAND LINE]
Runs a shell command line in a sandboxed kernel on an in-memory filesystem and exits with its
status. Without one, opens a prompt on a terminal, or runs the lines read from stdin.
`;

async function main(argv: string[]): Promise<number> {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) {
    process.stderr.write(`secure-exec: needs Node.js 22 or later (this is ${process.version}); in this repo, \`npm start\` uses the Node 22 it installs\n`);
    return 1;
  }
  if (argv[0] === "--help" || argv[0] === "-h") {
    process.stdout.write(HELP);
    return 0;
  }
  const kernel = createKernel();
  await kernel.mount(createNodeRuntime());
  await kernel.mount(createTscCommand());
  try {
    if (argv.length > 0) {
      const result = await kernel.exec(argv.join(" "), {
        onStdout: (chunk) => process.stdout.write(chunk),
        onStderr: (chunk) => process.stderr.write(chunk),
      });
      return result.exitCode;
    }
    return await runShell(kernel, Boolean(process.stdin.isTTY));
  } finally {
    await kernel.dispose();
  }
}

async function runShell(kernel: ReturnType<typeof createKernel>, interactive: boolean): Promise<number> {
  if (interactive) {
    process.stderr.write("secure-exec: a sandboxed shell on an in-memory filesystem (try `node -p 6*7` or `ls /dev`); `exit` or Ctrl-D leaves.\n");
  }
  const shell = kernel.spawn(interactive ? ["sh", "-i"] : ["sh"]);
  const pump = async (from: typeof shell.stdout, to: NodeJS.WriteStream): Promise<void> => {
    for await (const chunk of from) to.write(chunk);
  };
  const output = Promise.all([pump(shell.stdout, process.stdout), pump(shell.stderr, process.stderr)]);

  // Ctrl-C interrupts the running command, not the shell.
  const interrupt = (): void => {
    for (const child of kernel.processes()) {
      if (child.ppid === shell.pid && child.running) kernel.kill(child.pid, "SIGINT");
    }
  };
  if (interactive) process.on("SIGINT", interrupt);
  const onData = (data: Buffer): void => {
    process.stdin.pause();
    shell.stdin.write(data).then(
      () => process.stdin.resume(),
      () => process.stdin.destroy(),
    );
  };
  const onEnd = (): void => shell.stdin.end();
  process.stdin.on("data", onData).on("end", onEnd);

  const status = await shell.wait();
  process.stdin.off("data", onData).off("end", onEnd);
  process.stdin.destroy();
  process.off("SIGINT", interrupt);
  await output;
  return status.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`secure-exec: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
