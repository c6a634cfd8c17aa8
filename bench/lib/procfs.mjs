/** Linux /proc readers for the memory figures of the benchmarks. */
import { readdirSync, readFileSync } from "node:fs";

/** Resident set size of a process in bytes (VmRSS of /proc/PID/status), or undefined if unreadable. */
export function rssOf(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Pids of the direct children of `pid` (all its threads' children files). */
export function childPids(pid = process.pid) {
  const pids = new Set();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/)) if (child) pids.add(Number(child));
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // No /proc: no children to report.
  }
  return [...pids];
}

/** The short command name of a process (/proc/PID/comm), or "" if it is gone. */
export function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

export const MB = 1024 * 1024;
