/**
 * The syscall table: the one source of truth for which syscalls exist and which group each
 * belongs to. Names, groups and the `Syscalls` interface below are all derived from it; a driver
 * declares the groups it needs and the kernel checks them at mount.
 */
export const SYSCALL_TABLE = {
  // fs: paths and file descriptors
  open: { group: "fs" },
  close: { group: "fs" },
  read: { group: "fs" },
  write: { group: "fs" },
  stat: { group: "fs" },
  lstat: { group: "fs" },
  fstat: { group: "fs" },
  readdir: { group: "fs" },
  mkdir: { group: "fs" },
  rmdir: { group: "fs" },
  rm: { group: "fs" },
  unlink: { group: "fs" },
  rename: { group: "fs" },
  symlink: { group: "fs" },
  link: { group: "fs" },
  readlink: { group: "fs" },
  realpath: { group: "fs" },
  access: { group: "fs" },
  chmod: { group: "fs" },
  utimes: { group: "fs" },
  lutimes: { group: "fs" },
  statfs: { group: "fs" },
  truncate: { group: "fs" },
  copyFile: { group: "fs" },
  readFile: { group: "fs" },
  writeFile: { group: "fs" },
  exists: { group: "fs" },
  // process
  spawn: { group: "process" },
  wait: { group: "process" },
  kill: { group: "process" },
  exit: { group: "process" },
  getpid: { group: "process" },
  getppid: { group: "process" },
  cwd: { group: "process" },
  chdir: { group: "process" },
  getenv: { group: "process" },
  setenv: { group: "process" },
  unsetenv: { group: "process" },
  environ: { group: "process" },
  // stdio: fds as byte streams (read, write and close above serve every kind of fd)
  isatty: { group: "stdio" },
  pipe: { group: "stdio" },
  dup: { group: "stdio" },
  dup2: { group: "stdio" },
  // timers
  clockWall: { group: "timers" },
  clockMonotonic: { group: "timers" },
  setTimer: { group: "timers" },
  clearTimer: { group: "timers" },
} as const;

export type SyscallName = keyof typeof SYSCALL_TABLE;
export type SyscallGroup = (typeof SYSCALL_TABLE)[SyscallName]["group"];

/** Every syscall group, derived from the table. */
export const SYSCALL_GROUPS: readonly SyscallGroup[] = [
  ...new Set(Object.values(SYSCALL_TABLE).map((entry) => entry.group)),
];

/** The names of the syscalls in one group, derived from the table. */
export function syscallsInGroup(group: SyscallGroup): SyscallName[] {
  return (Object.keys(SYSCALL_TABLE) as SyscallName[]).filter(
    (name) => SYSCALL_TABLE[name].group === group,
  );
}

export function isSyscallGroup(value: string): value is SyscallGroup {
  return (SYSCALL_GROUPS as readonly string[]).includes(value);
}
