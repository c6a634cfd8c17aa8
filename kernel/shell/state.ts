/** The shell's variables, exports and special parameters. */
export interface ShellState {
  vars: Map<string, string>;
  exported: Set<string>;
  /** `$?` */
  status: number;
  /** `$0` */
  name: string;
  /** `$1`, `$2`, ... */
  positional: string[];
  /** `$$` */
  pid: number;
  /** Set by `exit`: the script stops with this status. */
  exitCode?: number;
}

export function createShellState(env: Readonly<Record<string, string>>, pid: number, name: string, positional: string[]): ShellState {
  const vars = new Map(Object.entries(env));
  return { vars, exported: new Set(vars.keys()), status: 0, name, positional, pid };
}

/** A copy for a subshell (a pipeline stage): its changes never reach the parent. */
export function cloneShellState(state: ShellState): ShellState {
  return { ...state, vars: new Map(state.vars), exported: new Set(state.exported), exitCode: undefined };
}

/** The environment a command started from this shell receives. */
export function exportedEnv(state: ShellState, extra: ReadonlyArray<[string, string]> = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of state.exported) {
    const value = state.vars.get(name);
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of extra) env[name] = value;
  return env;
}

export function lookupVariable(state: ShellState, name: string): string {
  switch (name) {
    case "?":
      return String(state.status);
    case "$":
      return String(state.pid);
    case "#":
      return String(state.positional.length);
    case "@":
    case "*":
      return state.positional.join(" ");
    case "0":
      return state.name;
  }
  if (/^\d+$/.test(name)) return state.positional[Number(name) - 1] ?? "";
  return state.vars.get(name) ?? "";
}
