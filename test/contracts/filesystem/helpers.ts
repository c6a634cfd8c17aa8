import posix from "node:path/posix";
import { afterEach, beforeEach, expect } from "vitest";
import { SystemError, type ErrnoCode } from "../../../syscalls/errors.js";
import type { FileSystem } from "../../../syscalls/fs-types.js";

/** What a contract suite's `create` returns: the filesystem and how to dispose of it. */
export interface FilesystemUnderTest {
  fs: FileSystem;
  cleanup?: () => void | Promise<void>;
}

export interface SuiteOptions {
  /** Called before every test for a fresh filesystem. */
  create: () => FilesystemUnderTest | Promise<FilesystemUnderTest>;
  /**
   * The directory the suite works in; for a mount-composed filesystem, a path inside one mount,
   * so that the suite runs through each of them.
   * @default "/"
   */
  base?: string;
}

export interface Context {
  fs: FileSystem;
  /** A fresh, empty, writable directory (writable suites) or the fixture's root (read suites). */
  dir: string;
  /** `dir` joined with `names`. */
  at(...names: string[]): string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const bytes = (text: string): Uint8Array => encoder.encode(text);
export const text = (data: Uint8Array): string => decoder.decode(data);

/**
 * Registers beforeEach/afterEach that build a fresh filesystem per test; returns a getter for
 * the current one. With `workDir`, the tests get an empty directory of their own under `base`.
 */
export function useFilesystem(options: SuiteOptions, workDir: string | null): () => Context {
  let current: (FilesystemUnderTest & { dir: string }) | undefined;
  beforeEach(async () => {
    const made = await options.create();
    const base = options.base ?? "/";
    const dir = workDir === null ? base : posix.join(base, workDir);
    if (workDir !== null) await made.fs.mkdir(dir, { recursive: true });
    current = { ...made, dir };
  });
  afterEach(async () => {
    await current?.cleanup?.();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("no filesystem: called outside a test");
    const { fs, dir } = current;
    return { fs, dir, at: (...names) => posix.join(dir, ...names) };
  };
}

/** Asserts that `action` fails with a SystemError of `code` (and the given context). */
export async function expectCode(
  action: Promise<unknown> | (() => unknown),
  code: ErrnoCode,
  context: { syscall?: string; path?: string; dest?: string } = {},
): Promise<SystemError> {
  let error: unknown;
  try {
    await (typeof action === "function" ? action() : action);
  } catch (caught) {
    error = caught;
  }
  expect(error, `expected ${code}`).toBeInstanceOf(SystemError);
  const systemError = error as SystemError;
  expect(systemError.code).toBe(code);
  expect(systemError.message.startsWith(`${code}: `)).toBe(true);
  for (const [key, value] of Object.entries(context)) {
    expect(systemError[key as keyof typeof context]).toBe(value);
  }
  return systemError;
}

/** Everything under `dir` as path → content (files), "<dir>", or "-> target" (links). */
export async function snapshot(fs: FileSystem, dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await fs.readdirWithTypes(dir)) {
    const path = posix.join(dir, entry.name);
    const stat = await fs.lstat(path);
    const meta = `${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs}`;
    if (entry.type === "directory") {
      result[path] = `<dir> ${meta}`;
      Object.assign(result, await snapshot(fs, path));
    } else if (entry.type === "symlink") {
      result[path] = `-> ${await fs.readlink(path).catch((error: { code?: string }) => error.code)} ${meta}`;
    } else {
      result[path] = `${text(await fs.readFile(path))} ${meta}`;
    }
  }
  return result;
}
