/** `os`: a fixed, plausible Linux machine (the sandbox does not reveal the host's). */
import type { BuiltinContext } from "./index.js";

const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10,
  SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20,
  SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29,
  SIGPWR: 30, SIGSYS: 31,
};
const ERRNO: Record<string, number> = {
  E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAGAIN: 11, EBADF: 9, EBUSY: 16, ECHILD: 10, ECONNABORTED: 103,
  ECONNREFUSED: 111, ECONNRESET: 104, EEXIST: 17, EFAULT: 14, EFBIG: 27, EINTR: 4, EINVAL: 22, EIO: 5, EISDIR: 21, ELOOP: 40,
  EMFILE: 24, ENAMETOOLONG: 36, ENFILE: 23, ENODEV: 19, ENOENT: 2, ENOMEM: 12, ENOSPC: 28, ENOSYS: 38, ENOTDIR: 20, ENOTEMPTY: 39,
  ENOTSUP: 95, EPERM: 1, EPIPE: 32, ERANGE: 34, EROFS: 30, ESPIPE: 29, ESRCH: 3, ETIMEDOUT: 110, EXDEV: 18,
};
const PRIORITY = { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 };

export function createOs({ global }: BuiltinContext): Record<string, unknown> {
  const process = global.process as { env: Record<string, string | undefined>; arch?: string; getuid?(): number; getgid?(): number };
  const TOTAL = 2 * 1024 ** 3;
  const home = () => process.env.HOME || "/root";
  const cpu = { model: "Virtual CPU", speed: 2400, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  return {
    EOL: "\n",
    devNull: "/dev/null",
    arch: () => process.arch ?? "x64",
    machine: () => (process.arch === "arm64" ? "aarch64" : "x86_64"),
    platform: () => "linux",
    type: () => "Linux",
    release: () => "6.0.0-secure-exec",
    version: () => "#1 SMP secure-exec",
    hostname: () => "sandbox",
    homedir: home,
    tmpdir: () => {
      const dir = process.env.TMPDIR || process.env.TMP || process.env.TEMP || "/tmp";
      return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
    },
    endianness: () => "LE",
    uptime: () => Math.floor(((global.performance as { now(): number } | undefined)?.now() ?? 0) / 1000),
    loadavg: () => [0, 0, 0],
    totalmem: () => TOTAL,
    freemem: () => TOTAL / 2,
    availableParallelism: () => 1,
    cpus: () => [{ ...cpu, times: { ...cpu.times } }],
    networkInterfaces: () => ({}),
    userInfo: (options?: { encoding?: string }) => {
      void options;
      const uid = process.getuid?.() ?? 0;
      return { uid, gid: process.getgid?.() ?? 0, username: process.env.USER || (uid === 0 ? "root" : "user"), homedir: home(), shell: process.env.SHELL || "/bin/sh" };
    },
    getPriority: () => 0,
    // Priorities mean nothing in the sandbox: accepted and ignored.
    setPriority: () => undefined,
    constants: {
      signals: { ...SIGNALS },
      errno: { ...ERRNO },
      priority: { ...PRIORITY },
      dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 },
      UV_UDP_REUSEADDR: 4,
    },
  };
}
