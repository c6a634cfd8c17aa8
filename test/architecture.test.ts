/**
 * Keeps the layering mechanical: syscalls/ imports nothing of ours, drivers/ and plugins/ see the
 * kernel only through syscalls/ (the contract), fs/ never reaches into kernel/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sources(folder: string): string[] {
  const dir = join(root, folder);
  try {
    statSync(dir);
  } catch {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));
}

function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => relative(root, resolve(dirname(file), s)));
}

/** Top-level folders a layer may import, and single public entry files it may import besides. */
const RULES: Record<string, { allowed: string[]; entries?: string[] }> = {
  syscalls: { allowed: ["syscalls"] },
  fs: { allowed: ["syscalls", "fs"] },
  // A driver may build on the kernel's public API (NodeRuntime owns a kernel), never its internals.
  drivers: { allowed: ["syscalls", "fs", "drivers"], entries: ["kernel/index.js"] },
  plugins: { allowed: ["syscalls", "plugins"] },
};

it("each layer imports only what it may", () => {
  const violations: string[] = [];
  for (const [folder, rule] of Object.entries(RULES)) {
    for (const file of sources(folder)) {
      for (const target of localImports(file)) {
        const top = target.split("/")[0]!;
        if (!rule.allowed.includes(top) && !rule.entries?.includes(target)) violations.push(`${relative(root, file)} imports ${target}`);
      }
    }
  }
  expect(violations).toEqual([]);
  // The rule is live: the scan finds the files it checks.
  expect(sources("syscalls").length).toBeGreaterThan(3);
});
