/**
 * `probeFile`: what the module loader asks of a file, in one call: its type and real path, and
 * for a source file its text. Answered by the application's syscall gateway, or by the V8 host
 * itself for the read-only node_modules overlay (see host/overlay-files.ts).
 */

/** Source files up to this size come with the answer. */
const PROBE_TEXT_BYTES = 1024 * 1024;

export interface ProbedFile {
  type: string;
  /** The path with its symlinks resolved. */
  real: string;
  /** UTF-8 text, for a file that is not TypeScript (stripped on its own read) and not large. */
  text?: string;
}

/** The three lookups a probe needs, sync or async. */
export interface ProbeOps {
  stat(path: string): { type: string; size: number } | Promise<{ type: string; size: number }>;
  realpath(path: string): string | Promise<string>;
  readFile(path: string): Uint8Array | Promise<Uint8Array>;
}

const decoder = new TextDecoder();

/** `.ts`, `.mts` and `.cts` files load with their types stripped, as Node 22 runs them. */
export function isTypeScript(path: string): boolean {
  return /\.[cm]?ts$/.test(path);
}

/** Whether a probe's answer carries the file's text. */
function withText(stat: { type: string; size: number }, real: string): boolean {
  return stat.type === "file" && !isTypeScript(real) && stat.size <= PROBE_TEXT_BYTES;
}

/** The probe of `path`, or null when nothing is there (or it cannot be reached). */
export async function probeFile(ops: ProbeOps, path: string): Promise<ProbedFile | null> {
  let stat;
  try {
    stat = await ops.stat(path);
  } catch {
    return null;
  }
  const real = await ops.realpath(path);
  return withText(stat, real) ? { type: stat.type, real, text: decoder.decode(await ops.readFile(real)) } : { type: stat.type, real };
}

/** `probeFile` over synchronous lookups. */
export function probeFileSync(ops: { [K in keyof ProbeOps]: (path: string) => Awaited<ReturnType<ProbeOps[K]>> }, path: string): ProbedFile | null {
  let stat;
  try {
    stat = ops.stat(path);
  } catch {
    return null;
  }
  const real = ops.realpath(path);
  return withText(stat, real) ? { type: stat.type, real, text: decoder.decode(ops.readFile(real)) } : { type: stat.type, real };
}
